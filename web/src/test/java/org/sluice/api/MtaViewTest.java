package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;
import org.sluice.mta.entity.TlsMode;

class MtaViewTest {

    /** The OpenAPI document gives tlsMode's values; a generated client refuses any other, so they must be TlsMode's. */
    @Test
    void theDocumentedTlsModesAreTheOnesSluiceKnows() throws Exception {
        Schema schema = MtaResource.MtaView.class.getDeclaredField("tlsMode").getAnnotation(Schema.class);
        assertEquals(Arrays.stream(TlsMode.values()).map(Enum::name).toList(), List.of(schema.enumeration()));
    }
}
