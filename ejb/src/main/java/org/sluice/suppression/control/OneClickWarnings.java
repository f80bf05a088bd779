package org.sluice.suppression.control;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Warns, once per campaign, that its messages go out without one-click unsubscribe because the public URL is http
 * on loopback. Once: a campaign's links are built at its start, by every partition and for every test copy, and the
 * operator needs the warning, not a page of it. Thread-safe.
 */
public final class OneClickWarnings {

    private static final Logger LOG = Logger.getLogger(OneClickWarnings.class.getName());

    private final Set<Long> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param publicUrl how the URL came about, for the message, e.g. {@code sluice.public.url 'http://127.0.0.1'}
     * @return the warning logged now, or null when one-click is on or this campaign was warned about before
     */
    public String warnOnce(long campaignId, ListUnsubscribe links, String publicUrl) {
        if (links.oneClick() || !warned.add(campaignId)) {
            return null;
        }
        String warning = "Campaign " + campaignId + ": " + publicUrl + " is not https, so its messages carry "
                + ListUnsubscribe.HEADER + " but no " + ListUnsubscribe.POST_HEADER
                + " (RFC 8058 one-click unsubscribe needs an https URL). Right for a trial on this machine only:"
                + " set sluice.public.url to an https address recipients can reach before mailing anyone.";
        LOG.log(Level.WARNING, warning);
        return warning;
    }
}
