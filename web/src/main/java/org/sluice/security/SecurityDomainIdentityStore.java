package org.sluice.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;
import java.util.HashSet;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.SecurityIdentity;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Checks a user name and password against the WildFly security domain the deployment runs in (SluiceDomain:
 * SluiceRealm's {@code sluice-users.properties} / {@code sluice-roles.properties}, which
 * {@code add-user.sh -up sluice-users.properties -gp sluice-roles.properties -r SluiceRealm -u NAME -p PASS -g ROLE}
 * writes). The groups the realm gives are the caller's roles ({@link Roles}). An admin manages users with WildFly's
 * own tool and Sluice stores no passwords; pointing the domain at LDAP or a database later needs no change here.
 */
@ApplicationScoped
public class SecurityDomainIdentityStore implements IdentityStore {

    private static final Logger LOG = Logger.getLogger(SecurityDomainIdentityStore.class.getName());

    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential login)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        SecurityDomain domain = SecurityDomain.getCurrent();
        if (domain == null) {
            LOG.severe("Sluice's web module has no WildFly security domain: nobody can log in");
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        try {
            SecurityIdentity identity = domain.authenticate(
                    login.getCaller(),
                    new PasswordGuessEvidence(login.getPassword().getValue()));
            Set<String> roles = new HashSet<>();
            identity.getRoles().forEach(roles::add);
            return new CredentialValidationResult(identity.getPrincipal().getName(), roles);
        } catch (SecurityException e) {
            // Unknown user or wrong password: Elytron does not say which, nor do we.
            return CredentialValidationResult.INVALID_RESULT;
        } catch (RealmUnavailableException e) {
            LOG.log(Level.WARNING, "The security realm is unavailable; refusing the login of " + login.getCaller(), e);
            return CredentialValidationResult.INVALID_RESULT;
        }
    }
}
