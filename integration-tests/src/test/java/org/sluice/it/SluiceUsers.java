package org.sluice.it;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The users the test servers have in Sluice's realm SluiceRealm, one per Sluice role, created by WildFly's own
 * {@code add-user.sh -up sluice-users.properties -gp sluice-roles.properties -r SluiceRealm} in
 * integration-tests/pom.xml (names and passwords are the pom's {@code sluice.it.<role>-user} / {@code -password}
 * properties, passed to the tests as system properties).
 */
public record SluiceUsers(String user, String password) {

    public static final SluiceUsers ADMIN = new SluiceUsers(
            System.getProperty("sluice.it.admin-user", "sluice-admin"),
            System.getProperty("sluice.it.admin-password", "Admin-Test-0nly!"));
    public static final SluiceUsers OPERATOR = new SluiceUsers(
            System.getProperty("sluice.it.operator-user", "sluice-operator"),
            System.getProperty("sluice.it.operator-password", "Operator-Test-0nly!"));
    public static final SluiceUsers VIEWER = new SluiceUsers(
            System.getProperty("sluice.it.viewer-user", "sluice-viewer"),
            System.getProperty("sluice.it.viewer-password", "Viewer-Test-0nly!"));

    /** The value of an {@code Authorization} header for HTTP Basic (RFC 7617). */
    public String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
