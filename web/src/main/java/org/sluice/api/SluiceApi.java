package org.sluice.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.info.License;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/**
 * Sluice's JSON API under /sluice/api: the same operations the console and scripts use. Every call needs HTTP Basic
 * credentials of a WildFly application user in role admin, operator or viewer ({@code org.sluice.security.Roles}),
 * except the unsubscribe endpoints. WildFly's microprofile-openapi-smallrye subsystem serves its description at
 * {@code /openapi}.
 */
@ApplicationPath("api")
@OpenAPIDefinition(
        info =
                @Info(
                        title = "Sluice",
                        version = "1",
                        license = @License(name = "Apache-2.0", url = "https://www.apache.org/licenses/LICENSE-2.0"),
                        description =
                                "Large e-mail campaigns through existing MTAs. Roles: admin (everything, incl. MTAs and"
                                        + " the suppression list), operator (campaigns: create, import, send, stop, restart), viewer"
                                        + " (read only). 401 without or with wrong credentials, 403 for a role that may not."),
        security = @SecurityRequirement(name = SluiceApi.BASIC))
@SecurityScheme(
        securitySchemeName = SluiceApi.BASIC,
        type = SecuritySchemeType.HTTP,
        scheme = "basic",
        description = "A user of Sluice's WildFly realm SluiceRealm (add-user.sh -up sluice-users.properties"
                + " -gp sluice-roles.properties -r SluiceRealm -u NAME -p PASS -g admin|operator|viewer)")
public class SluiceApi extends Application {

    static final String BASIC = "basic";
}
