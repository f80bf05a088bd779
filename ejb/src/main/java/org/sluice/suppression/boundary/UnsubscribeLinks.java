package org.sluice.suppression.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import javax.sql.DataSource;
import org.sluice.config.Setting;
import org.sluice.config.SettingSource;
import org.sluice.secret.boundary.Secrets;
import org.sluice.signing.SigningKeys;
import org.sluice.suppression.control.ListUnsubscribe;
import org.sluice.suppression.control.OneClickWarnings;
import org.sluice.suppression.control.UnsubscribeToken;

/**
 * Configuration and key of the unsubscribe links. The signing key is the setting
 * {@code sluice.unsubscribe.secret} if set, else a random 32-byte key stored in table signing_key on first use
 * (so every server on the database, and every restart, verifies links sent before). The public base URL and the
 * mailto address are read per campaign start, so a changed setting applies to the next campaign.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Autocommit, outside the caller's transaction: a key handed out must be stored even if the caller rolls back.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UnsubscribeLinks {

    /** The key that signs unsubscribe tokens; unset means a generated key stored in the database. */
    public static final Setting SECRET = Setting.of("sluice.unsubscribe.secret");
    /** Where people reach Sluice; unset means this server on loopback (a trial only). */
    public static final Setting PUBLIC_URL = Setting.of("sluice.public.url");
    /** The mailto address of List-Unsubscribe; unset means unsubscribe@ the campaign's From domain. */
    public static final Setting MAILTO = Setting.of("sluice.unsubscribe.mailto");

    private static final String KEY_NAME = "unsubscribe";

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    @EJB
    private Secrets secrets;

    private volatile UnsubscribeToken storedKeyTokens;

    private final OneClickWarnings oneClickWarnings = new OneClickWarnings();

    /** Signs and verifies tokens with the current key. */
    public UnsubscribeToken tokens() {
        Optional<String> secret = SECRET.rawValue(SettingSource.microProfileConfig());
        if (secret.isPresent()) {
            byte[] key = secret.get().getBytes(StandardCharsets.UTF_8);
            if (key.length < UnsubscribeToken.MIN_KEY_BYTES) {
                throw new IllegalStateException(SECRET.name() + " is too short: " + key.length + " bytes, at least "
                        + UnsubscribeToken.MIN_KEY_BYTES + " (32 random ones advised)");
            }
            return new UnsubscribeToken(key);
        }
        UnsubscribeToken tokens = storedKeyTokens;
        if (tokens == null) {
            synchronized (this) {
                tokens = storedKeyTokens;
                if (tokens == null) {
                    tokens = new UnsubscribeToken(
                            SigningKeys.readOrCreate(dataSource, secrets.box(), KEY_NAME, "unsubscribe links"));
                    storedKeyTokens = tokens;
                }
            }
        }
        return tokens;
    }

    /**
     * The List-Unsubscribe headers of a campaign with this From address; logs a warning (once per campaign) when the
     * public URL is http on loopback, so the messages go without one-click unsubscribe.
     *
     * @throws IllegalArgumentException naming the setting and what is wrong, e.g. a public URL that is plain http
     */
    public ListUnsubscribe forCampaign(long campaignId, String fromAddress) {
        String url = publicUrl();
        ListUnsubscribe links = new ListUnsubscribe(
                url, MAILTO.value().orElseGet(() -> ListUnsubscribe.defaultMailto(fromAddress)), tokens());
        oneClickWarnings.warnOnce(
                campaignId,
                links,
                PUBLIC_URL.value().isPresent()
                        ? PUBLIC_URL.name() + " '" + url + "'"
                        : PUBLIC_URL.name() + " (unset, so this server on loopback: '" + url + "')");
        return links;
    }

    /**
     * {@code sluice.public.url}, else this server's own HTTP port on loopback with the web module's context root:
     * right for a trial on one machine (and for the tests' port offset), never for mail sent to the world.
     */
    static String publicUrl() {
        Optional<String> configured = PUBLIC_URL.value();
        if (configured.isPresent()) {
            return configured.get();
        }
        int port =
                Integer.getInteger("jboss.http.port", 8080) + Integer.getInteger("jboss.socket.binding.port-offset", 0);
        return "http://127.0.0.1:" + port + "/sluice";
    }
}
