package org.sluice.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The batch-jberet operations a WildFly admin runs with jboss-cli against Sluice's jobs, through the management API
 * as jboss-cli does ({@code /deployment=sluice.ear/subdeployment=sluice-batch-jobs.jar/subsystem=batch-jberet}).
 */
@ExtendWith(ArquillianExtension.class)
class ManagementCliIT {

    private static final int PORT_OFFSET = 100;
    private static final int SMTP_PORT = 3192;
    private static final String MTA = "cli-mta";
    private static final ModelNode BATCH = Operations.createAddress(
            "deployment", "sluice.ear", "subdeployment", "sluice-batch-jobs.jar", "subsystem", "batch-jberet");

    private static final GreenMail smtp = SmtpServerExtension.plainSmtp(SMTP_PORT);

    @RegisterExtension
    static final SmtpServerExtension SMTP_SERVER = SmtpServerExtension.startAndStop(smtp);

    private final SluiceRest sluice = new SluiceRest(PORT_OFFSET);

    @Deployment(testable = false)
    static EnterpriseArchive sluice() {
        return Deployments.sluiceEar();
    }

    @BeforeEach
    void mta() throws Exception {
        smtp.purgeEmailFromAllMailboxes();
        sluice.putUnprobedMta(MTA, SMTP_PORT, 2);
    }

    @Test
    void startJobOnACampaignAlreadySentIsRefusedAndChangesNothing() throws Exception {
        long campaign = sluice.createCampaign("cli second start", 10, 2, List.of(MTA), 900);
        sluice.importCsv(campaign, SampleCsv.recipients(30));
        sluice.send(campaign);
        JsonObject done = sluice.awaitFinished(campaign, Duration.ofMinutes(2));
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        long execution = done.getJsonNumber("executionId").longValue();
        assertEquals(30, smtp.getReceivedMessages().length);

        try (ModelControllerClient client = managementClient()) {
            ModelNode start = Operations.createOperation("start-job", BATCH);
            start.get("job-xml-name").set("campaign-send");
            start.get("properties", "campaignId").set(Long.toString(campaign));
            ModelNode answer = client.execute(start);
            assertTrue(Operations.isSuccessfulOutcome(answer), answer.toString());
            long second = Operations.readResult(answer).asLong();

            ModelNode ended = awaitEnded(client, second, Duration.ofMinutes(1));
            assertEquals("FAILED", ended.get("batch-status").asString(), ended.toString());
            assertTrue(
                    ended.get("exit-status")
                            .asString()
                            .startsWith("REFUSED: campaign " + campaign + " was already started" + " (job execution "
                                    + execution + ", COMPLETED): restart that execution"),
                    ended.toString());
        }

        JsonObject after = sluice.progress(campaign);
        assertEquals("COMPLETED", after.getString("status"), after.toString());
        assertEquals(execution, after.getJsonNumber("executionId").longValue(), "the campaign's execution is kept");
        assertEquals(done.getJsonObject("counts"), after.getJsonObject("counts"));
        assertEquals(30, smtp.getReceivedMessages().length, "nobody was mailed again");
    }

    /**
     * The execution's runtime attributes once it has ended, read as {@code read-resource(include-runtime=true)}: once
     * it has an end time. Its batch status is FAILED a moment before the job repository has its end and exit status.
     */
    private static ModelNode awaitEnded(ModelControllerClient client, long execution, Duration timeout)
            throws Exception {
        ModelNode read = Operations.createReadResourceOperation(
                BATCH.clone().add("job", "campaign-send").add("execution", Long.toString(execution)));
        read.get("include-runtime").set(true);
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            ModelNode answer = client.execute(read);
            if (Operations.isSuccessfulOutcome(answer)) {
                ModelNode result = Operations.readResult(answer);
                if (result.hasDefined("end-time")) {
                    return result;
                }
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(
                        "job execution " + execution + " has not ended within " + timeout + ": " + answer);
            }
            Thread.sleep(200);
        }
    }

    private static ModelControllerClient managementClient() throws Exception {
        return ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 9990 + PORT_OFFSET);
    }
}
