package org.sluice.api;

import java.util.regex.Pattern;

/**
 * How large a request body may be, by path. The recipient CSV upload may be large (a 1,000,000-row file is ~60 MB),
 * the unauthenticated unsubscribe endpoint takes a few KiB (RFC 8058's one-click body is one short field), and
 * everything else WildFly's stock limit (10 MB, the listener's max-post-size default).
 *
 * @param uploadMaxBytes  the largest CSV upload ({@value #UPLOAD_MAX_PROPERTY})
 * @param requestMaxBytes the largest body anywhere else ({@value #REQUEST_MAX_PROPERTY})
 */
public record RequestSizeLimits(long uploadMaxBytes, long requestMaxBytes) {

    /** Room for the one-click field (also as multipart/form-data, with its boundaries and headers), and no more. */
    public static final long UNSUBSCRIBE_MAX_BYTES = 4096;

    public static final String UPLOAD_MAX_PROPERTY = "sluice.upload.max.bytes";
    public static final long UPLOAD_MAX_DEFAULT = 2L * 1024 * 1024 * 1024;
    public static final String REQUEST_MAX_PROPERTY = "sluice.request.max.bytes";
    public static final long REQUEST_MAX_DEFAULT = 10L * 1024 * 1024;

    private static final Pattern CSV_UPLOAD = Pattern.compile("/api/campaigns/[0-9]+/recipients/?");

    /** From the system properties, refusing a value that is not a positive number of bytes. */
    public static RequestSizeLimits fromSystemProperties() {
        return new RequestSizeLimits(
                bytes(UPLOAD_MAX_PROPERTY, UPLOAD_MAX_DEFAULT), bytes(REQUEST_MAX_PROPERTY, REQUEST_MAX_DEFAULT));
    }

    /**
     * @param path the canonical path below the web module's context path, e.g. {@code /api/campaigns/7/recipients}
     * @return the most bytes this request's body may have
     */
    public long limit(String method, String path) {
        if (path.startsWith("/api/unsubscribe/")) {
            return UNSUBSCRIBE_MAX_BYTES;
        }
        if ("POST".equals(method) && CSV_UPLOAD.matcher(path).matches()) {
            return uploadMaxBytes;
        }
        return requestMaxBytes;
    }

    private static long bytes(String property, long defaultValue) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            long bytes = Long.parseLong(value.strip());
            if (bytes > 0) {
                return bytes;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new IllegalArgumentException(property + "='" + value + "' must be a positive number of bytes");
    }
}
