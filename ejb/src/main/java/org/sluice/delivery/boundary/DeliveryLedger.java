package org.sluice.delivery.boundary;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import javax.sql.DataSource;
import org.sluice.delivery.control.DeliveryRecorder;

/**
 * Where the send path records what MTAs answered. Hands out one {@link DeliveryRecorder} per SMTP connection,
 * on the non-JTA ledger datasource: outcomes are facts the moment the MTA answers, so they commit on their own,
 * never with (or rolled back by) a chunk's transaction.
 */
@Stateless
public class DeliveryLedger {

    @Resource(lookup = "java:jboss/datasources/SluiceLedgerDS")
    private DataSource ledgerDataSource;

    /** The caller owns the recorder and closes it with its SMTP connection. */
    public DeliveryRecorder openRecorder(long campaignId) {
        return new DeliveryRecorder(ledgerDataSource, campaignId);
    }
}
