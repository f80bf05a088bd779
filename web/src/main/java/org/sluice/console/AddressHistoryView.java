package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.sluice.recipient.boundary.AddressHistory;
import org.sluice.recipient.control.AddressTimeline;
import org.sluice.recipient.control.InvalidRecipientException;
import org.sluice.recipient.control.RecipientAddress;

/**
 * The address history page ({@code history.xhtml?address=...}, linked from every recipient table): one address's
 * campaigns and its attempts, bounces, complaints and suppression, newest first. The address is the only input; it
 * must parse as an e-mail address before anything is read.
 */
@Named
@ViewScoped
public class AddressHistoryView implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @EJB
    private AddressHistory history;

    private String address;
    private AddressTimeline timeline;

    /** The view action: reads the history of the address in the URL, if one is given. */
    public void load() {
        if (address != null && !address.isBlank()) {
            search();
        }
    }

    public void search() {
        timeline = null;
        try {
            timeline = history.of(RecipientAddress.parse(address));
        } catch (InvalidRecipientException e) {
            Feedback.error("history.notAnAddress", e.getMessage());
        }
    }

    public String time(Instant at) {
        return ConsoleTime.format(TIME, at);
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public AddressTimeline getTimeline() {
        return timeline;
    }
}
