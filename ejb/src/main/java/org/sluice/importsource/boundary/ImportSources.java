package org.sluice.importsource.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.importsource.control.ImportSourceCheck;
import org.sluice.importsource.control.RecipientQueryCheck;
import org.sluice.importsource.entity.ImportSource;
import org.sluice.importsource.entity.RecipientQuery;
import org.sluice.security.Roles;

/**
 * The databases recipients may be imported from by query, and the queries operators asked for. Only an admin
 * registers a source (a WildFly datasource whose database user the admin chose); operators pick one by name, so no
 * JNDI name an operator types is ever looked up, and Sluice's own database is never reachable this way.
 */
@PermitAll
@Stateless
public class ImportSources {

    private static final Logger LOG = Logger.getLogger(ImportSources.class.getName());

    /** Tables only Sluice's schema has: a datasource that sees them reaches Sluice's own database. */
    private static final List<String> SLUICE_TABLES = List.of("signing_key", "recipient_outcome");

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    @Resource
    private SessionContext session;

    @EJB
    private AuditLog audit;

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource sluiceDatabase;

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR, Roles.VIEWER})
    public List<ImportSource> all() {
        return em.createQuery("select s from ImportSource s order by s.name", ImportSource.class)
                .getResultList();
    }

    /**
     * Registers (or points elsewhere) the source {@code name}. The datasource must exist, answer, and not be Sluice's
     * own database.
     */
    @RolesAllowed(Roles.ADMIN)
    public ImportSource register(String name, String jndiName, String description) {
        try {
            ImportSourceCheck.name(name);
            ImportSourceCheck.jndiName(jndiName);
        } catch (IllegalArgumentException e) {
            throw new ImportSourceException(e.getMessage());
        }
        if (description != null && description.length() > 500) {
            throw new ImportSourceException("an import source's description has at most 500 characters");
        }
        try (Connection connection = open(jndiName)) {
            refuseSluiceDatabase(jndiName, connection);
        } catch (SQLException e) {
            throw new ImportSourceException(
                    "import source '" + name + "': " + jndiName + " does not answer: " + e.getMessage());
        }
        String admin = session.getCallerPrincipal().getName();
        ImportSource source = em.find(ImportSource.class, name);
        if (source == null) {
            source = new ImportSource(name, jndiName, description, admin, Instant.now());
            em.persist(source);
            audit.record("CREATE", AuditLog.IMPORT_SOURCE, name, null, state(source));
        } else {
            String before = state(source);
            source.change(jndiName, description, admin, Instant.now());
            audit.record("UPDATE", AuditLog.IMPORT_SOURCE, name, before, state(source));
        }
        LOG.info(() -> "Import source '" + name + "' -> " + jndiName + " registered by " + admin);
        return source;
    }

    /** @return whether there was such a source */
    @RolesAllowed(Roles.ADMIN)
    public boolean remove(String name) {
        ImportSource source = em.find(ImportSource.class, name);
        if (source == null) {
            return false;
        }
        em.remove(source);
        audit.record("DELETE", AuditLog.IMPORT_SOURCE, name, state(source), null);
        LOG.info(() -> "Import source '" + name + "' removed by "
                + session.getCallerPrincipal().getName());
        return true;
    }

    /**
     * Keeps the operator's query for the import job after checking that the source is registered and the query is a
     * single plain SELECT. Committed before the caller starts the job (which reads it by id on another thread).
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public RecipientQuery recordQuery(long campaignId, String sourceName, String query) {
        if (sourceName == null || em.find(ImportSource.class, sourceName) == null) {
            throw new ImportSourceException(
                    "there is no import source named '" + shown(sourceName)
                            + "': an admin registers the databases recipients may be imported from (GET /api/import-sources lists them)");
        }
        try {
            RecipientQueryCheck.check(query);
        } catch (IllegalArgumentException e) {
            throw new ImportSourceException(e.getMessage());
        }
        RecipientQuery recorded = new RecipientQuery(
                campaignId, sourceName, query, session.getCallerPrincipal().getName(), Instant.now());
        em.persist(recorded);
        return recorded;
    }

    /** The recorded query with this id, for the import job. */
    public RecipientQuery query(long id) {
        RecipientQuery query = em.find(RecipientQuery.class, id);
        if (query == null) {
            throw new ImportSourceException("there is no recipient query " + id);
        }
        return query;
    }

    /**
     * A read-only connection to the registered source, for the import job. Checked again here, at use: the
     * datasource behind a name may have been changed in WildFly since it was registered.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public Connection connect(String sourceName) throws SQLException {
        ImportSource source = em.find(ImportSource.class, sourceName);
        if (source == null) {
            throw new ImportSourceException("there is no import source named '" + shown(sourceName) + "' (any more)");
        }
        String jndiName;
        try {
            jndiName = ImportSourceCheck.jndiName(source.getJndiName());
        } catch (IllegalArgumentException e) {
            throw new ImportSourceException(e.getMessage());
        }
        Connection connection = open(jndiName);
        try {
            refuseSluiceDatabase(jndiName, connection);
            // A hint the driver passes on (PostgreSQL: a READ ONLY transaction); the database user's rights are the
            // rule.
            connection.setReadOnly(true);
            if (connection.getAutoCommit()) {
                // PostgreSQL streams a result set with a fetch size only inside a transaction.
                connection.setAutoCommit(false);
            }
            return connection;
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    private static Connection open(String jndiName) throws SQLException {
        Object found;
        try {
            found = new InitialContext().lookup(jndiName);
        } catch (NamingException e) {
            throw new ImportSourceException("no datasource is bound at " + jndiName + " in this server");
        }
        if (!(found instanceof DataSource dataSource)) {
            throw new ImportSourceException(jndiName + " is not a datasource");
        }
        return dataSource.getConnection();
    }

    private void refuseSluiceDatabase(String jndiName, Connection connection) throws SQLException {
        DatabaseMetaData source = connection.getMetaData();
        String sluiceUrl;
        try (Connection own = sluiceDatabase.getConnection()) {
            sluiceUrl = own.getMetaData().getURL();
        }
        boolean sameUrl = Objects.equals(source.getURL(), sluiceUrl);
        if (sameUrl || seesSluiceTables(source)) {
            throw new ImportSourceException(
                    jndiName + " reaches Sluice's own database, which is never an import source");
        }
    }

    private static boolean seesSluiceTables(DatabaseMetaData metadata) throws SQLException {
        for (String table : SLUICE_TABLES) {
            for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
                try (ResultSet tables = metadata.getTables(null, null, name, null)) {
                    if (tables.next()) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static String shown(String value) {
        if (value == null) {
            return "";
        }
        return (value.length() > 64 ? value.substring(0, 64) + "..." : value).replaceAll("\\p{Cntrl}", "?");
    }

    private static String state(ImportSource source) {
        return Json.createObjectBuilder()
                .add("jndiName", source.getJndiName())
                .add("description", String.valueOf(source.getDescription()))
                .build()
                .toString();
    }
}
