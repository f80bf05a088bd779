package org.sluice.campaign.boundary;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.sluice.audit.boundary.AuditLog;
import org.sluice.bounce.boundary.ReturnPaths;
import org.sluice.campaign.entity.Campaign;
import org.sluice.campaign.entity.CampaignStatus;
import org.sluice.message.control.EnvelopeSenders;
import org.sluice.message.control.HeaderText;
import org.sluice.message.control.InvalidTemplateException;
import org.sluice.message.control.MessageTemplates;
import org.sluice.message.control.PersonalMessageRenderer;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.mta.entity.Mta;
import org.sluice.recipient.boundary.RecipientCounters;
import org.sluice.security.Roles;
import org.sluice.suppression.boundary.UnsubscribeLinks;

/** Creating campaigns, checking them before sending, and reading their state. */
@PermitAll
@Stateless
public class Campaigns {

    @PersistenceContext(unitName = "sluice")
    private EntityManager em;

    /** The sizes of the campaign table's name and address columns. */
    private static final int MAX_NAME_CHARS = 200;

    private static final int MAX_ADDRESS_CHARS = 320;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private UnsubscribeLinks unsubscribeLinks;

    @EJB
    private ReturnPaths returnPaths;

    @EJB
    private RecipientCounters counters;

    @EJB
    private AuditLog audit;

    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Campaign create(CampaignDraft draft) {
        Campaign campaign = new Campaign(
                draft.name() == null ? null : draft.name().strip(),
                draft.from() == null ? null : draft.from().strip(),
                draft.subject(),
                draft.textTemplate(),
                draft.htmlTemplate());
        apply(draft, campaign);
        em.persist(campaign);
        em.flush(); // the campaign's row before its counters' row, which references it
        counters.open(campaign.getId());
        audit.record("CREATE", AuditLog.CAMPAIGN, campaign.getId().toString(), null, CampaignAudit.state(campaign));
        return campaign;
    }

    /**
     * A new DRAFT with the settings, templates and MTA pool of campaign {@code id} and no recipients: the next issue
     * of a newsletter. Its name is {@code name}, or "Copy of ..." when blank.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Campaign copy(long id, String name) {
        Campaign original = get(id);
        String copyName = name == null || name.isBlank() ? "Copy of " + original.getName() : name;
        if (copyName.strip().length() > MAX_NAME_CHARS) {
            copyName = copyName.strip().substring(0, MAX_NAME_CHARS);
        }
        Campaign copy = create(new CampaignDraft(
                copyName,
                original.getFromAddress(),
                original.getReplyTo(),
                original.getSubjectTemplate(),
                original.getTextTemplate(),
                original.getHtmlTemplate(),
                null,
                original.getMtas().stream().map(Mta::getName).toList(),
                original.getChunkSize(),
                original.getConnections(),
                original.getWaitDeadlineSeconds()));
        copy.setSendingWindow(original.getSendingWindow());
        return copy;
    }

    /**
     * Changes a campaign that is not being sent: its next run (a restart, or the first) uses the new settings and
     * templates for the recipients still to be mailed; nobody already mailed is mailed again.
     */
    @RolesAllowed({Roles.ADMIN, Roles.OPERATOR})
    public Campaign update(long id, CampaignDraft draft) {
        Campaign campaign = lock(id);
        if (campaign.getStatus().running()) {
            throw new CampaignException(
                            "campaign " + id + " is " + campaign.getStatus() + ": stop it before changing it")
                    .localized("refusal.campaign.stopBeforeChanging", id);
        }
        String before = CampaignAudit.state(campaign);
        apply(draft, campaign);
        if (campaign.getStatus() != CampaignStatus.DRAFT) {
            // Fields the templates use are checked against the imported ones before a restart sends anything.
            checkedRenderer(id);
        }
        audit.record("UPDATE", AuditLog.CAMPAIGN, Long.toString(id), before, CampaignAudit.state(campaign));
        return campaign;
    }

    private void apply(CampaignDraft draft, Campaign campaign) {
        require(
                draft.name() != null && !draft.name().isBlank(),
                "campaign name is empty",
                "refusal.campaign.nameEmpty");
        require(
                draft.name().strip().length() <= MAX_NAME_CHARS,
                "campaign name has " + draft.name().strip().length() + " characters: at most " + MAX_NAME_CHARS,
                "refusal.campaign.nameTooLong",
                draft.name().strip().length(),
                MAX_NAME_CHARS);
        requireAddress("from", "refusal.campaign.from.", draft.from());
        if (draft.replyTo() != null && !draft.replyTo().isBlank()) {
            requireAddress("reply-to", "refusal.campaign.replyTo.", draft.replyTo());
        }
        try {
            // Syntax only here: the merge fields are known once recipients are imported.
            MessageTemplates.checkSyntax(draft.subject(), draft.textTemplate(), draft.htmlTemplate());
        } catch (InvalidTemplateException e) {
            throw new InvalidCampaignException(e.getMessage()).localized("refusal.campaign.template", e.getMessage());
        }
        campaign.setName(draft.name().strip());
        campaign.setFromAddress(draft.from().strip());
        campaign.setSubjectTemplate(draft.subject());
        campaign.setTextTemplate(draft.textTemplate());
        campaign.setHtmlTemplate(draft.htmlTemplate());
        campaign.setReplyTo(
                draft.replyTo() == null || draft.replyTo().isBlank()
                        ? null
                        : draft.replyTo().strip());
        List<Mta> pool = new ArrayList<>();
        for (String mtaName : new LinkedHashSet<>(draft.mtaPool())) {
            pool.add(mtas.byName(mtaName)
                    .orElseThrow(() -> new CampaignException(
                                    CampaignException.Kind.INVALID, "no MTA named '" + mtaName + "'")
                            .localized("refusal.campaign.noSuchMta", mtaName)));
        }
        campaign.setMtas(pool);
        if (draft.waitDeadlineSeconds() != null) {
            // At most 23 h: the send step's transaction timeout (campaign-send.xml) is a day.
            require(
                    draft.waitDeadlineSeconds() >= 1 && draft.waitDeadlineSeconds() <= 23 * 3600,
                    "waitDeadlineSeconds must be 1..82800 (23 hours)",
                    "refusal.campaign.waitDeadlineRange");
            campaign.setWaitDeadlineSeconds(draft.waitDeadlineSeconds());
        }
        if (draft.chunkSize() != null) {
            require(
                    draft.chunkSize() >= 1 && draft.chunkSize() <= 10_000,
                    "chunk size must be 1..10000",
                    "refusal.campaign.chunkSizeRange");
            campaign.setChunkSize(draft.chunkSize());
        }
        if (draft.connections() != null) {
            require(
                    draft.connections() >= 1 && draft.connections() <= 64,
                    "connections must be 1..64",
                    "refusal.campaign.connectionsRange");
            campaign.setConnections(draft.connections());
        }
    }

    public Campaign get(long id) {
        Campaign campaign = em.find(Campaign.class, id);
        if (campaign == null) {
            throw CampaignException.noSuchCampaign(id);
        }
        return campaign;
    }

    /**
     * Refuses a chunk of imported recipients unless the campaign is a DRAFT; called in the import's transaction,
     * before its recipients are stored.
     */
    public void requireAcceptsRecipients(long id) {
        Campaign campaign = get(id);
        if (!campaign.getStatus().acceptsRecipients()) {
            throw new CampaignException("campaign " + id + " is " + campaign.getStatus()
                            + ": recipients can only be imported while it is a DRAFT")
                    .localized("refusal.campaign.notDraftForImport", id);
        }
    }

    /** Reads the campaign with a write lock, for state changes that must not interleave. */
    public Campaign lock(long id) {
        Campaign campaign = em.find(Campaign.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (campaign == null) {
            throw CampaignException.noSuchCampaign(id);
        }
        return campaign;
    }

    public List<Campaign> all() {
        return em.createQuery("select c from Campaign c order by c.id desc", Campaign.class)
                .getResultList();
    }

    /** One page of {@link #all()}: newest first, skipping {@code offset}, at most {@code limit}. */
    public List<Campaign> page(int offset, int limit) {
        return em.createQuery("select c from Campaign c order by c.id desc", Campaign.class)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The campaign's job ended as {@code status}; a run stopped for the sending window leaves it waiting for it. */
    public CampaignStatus runEnded(long id, CampaignStatus status) {
        Campaign campaign = get(id);
        campaign.runEnded(status);
        return campaign.getStatus();
    }

    /** Records that a job execution begins for this campaign, and how many were sent before it. */
    public void runBegins(long id, long executionId) {
        Campaign campaign = get(id);
        campaign.setJobExecutionId(executionId);
        campaign.setSentBeforeRun(counts(id).sent());
        campaign.setStatus(CampaignStatus.SENDING);
        campaign.admittedAgain();
        campaign.clearStopRequest();
    }

    /** Campaigns being sent now (SENDING or WAITING_FOR_MTA), with whether an operator asked to stop each. */
    public List<RunningCampaign> running() {
        return em.createQuery(
                        "select new org.sluice.campaign.boundary.RunningCampaign(c.id, c.stopRequestedAt)"
                                + " from Campaign c where c.status in :running",
                        RunningCampaign.class)
                .setParameter("running", List.of(CampaignStatus.SENDING, CampaignStatus.WAITING_FOR_MTA))
                .getResultList();
    }

    /** The send job found no MTA with room: the campaign shows WAITING_FOR_MTA with the reason. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void waitingForMta(long id, String reason) {
        lock(id).waitingForMta(reason, Instant.now());
    }

    /** The send job has an MTA again. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void admittedAgain(long id) {
        lock(id).admittedAgain();
    }

    /** The campaign's MTA pool, loaded (callers use it outside this transaction). */
    public List<Mta> pool(long id) {
        return new ArrayList<>(get(id).getMtas());
    }

    public void addMergeFields(long id, List<String> fields) {
        lock(id).addMergeFields(fields);
    }

    /**
     * Everything that must hold before the first message goes out: templates parse and use only known
     * fields, the MTA exists and is enabled, there is someone to mail.
     *
     * @throws CampaignException listing every problem found
     */
    public PersonalMessageRenderer checkedRenderer(long id) {
        Campaign campaign = get(id);
        return checkedRenderer(
                id, campaign.getSubjectTemplate(), campaign.getTextTemplate(), campaign.getHtmlTemplate());
    }

    /**
     * The campaign's renderer with other templates (the ones an operator is editing, for a test copy); sender,
     * pool and links are the saved campaign's.
     */
    public PersonalMessageRenderer checkedRenderer(long id, String subject, String text, String html) {
        Campaign campaign = get(id);
        MessageTemplates templates;
        try {
            templates = MessageTemplates.compile(subject, text, html, campaign.mergeFieldSet());
        } catch (InvalidTemplateException e) {
            throw new CampaignException(
                            "campaign " + id + " '" + campaign.getName() + "' cannot be sent: " + e.getMessage())
                    .localized("refusal.campaign.templateUnrenderable", id, e.getMessage());
        }
        if (campaign.getMtas().stream().noneMatch(Mta::isEnabled)) {
            throw new CampaignException("campaign " + id + " has no enabled MTA in its pool "
                            + campaign.getMtas().stream().map(Mta::getName).toList())
                    .localized(
                            "refusal.campaign.noEnabledMta",
                            id,
                            String.join(
                                    ", ",
                                    campaign.getMtas().stream()
                                            .map(Mta::getName)
                                            .toList()));
        }
        try {
            String from = new InternetAddress(campaign.getFromAddress(), true).getAddress();
            return new PersonalMessageRenderer(
                    id,
                    templates,
                    campaign.getFromAddress(),
                    campaign.getReplyTo(),
                    unsubscribeLinks.forCampaign(id, from),
                    returnPaths
                            .codec()
                            .<EnvelopeSenders>map(verp -> verp::encode)
                            .orElse(null),
                    campaign.getName());
        } catch (AddressException e) {
            throw new CampaignException("campaign " + id + " has an invalid from/reply-to address: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CampaignException("campaign " + id + " cannot be sent: its unsubscribe links: " + e.getMessage());
        }
    }

    /**
     * The campaign's recipients by state and its send counters: primary-key reads of its counter row and its own row,
     * whatever its size. Both are written with plain JDBC (the ledger), behind the persistence context: read as such.
     */
    public RecipientCounts counts(long id) {
        Object[] send = em
                .createQuery(
                        "select c.deferredThenSent, c.unknownOutcomes, c.complaints from Campaign c where c.id = :c",
                        Object[].class)
                .setParameter("c", id)
                .getResultList()
                .stream()
                .findFirst()
                .orElse(new Object[] {0L, 0L, 0L});
        return RecipientCounts.of(
                counters.of(id).byState(),
                ((Number) send[0]).longValue(),
                ((Number) send[1]).longValue(),
                ((Number) send[2]).longValue());
    }

    /** @param key the console's text for the problem, see RequestRefusedException#localized */
    private static void require(boolean condition, String problem, String key, Object... arguments) {
        if (!condition) {
            throw new InvalidCampaignException(problem).localized(key, arguments);
        }
    }

    /** @param keys the prefix of the console's texts for this address ({@code refusal.campaign.from.}) */
    private static void requireAddress(String what, String keys, String value) {
        try {
            require(value != null && !value.isBlank(), what + " address is empty", keys + "empty");
            // Before parsing: a quoted display name may hold a CR LF that InternetAddress accepts.
            HeaderText.firstControlCharacter(value).ifPresent(where -> {
                throw new InvalidCampaignException(what + " address '" + value + "' contains a control character ("
                                + where + "): a header is one line of printable text")
                        .localized(keys + "controlCharacter");
            });
            require(
                    value.strip().length() <= MAX_ADDRESS_CHARS,
                    what + " address has " + value.strip().length() + " characters: at most " + MAX_ADDRESS_CHARS,
                    keys + "tooLong",
                    value.strip().length(),
                    MAX_ADDRESS_CHARS);
            new InternetAddress(value.strip(), true).validate();
        } catch (AddressException e) {
            throw new InvalidCampaignException(what + " address '" + value + "' is invalid: " + e.getMessage())
                    .localized(keys + "invalid", value.strip());
        }
    }
}
