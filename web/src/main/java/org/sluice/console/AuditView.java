package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.audit.entity.AuditEvent;

/** The latest changes for admins: who did what to which campaign, MTA, suppression or import source. */
@Named
@ViewScoped
public class AuditView implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The page shows the latest events; older ones are in the API (GET /api/audit, paged). */
    private static final int SHOWN = 1000;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @EJB
    private AuditLog audit;

    private String targetType;
    private List<AuditEvent> events;

    public List<AuditEvent> getEvents() {
        if (events == null) {
            refresh();
        }
        return events;
    }

    public void refresh() {
        events = audit.page(targetType == null || targetType.isBlank() ? null : targetType, null, 0, SHOWN);
    }

    public String at(AuditEvent event) {
        return ConsoleTime.format(AT, event.getOccurredAt());
    }

    public List<String> getTargetTypes() {
        return AuditLog.TARGET_TYPES;
    }

    public String getTargetType() {
        return targetType;
    }

    public void setTargetType(String targetType) {
        this.targetType = targetType;
    }
}
