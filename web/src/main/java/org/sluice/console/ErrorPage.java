package org.sluice.console;

import jakarta.ws.rs.core.Response;
import java.util.Locale;

/**
 * What an error page says for an HTTP status: a title, a sentence, the detail the application gave for a 404
 * ({@link NotFound}: which campaign), and the log reference of a server error, in the console's language ({@code
 * locale}, from the bundle). Never the exception: its class, message and stack trace belong in the server log only.
 */
record ErrorPage(int status, String title, String text, String reference, Locale locale) {

    static ErrorPage of(int status, String detail, String reference, Locale locale) {
        String key = switch (status) {
            case 401, 403, 404, 429 -> String.valueOf(status);
            default -> status >= 500 ? "500" : "400";
        };
        // The application's detail (which campaign) is already in the page's language. Undertow's own sendError
        // carries the English reason phrase instead, which says less than the general sentence.
        Response.Status known = Response.Status.fromStatusCode(status);
        boolean ownDetail = (status == 404 || status == 429)
                && detail != null
                && !detail.isBlank()
                && !(known != null && detail.equals(known.getReasonPhrase()));
        return new ErrorPage(
                status,
                ConsoleText.message(locale, "error." + key + ".title"),
                ownDetail ? detail : ConsoleText.message(locale, "error." + key + ".text"),
                status >= 500 ? reference : null,
                locale);
    }

    String html(String contextPath) {
        StringBuilder html = new StringBuilder(600)
                .append("<!DOCTYPE html>\n<html lang=\"")
                .append(escape(locale.toLanguageTag()))
                .append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>")
                .append(escape(title))
                .append(" - ")
                .append(escape(ConsoleText.message(locale, "app.name")))
                .append("</title>")
                .append("<style>body{font-family:system-ui,sans-serif;background:#f4f6f8;margin:0}")
                .append("main{max-width:32rem;margin:12vh auto;background:#fff;padding:2rem;border-radius:6px;")
                .append("box-shadow:0 1px 4px rgba(0,0,0,.12)}h1{font-size:1.4rem;margin:0 0 1rem}</style>")
                .append("</head><body><main><h1>")
                .append(escape(title))
                .append("</h1>")
                .append("<p id=\"message\">")
                .append(escape(text))
                .append("</p>");
        if (reference != null) {
            html.append("<p>")
                    .append(escape(ConsoleText.message(locale, "error.reference")))
                    .append(" <strong id=\"reference\">")
                    .append(escape(reference))
                    .append("</strong></p>");
        }
        return html.append("<p><a href=\"")
                .append(escape(contextPath))
                .append("/campaigns.xhtml\">")
                .append(escape(ConsoleText.message(locale, "menu.campaigns")))
                .append("</a></p>")
                .append("</main></body></html>\n")
                .toString();
    }

    /**
     * The same page as an RFC 9457 problem, for API clients: the title is the status's reason phrase (about:blank,
     * 4.2.1), the detail the page's words, and a server error's log reference an extension member.
     */
    String json() {
        Response.Status known = Response.Status.fromStatusCode(status);
        String reason = known != null ? known.getReasonPhrase() : (status >= 500 ? "Server Error" : "Client Error");
        return "{\"type\":\"about:blank\",\"title\":\"" + jsonEscape(reason) + "\",\"status\":" + status
                + ",\"detail\":\"" + jsonEscape(title + ". " + text) + "\""
                + (reference == null ? "" : ",\"reference\":\"" + reference + "\"") + "}";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String jsonEscape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
