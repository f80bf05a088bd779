package org.sluice.console;

import jakarta.ejb.EJB;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sluice.event.boundary.Webhooks;
import org.sluice.event.control.EventType;
import org.sluice.event.entity.Webhook;
import org.sluice.event.entity.WebhookAttempt;

/**
 * Webhooks for admins: register a receiver (its signing secret is shown once, here), enable, disable or remove one,
 * and read a webhook's delivery log.
 */
@Named
@ViewScoped
public class WebhooksView implements Serializable {

    private static final long serialVersionUID = 1L;

    private static final int LOG_SHOWN = 50;

    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @EJB
    private Webhooks webhooks;

    private String url;
    private List<String> eventTypes = new ArrayList<>(allTypes());
    private String newSecret;
    private Long selected;
    private List<Webhook> list;

    public List<Webhook> getWebhooks() {
        if (list == null) {
            list = webhooks.list();
        }
        return list;
    }

    public void register() {
        Webhooks.Registered[] registered = new Webhooks.Registered[1];
        if (Feedback.attempt(() -> registered[0] = webhooks.register(url, String.join(",", eventTypes)))) {
            newSecret = registered[0].secret();
            selected = registered[0].webhook().getId();
            url = null;
            list = null;
            Feedback.info("webhooks.registered", registered[0].webhook().getUrl());
        }
    }

    public void toggle(Webhook webhook) {
        boolean enable = !webhook.isEnabled();
        if (Feedback.attempt(() -> webhooks.setEnabled(webhook.getId(), enable))) {
            list = null;
            Feedback.info(enable ? "webhooks.enabled" : "webhooks.disabled", webhook.getUrl());
        }
    }

    public void remove(Webhook webhook) {
        if (Feedback.attempt(() -> webhooks.remove(webhook.getId()))) {
            if (webhook.getId().equals(selected)) {
                selected = null;
            }
            list = null;
            Feedback.info("webhooks.removed", webhook.getUrl());
        }
    }

    public void select(Webhook webhook) {
        selected = webhook.getId();
    }

    public List<WebhookAttempt> getAttempts() {
        return selected == null ? List.of() : webhooks.attempts(selected, LOG_SHOWN);
    }

    /** The webhook's event types, spaced so that the column can wrap them. */
    public String events(Webhook webhook) {
        return webhook.getEventTypes().replace(",", ", ");
    }

    public String at(Instant instant) {
        return ConsoleTime.format(AT, instant);
    }

    public List<String> getAllEventTypes() {
        return allTypes();
    }

    private static List<String> allTypes() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).toList();
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public List<String> getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(List<String> eventTypes) {
        this.eventTypes = eventTypes;
    }

    public String getNewSecret() {
        return newSecret;
    }

    public Long getSelected() {
        return selected;
    }
}
