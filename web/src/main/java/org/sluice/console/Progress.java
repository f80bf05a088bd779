package org.sluice.console;

import org.sluice.campaign.boundary.RecipientCounts;

/** How far a campaign has come, as the console shows it. */
final class Progress {

    private Progress() {}

    /** Recipients with a final outcome (sent, failed, suppressed) out of all; 100 only when none is left. */
    static int percent(RecipientCounts counts) {
        long total = counts.total();
        if (total == 0) {
            return 0;
        }
        long done = counts.sent() + counts.failed() + counts.suppressed();
        return done >= total ? 100 : (int) Math.min(99, done * 100 / total);
    }
}
