package org.sluice.secret.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.sluice.config.SettingSource;
import org.sluice.secret.MasterKey;
import org.sluice.secret.SealedColumns;
import org.sluice.secret.SecretBox;

/**
 * The master key ({@link MasterKey}) and the sealing of the secrets in the database: at start (after Flyway) and
 * every 15 seconds, any secret still in plaintext (rows from before sealing, an MTA password an admin wrote with SQL) is
 * sealed in place. At start every sealed secret is also opened once, so a wrong or missing key file is reported at
 * once, naming the rows, rather than at the next campaign.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
// Autocommit per row: a sealed row is done whatever happens to the next one.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class.getName());

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    private volatile SecretBox box;

    @PostConstruct
    void start() {
        box = new SecretBox(MasterKey.fromSettings(SettingSource.microProfileConfig()));
        sealPlaintext();
        List<String> unopenable = unopenable();
        if (!unopenable.isEmpty()) {
            LOG.severe(() -> "These secrets do not open with this server's master key (" + MasterKey.FILE.name()
                    + " / " + MasterKey.KEY.name() + "): " + unopenable + ". Give this server the key file of the"
                    + " server that sealed them; links and return paths signed with them cannot be made or checked.");
        }
    }

    /** Seals and opens the database's secrets. */
    public SecretBox box() {
        return box;
    }

    /** Seals every secret still in plaintext; safe on several servers at once (a row changes only as read). */
    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    public void sealPlaintext() {
        try (Connection c = dataSource.getConnection()) {
            int signingKeys = seal(
                    c,
                    "SELECT name, secret FROM signing_key",
                    "UPDATE signing_key SET secret = ? WHERE name = ? AND secret = ?",
                    SealedColumns::signingKey);
            int passwords = seal(
                    c,
                    "SELECT name, password FROM mta WHERE password IS NOT NULL",
                    "UPDATE mta SET password = ? WHERE name = ? AND password = ?",
                    name -> SealedColumns.MTA_PASSWORD);
            if (signingKeys + passwords > 0) {
                LOG.info(() -> "Sealed " + signingKeys + " signing key(s) and " + passwords
                        + " MTA password(s) that were stored in plaintext");
            }
        } catch (SQLException e) {
            LOG.log(
                    Level.WARNING,
                    "Sealing the secrets stored in plaintext failed; they stay so until the next try",
                    e);
        }
    }

    private interface Context {
        String of(String rowName);
    }

    private int seal(Connection c, String select, String update, Context context) throws SQLException {
        List<String[]> plaintext = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(select);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                if (!SecretBox.isSealed(rs.getString(2))) {
                    plaintext.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        int sealed = 0;
        for (String[] row : plaintext) {
            try (PreparedStatement ps = c.prepareStatement(update)) {
                ps.setString(1, box.seal(row[1], context.of(row[0])));
                ps.setString(2, row[0]);
                ps.setString(3, row[1]);
                sealed += ps.executeUpdate();
            }
        }
        return sealed;
    }

    private List<String> unopenable() {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            check(c, "SELECT name, secret FROM signing_key", "signing_key ", SealedColumns::signingKey, rows);
            check(
                    c,
                    "SELECT name, password FROM mta WHERE password IS NOT NULL",
                    "password of MTA ",
                    name -> SealedColumns.MTA_PASSWORD,
                    rows);
        } catch (SQLException e) {
            LOG.log(Level.WARNING, "Checking the sealed secrets failed", e);
        }
        return rows;
    }

    private void check(Connection c, String select, String what, Context context, List<String> unopenable)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                try {
                    box.open(rs.getString(2), context.of(rs.getString(1)));
                } catch (IllegalStateException e) {
                    unopenable.add(what + "'" + rs.getString(1) + "'");
                }
            }
        }
    }
}
