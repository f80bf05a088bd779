package org.sluice.unsubscribe;

import org.sluice.suppression.control.ListUnsubscribe;

/** The small HTML pages a person sees at an unsubscribe link; every value from outside is escaped. */
final class UnsubscribePage {

    private UnsubscribePage() {}

    /** GET: asks to confirm with a button (a link scanner that fetches the URL unsubscribes nobody). */
    static String confirm(String address, boolean already) {
        if (already) {
            return page(
                    "Unsubscribed",
                    "<p><b>" + escape(address) + "</b> is already unsubscribed: it gets no more"
                            + " mail from this sender.</p>");
        }
        int eq = ListUnsubscribe.ONE_CLICK.indexOf('=');
        return page(
                "Unsubscribe",
                "<p>Stop all mail from this sender to <b>" + escape(address) + "</b>?</p>\n"
                        + "<form method=\"post\" action=\"\">\n"
                        + "<input type=\"hidden\" name=\"" + ListUnsubscribe.ONE_CLICK.substring(0, eq) + "\" value=\""
                        + ListUnsubscribe.ONE_CLICK.substring(eq + 1) + "\">\n"
                        + "<input type=\"hidden\" name=\"via\" value=\"page\">\n"
                        + "<button type=\"submit\">Unsubscribe</button>\n</form>");
    }

    /** POST: done. */
    static String done(String address) {
        return page(
                "Unsubscribed",
                "<p>You are unsubscribed: <b>" + escape(address) + "</b> gets no more mail from" + " this sender.</p>");
    }

    static String refused(String reason) {
        return page(
                "Unsubscribe link not valid",
                "<p>" + escape(reason) + "</p>\n<p>Nothing was changed. Please use"
                        + " the link exactly as it appears in the message.</p>");
    }

    private static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + "</title></head>\n<body>\n<h1>" + title + "</h1>\n" + body + "\n</body></html>\n";
    }

    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length() + 16);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
