package org.sluice.delivery.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.Optional;
import java.util.logging.Logger;
import org.sluice.delivery.control.SmtpGreetingCheck;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.security.Roles;

/** "Test connection" for an admin: opens an SMTP session to an MTA as a send would, and sends nothing. */
@Stateless
public class ConnectionChecks {

    private static final Logger LOG = Logger.getLogger(ConnectionChecks.class.getName());

    @EJB
    private MtaRegistry registry;

    /** Empty when no MTA has this name. No transaction is held while the MTA answers. */
    @RolesAllowed(Roles.ADMIN)
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Optional<SmtpGreetingCheck.Result> check(String mtaName) {
        return registry.byName(mtaName).map(mta -> {
            SmtpGreetingCheck.Result result = SmtpGreetingCheck.check(mta);
            LOG.info(() -> "Connection check of MTA " + mta.getName() + " (" + mta.getHost() + ":" + mta.getPort()
                    + "): " + (result.problem() == null ? "OK" : result.problem()) + " in " + result.millis() + " ms");
            return result;
        });
    }
}
