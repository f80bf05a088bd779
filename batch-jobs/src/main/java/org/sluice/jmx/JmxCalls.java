package org.sluice.jmx;

import jakarta.ejb.EJBException;
import java.util.function.Supplier;

/**
 * Runs an MBean's call on Sluice's services the way a JMX client can read the outcome: with the deployment's class
 * loader as context (the remoting thread has none of Sluice's; the batch runtime finds the job through it), and any
 * failure turned into a JDK exception carrying only its message (a console does not have Sluice's or the EJB
 * container's exception classes to unmarshal a cause). The work runs through {@link RunAsAdmin}, as the services
 * require a role and the JMX caller's management identity is not one of the application's.
 */
final class JmxCalls {

    private final ClassLoader deployment;
    private final RunAsAdmin admin;

    JmxCalls(ClassLoader deployment, RunAsAdmin admin) {
        this.deployment = deployment;
        this.admin = admin;
    }

    <T> T call(Supplier<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(deployment);
        try {
            return admin.call(work);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause instanceof EJBException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof IllegalArgumentException) {
                throw new IllegalArgumentException(message);
            }
            throw new IllegalStateException(message);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }
}
