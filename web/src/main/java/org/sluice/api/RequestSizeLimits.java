package org.sluice.api;

import java.util.regex.Pattern;
import org.sluice.config.Setting;

/**
 * How large a request body may be, by path. The recipient CSV upload may be large (a 1,000,000-row file is ~60 MB),
 * the unauthenticated unsubscribe endpoint takes a few KiB (RFC 8058's one-click body is one short field), and
 * everything else WildFly's stock limit (10 MB, the listener's max-post-size default).
 *
 * @param uploadMaxBytes  the largest CSV upload ({@code sluice.upload.max-bytes})
 * @param requestMaxBytes the largest body anywhere else ({@code sluice.request.max-bytes})
 */
public record RequestSizeLimits(long uploadMaxBytes, long requestMaxBytes) {

    /** Room for the one-click field (also as multipart/form-data, with its boundaries and headers), and no more. */
    public static final long UNSUBSCRIBE_MAX_BYTES = 4096;

    /** 2 GiB; also the HTTP listeners' max-post-size in the server's CLI script. */
    public static final Setting UPLOAD_MAX = Setting.of("sluice.upload.max-bytes", "2147483648");
    /** 10 MiB, WildFly's own max-post-size. */
    public static final Setting REQUEST_MAX = Setting.of("sluice.request.max-bytes", "10485760");

    private static final Pattern CSV_UPLOAD = Pattern.compile("/api/campaigns/[0-9]+/recipients/?");

    /** From the settings, refusing a value that is not a positive number of bytes. */
    public static RequestSizeLimits fromSettings() {
        return new RequestSizeLimits(UPLOAD_MAX.longValue(1, "bytes"), REQUEST_MAX.longValue(1, "bytes"));
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
}
