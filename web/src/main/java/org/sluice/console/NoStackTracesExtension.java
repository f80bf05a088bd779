package org.sluice.console;

import io.undertow.servlet.ServletExtension;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.ServletStackTraces;
import jakarta.servlet.ServletContext;

/**
 * No stack trace in an error response of this web module, also not for a request from the server's own host (the
 * servlet container's default, {@code stack-trace-on-error=local-only}). {@link ServerErrorFilter} answers what
 * escapes a servlet; this covers what fails before or around it. Set for this deployment only, so the server's
 * setting stays as other applications know it. Registered in META-INF/services (an Undertow servlet extension, run
 * after WildFly has built the deployment's settings).
 */
public class NoStackTracesExtension implements ServletExtension {

    @Override
    public void handleDeployment(DeploymentInfo deployment, ServletContext context) {
        deployment.setServletStackTraces(ServletStackTraces.NONE);
    }
}
