package org.sluice.jmx;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.function.Supplier;
import org.sluice.security.Roles;

/**
 * Runs an MBean operation on Sluice's services in the role {@code admin}. The JMX client was authenticated by
 * WildFly's management interface (a ManagementRealm user, like the CLI), but that identity does not reach the
 * application's security domain: without this the services, which require a role, would see no caller. A
 * management user may already start jobs and change anything through the CLI, so JMX gets the same reach.
 */
@Stateless
@PermitAll
@RunAs(Roles.ADMIN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RunAsAdmin {

    public <T> T call(Supplier<T> work) {
        return work.get();
    }
}
