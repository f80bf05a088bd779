package org.sluice.delivery.control;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sluice.config.InvalidSettingException;
import org.sluice.config.Setting;
import org.sluice.config.SettingSource;

/**
 * Which permanent refusals at send time say that the address itself is bad, so that it goes on the suppression list
 * (HARD_BOUNCE) like a hard bounce and the next campaign does not try it again: a 5yz reply whose enhanced status code
 * (RFC 3463, RFC 2034: right after the reply code) is one of the configured ones, by default unknown mailbox (5.1.1),
 * unknown or mail-less domain (5.1.2, 5.1.10 null MX), bad address syntax (5.1.3) and moved (5.1.6). Policy and
 * content refusals (5.7.x, 5.6.x, 5.3.x) and a reply without an enhanced code are not about the address: the mailbox
 * may well exist, so those only fail this message.
 */
public record AddressRefusals(Set<String> statuses) {

    /** The enhanced status codes that suppress, comma-separated; {@value #NONE} turns suppression at send time off. */
    public static final Setting STATUSES =
            Setting.of("sluice.suppression.refused-statuses", "5.1.1,5.1.2,5.1.3,5.1.6,5.1.10");

    static final String NONE = "none";

    private static final Pattern PERMANENT_STATUS = Pattern.compile("5\\.\\d{1,3}\\.\\d{1,3}");
    /** "550 5.1.1 <a@b>: ..." or "550-5.1.1 ...", or the text alone; only the first line's code counts. */
    private static final Pattern ENHANCED_CODE =
            Pattern.compile("^(?:\\d{3}[ -])?\\s*([245]\\.\\d{1,3}\\.\\d{1,3})(?!\\w)");

    public AddressRefusals {
        statuses = Set.copyOf(statuses);
    }

    public static AddressRefusals fromSettings() {
        return from(SettingSource.microProfileConfig());
    }

    /** @throws InvalidSettingException when an entry is not a permanent enhanced status code such as 5.1.1 */
    public static AddressRefusals from(SettingSource source) {
        String value = STATUSES.text(source);
        Set<String> statuses = new LinkedHashSet<>();
        if (!NONE.equals(value.toLowerCase(Locale.ROOT))) {
            for (String entry : value.split(",")) {
                String status = entry.strip();
                if (!PERMANENT_STATUS.matcher(status).matches()) {
                    throw new InvalidSettingException(
                            STATUSES.name(),
                            value,
                            "must list permanent enhanced status codes such as 5.1.1, comma-separated, or be " + NONE);
                }
                statuses.add(status);
            }
        }
        return new AddressRefusals(statuses);
    }

    /** Whether {@code reply} refuses the address itself, for good. */
    public boolean suppresses(SmtpReply reply) {
        if (!reply.permanentFailure() || statuses.isEmpty()) {
            return false;
        }
        Matcher code = ENHANCED_CODE.matcher(reply.text());
        return code.find() && statuses.contains(code.group(1));
    }
}
