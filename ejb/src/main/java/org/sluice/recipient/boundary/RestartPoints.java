package org.sluice.recipient.boundary;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.sluice.recipient.control.RecipientStatements;

/**
 * Where a campaign's send resumes: its lowest recipient still PENDING or DEFERRED. A singleton, because it remembers
 * per campaign an id below which every recipient has an outcome row: rows are never deleted, so that only grows, and
 * the monitor (every 2 s) walks only what was sent since its last call instead of the campaign's whole done prefix.
 */
@PermitAll
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RestartPoints {

    @Resource(lookup = "java:jboss/datasources/SluiceDS")
    private DataSource dataSource;

    private final Map<Long, Long> noOutcomeFrom = new ConcurrentHashMap<>();

    /** The lowest id still PENDING or DEFERRED (where a restart resumes), or null if everyone has an outcome. */
    public Long firstPendingId(long campaignId) {
        try (Connection c = dataSource.getConnection()) {
            Long first = null;
            try (PreparedStatement untried = c.prepareStatement(RecipientStatements.FIRST_UNTRIED.on(c))) {
                untried.setLong(1, campaignId);
                untried.setLong(2, noOutcomeFrom.getOrDefault(campaignId, 0L));
                try (ResultSet rs = untried.executeQuery()) {
                    if (rs.next()) {
                        first = rs.getLong(1);
                        noOutcomeFrom.merge(campaignId, first, Math::max);
                    }
                }
            }
            // Tried but still open (a lost transaction, a deferral): the first entry of each state's index range.
            try (PreparedStatement open = c.prepareStatement(RecipientStatements.FIRST_IN_STATE.on(c))) {
                for (String state : List.of("PENDING", "DEFERRED")) {
                    open.setLong(1, campaignId);
                    open.setString(2, state);
                    try (ResultSet rs = open.executeQuery()) {
                        if (rs.next() && (first == null || rs.getLong(1) < first)) {
                            first = rs.getLong(1);
                        }
                    }
                }
            }
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "finding the restart point of campaign " + campaignId + " failed: " + e.getMessage(), e);
        }
    }
}
