package org.sluice.security;

/**
 * Sluice's roles, as groups of its WildFly realm SluiceRealm ({@code add-user.sh ... -r SluiceRealm -g admin}). A
 * user needs one of them: every role list below names each role that may call, so an admin is not required to also
 * hold operator.
 * <ul>
 *   <li>{@code admin}: everything, including MTA settings, the suppression list and the bounce mailbox;</li>
 *   <li>{@code operator}: campaigns (create, import recipients, send, stop, restart) and reading;</li>
 *   <li>{@code viewer}: reading only.</li>
 * </ul>
 * The services (EJBs) enforce these with {@code @RolesAllowed} on what a person triggers; what only Sluice's own
 * machinery calls (batch steps, timers, probe replies, the unsubscribe endpoint, MBean refresh), which runs with no
 * caller, is {@code @PermitAll} and not reachable through the API.
 */
public final class Roles {

    public static final String ADMIN = "admin";
    public static final String OPERATOR = "operator";
    public static final String VIEWER = "viewer";

    private Roles() {}
}
