package org.sluice.api;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * Operations that change state but take no body (send, stop, restart, fetch bounces, delete) refuse a request that
 * carries one, with 415: a form (application/x-www-form-urlencoded, multipart/form-data, text/plain) is what another
 * site's page can post without the browser asking first (Fetch: CORS-safelisted types), so taking any content type
 * would let such a post through. Operations with a body say its type with {@code @Consumes}.
 */
@Provider
public class BodylessOperationsFeature implements DynamicFeature {

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        Method method = resource.getResourceMethod();
        boolean changes = method.isAnnotationPresent(POST.class)
                || method.isAnnotationPresent(PUT.class)
                || method.isAnnotationPresent(PATCH.class)
                || method.isAnnotationPresent(DELETE.class);
        if (changes && !method.isAnnotationPresent(Consumes.class) && !hasEntityParameter(method)) {
            context.register(new RefuseBody());
        }
    }

    /** A parameter without a Jakarta REST annotation (@PathParam, @Context...) is the request body. */
    static boolean hasEntityParameter(Method method) {
        return Arrays.stream(method.getParameterAnnotations())
                .anyMatch(annotations -> Arrays.stream(annotations)
                        .map(Annotation::annotationType)
                        .noneMatch(type -> type.getPackageName().startsWith("jakarta.ws.rs")));
    }

    static final class RefuseBody implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            String type = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
            if (type != null || request.getLength() > 0 || request.getHeaderString("Transfer-Encoding") != null) {
                request.abortWith(ApiErrors.response(
                        Response.Status.UNSUPPORTED_MEDIA_TYPE,
                        request.getMethod()
                                + " /api/" + request.getUriInfo().getPath().replaceFirst("^/", "") + " takes no body"
                                + (type == null ? "" : " (got Content-Type " + type + ")")));
            }
        }
    }
}
