package org.sluice.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestSizeLimitsTest {

    private final RequestSizeLimits limits = new RequestSizeLimits(60_000_000, 10_485_760);

    @AfterEach
    void clearProperties() {
        System.clearProperty(RequestSizeLimits.UPLOAD_MAX.name());
        System.clearProperty(RequestSizeLimits.REQUEST_MAX.name());
        System.clearProperty("sluice.upload.max.bytes");
    }

    @Test
    void theCsvUploadTakesTheUploadLimit() {
        assertEquals(60_000_000, limits.limit("POST", "/api/campaigns/17/recipients"));
        assertEquals(60_000_000, limits.limit("POST", "/api/campaigns/17/recipients/"));
    }

    @Test
    void theUnsubscribeEndpointTakesAFewKilobytes() {
        assertEquals(4096, limits.limit("POST", "/api/unsubscribe/1.2.abc"));
        assertEquals(4096, limits.limit("GET", "/api/unsubscribe/1.2.abc"));
    }

    @Test
    void everythingElseTakesTheRequestLimit() {
        for (String[] request : new String[][] {
            {"PUT", "/api/campaigns/17/recipients"},
            {"POST", "/api/campaigns/17/recipients/query"},
            {"POST", "/api/campaigns"},
            {"POST", "/api/campaigns/x/recipients"},
            {"POST", "/campaigns.xhtml"},
            {"POST", "/api/campaigns/17/recipients/extra"}
        }) {
            assertEquals(10_485_760, limits.limit(request[0], request[1]), String.join(" ", request));
        }
    }

    @Test
    void theLimitsAreReadThroughMicroProfileConfigWithTwoGibibytesAndTenMebibytesByDefault() {
        assertEquals(
                new RequestSizeLimits(2L * 1024 * 1024 * 1024, 10L * 1024 * 1024), RequestSizeLimits.fromSettings());
        System.setProperty("sluice.request.max-bytes", "1000");
        assertEquals(1000, RequestSizeLimits.fromSettings().requestMaxBytes());
        System.setProperty("sluice.upload.max-bytes", "100000000");
        assertEquals(100_000_000, RequestSizeLimits.fromSettings().uploadMaxBytes());
        System.setProperty("sluice.upload.max-bytes", "-5");
        assertEquals(
                "sluice.upload.max-bytes is '-5': must be a whole number of bytes, 1 or more",
                assertThrows(IllegalArgumentException.class, RequestSizeLimits::fromSettings)
                        .getMessage());
    }

    @Test
    void theUploadLimitsFormerNameIsStillHonoured() {
        System.setProperty("sluice.upload.max.bytes", "5000");
        assertEquals(5000, RequestSizeLimits.fromSettings().uploadMaxBytes());
        System.setProperty("sluice.upload.max-bytes", "6000");
        assertEquals(6000, RequestSizeLimits.fromSettings().uploadMaxBytes(), "the new name wins");
    }
}
