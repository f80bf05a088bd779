package org.sluice.it.inside;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The test WAR's own (no-op) Jakarta Security mechanism: WildFly applies Jakarta Security to every web module of an
 * EAR that has a mechanism, but sluice-web.war's bean is not visible from this WAR, so without one of its own every
 * request here would fail. Requests stay unauthenticated: the tests choose their role with the {@code As*} beans.
 */
@ApplicationScoped
public class PassThroughMechanism implements HttpAuthenticationMechanism {

    @Override
    public AuthenticationStatus validateRequest(
            HttpServletRequest request, HttpServletResponse response, HttpMessageContext context) {
        return context.doNothing();
    }
}
