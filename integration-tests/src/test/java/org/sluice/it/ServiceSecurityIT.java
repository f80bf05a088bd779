package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBAccessException;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.EmptyAsset;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sluice.campaign.boundary.CampaignDraft;
import org.sluice.campaign.boundary.Campaigns;
import org.sluice.campaign.entity.Campaign;
import org.sluice.it.inside.AsAdmin;
import org.sluice.it.inside.AsOperator;
import org.sluice.it.inside.AsViewer;
import org.sluice.mta.boundary.MtaRegistry;
import org.sluice.suppression.boundary.Suppressions;
import org.sluice.suppression.entity.SuppressionReason;

/**
 * The services enforce the roles themselves, with no REST layer in between (as the Faces console calls them): run
 * inside the server, next to the real sluice.ear, calling the EJBs with no caller and in each role
 * ({@code @RunAs} beans). What only Sluice's own machinery calls (the unsubscribe endpoint's suppression, reading
 * campaigns for the batch steps and timers) still works with no caller.
 */
@ExtendWith(ArquillianExtension.class)
class ServiceSecurityIT {

    private static final String TEST_WAR = "service-security-test.war";

    @EJB
    private Campaigns campaigns;

    @EJB
    private Suppressions suppressions;

    @EJB
    private MtaRegistry mtas;

    @EJB
    private AsAdmin admin;

    @EJB
    private AsOperator operator;

    @EJB
    private AsViewer viewer;

    @Deployment(name = "sluice")
    static EnterpriseArchive sluiceWithTests() {
        WebArchive tests = ShrinkWrap.create(WebArchive.class, TEST_WAR)
                .addClasses(ServiceSecurityIT.class, AsAdmin.class, AsOperator.class, AsViewer.class)
                .addAsWebInfResource(EmptyAsset.INSTANCE, "beans.xml");
        return Deployments.sluiceEarWithTests(tests);
    }

    @Test
    void withNoCallerWhatAPersonTriggersIsRefusedAndSluicesOwnMachineryStillWorks() {
        int before = campaigns.all().size();

        refused(() -> campaigns.create(draft("nobody's")));
        refused(() -> suppressions.addByAdmin("nobody@example.test", "no caller"));
        refused(() -> suppressions.page(0, 10));

        assertEquals(before, campaigns.all().size(), "no campaign created; the batch steps' and timers' read works");
        // The unsubscribe endpoint's and the bounce reader's path: no caller, and it must work.
        suppressions.suppress("clicked@example.test", SuppressionReason.UNSUBSCRIBED, "one-click POST", null);
        assertTrue(suppressions.find("clicked@example.test").isPresent());
        assertFalse(suppressions.find("nobody@example.test").isPresent());
    }

    @Test
    void aViewerReadsButMayNotCreateACampaignNorChangeAnMtaOrTheSuppressionList() {
        int before = campaigns.all().size();
        int maxConnections = mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections();

        refused(() -> viewer.call(() -> campaigns.create(draft("viewer's"))));
        refused(() ->
                viewer.call(() -> mtas.update(MtaRegistry.DEFAULT_MTA, m -> m.setMaxConnections(maxConnections + 1))));
        refused(() -> viewer.call(() -> suppressions.addByAdmin("viewer@example.test", "by a viewer")));
        refused(() -> viewer.call(() -> suppressions.remove("clicked@example.test")));

        assertTrue(viewer.call(() -> suppressions.count()) >= 0);
        assertEquals(before, campaigns.all().size());
        assertEquals(
                maxConnections,
                mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections());
        assertFalse(suppressions.find("viewer@example.test").isPresent());
    }

    @Test
    void anOperatorCreatesCampaignsButMayNotChangeAnMtaOrTheSuppressionList() {
        Campaign created = operator.call(() -> campaigns.create(draft("operator's")));
        int maxConnections = mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections();

        refused(() -> operator.call(
                () -> mtas.update(MtaRegistry.DEFAULT_MTA, m -> m.setMaxConnections(maxConnections + 1))));
        refused(() -> operator.call(() -> suppressions.addByAdmin("operator@example.test", "by an operator")));

        assertEquals("operator's", campaigns.get(created.getId()).getName());
        assertEquals(
                maxConnections,
                mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections());
        assertFalse(suppressions.find("operator@example.test").isPresent());
    }

    @Test
    void anAdminChangesTheSuppressionListAndAnMta() {
        admin.call(() -> suppressions.addByAdmin("admin@example.test", "asked by phone"));
        assertEquals(
                SuppressionReason.ADMIN,
                suppressions.find("admin@example.test").orElseThrow().getReason());
        assertTrue(admin.call(() -> suppressions.remove("admin@example.test")));
        assertFalse(suppressions.find("admin@example.test").isPresent());

        int maxConnections = mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections();
        admin.call(() -> mtas.update(MtaRegistry.DEFAULT_MTA, m -> m.setMaxConnections(maxConnections + 1)));
        assertEquals(
                maxConnections + 1,
                mtas.byName(MtaRegistry.DEFAULT_MTA).orElseThrow().getMaxConnections());
        admin.call(() -> mtas.update(MtaRegistry.DEFAULT_MTA, m -> m.setMaxConnections(maxConnections)));
    }

    private static CampaignDraft draft(String name) {
        return new CampaignDraft(
                name,
                "Sluice Tests <news@sluice.test>",
                null,
                "Hello {{name}}",
                "Hello {{name}}",
                "<p>Hello {{name}}</p>",
                null,
                List.of(MtaRegistry.DEFAULT_MTA),
                null,
                null,
                null);
    }

    /** The call ends in the EJB container's EJBAccessException (possibly wrapped by the @RunAs bean's container). */
    private static void refused(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EJBAccessException) {
                    return;
                }
            }
            throw new AssertionError("refused, but not for the caller's role: " + e, e);
        }
        fail("allowed, but the caller's role may not");
    }
}
