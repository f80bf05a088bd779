package org.sluice.console;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.security.enterprise.SecurityContext;

/**
 * What the signed-in user may do, so a page shows only the buttons that will work. The services enforce the same
 * roles; this is for the eye only.
 */
@Named
@RequestScoped
public class CurrentUser {

    @Inject
    private SecurityContext security;

    public boolean isOperator() {
        return security.isCallerInRole("operator") || isAdmin();
    }

    public boolean isAdmin() {
        return security.isCallerInRole("admin");
    }

    public String getUser() {
        return security.getCallerPrincipal() == null
                ? ""
                : security.getCallerPrincipal().getName();
    }
}
