package org.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users the test servers have in Sluice's realm SluiceRealm, one per Sluice role, created by WildFly's own
 * {@code add-user.sh -up sluice-users.properties -gp sluice-roles.properties -r SluiceRealm} in
 * integration-tests/pom.xml (names and passwords are the pom's {@code sluice.it.*.user} / {@code .password}
 * properties, passed to the tests as system properties).
 */
public record SluiceUsers(String user, String password) {

    public static final SluiceUsers ADMIN = of("admin", "sluice-admin", "Admin-Test-0nly!");
    public static final SluiceUsers OPERATOR = of("operator", "sluice-operator", "Operator-Test-0nly!");
    public static final SluiceUsers VIEWER = of("viewer", "sluice-viewer", "Viewer-Test-0nly!");

    /** The value of an {@code Authorization} header for HTTP Basic (RFC 7617). */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static SluiceUsers of(String role, String user, String password) {
        return new SluiceUsers(
                System.getProperty("sluice.it." + role + ".user", user),
                System.getProperty("sluice.it." + role + ".password", password));
    }
}
