package org.sluice.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sluice.audit.boundary.AuditLog;

/** Who the audit log and a webhook's created-by name for a change. */
class AuditActorTest {

    @Test
    void aChangeWithoutAUserIsTheSystemsAndALongNameIsCutToTheColumn() {
        assertEquals("ops-admin", AuditLog.actor(() -> "ops-admin"));
        assertEquals("system", AuditLog.actor(null));
        assertEquals("system", AuditLog.actor(() -> null));
        assertEquals("system", AuditLog.actor(() -> " "));
        assertEquals("system", AuditLog.actor(() -> "anonymous"), "WildFly's unauthenticated caller");
        String actor = AuditLog.actor(() -> "x".repeat(500));
        assertEquals(200, actor.length());
        assertEquals("x".repeat(197) + "...", actor);
    }
}
