package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sluice.campaign.boundary.CampaignException;
import org.sluice.campaign.entity.SendingWindow;
import org.sluice.mta.entity.MtaLimits;
import org.sluice.refusal.InvalidValueException;
import org.sluice.refusal.RequestRefusedException;
import org.sluice.suppression.boundary.SuppressionException;

/**
 * A refusal that names a console text is shown in the view's language, while its message (what the REST API answers
 * and the logs show) stays the English sentence; without a text the console falls back to that sentence.
 */
class RefusalTextTest {

    private static final Locale KOREAN = Locale.KOREAN;

    @Test
    void aKeyedRefusalKeepsItsEnglishMessageAndIsShownInKorean() {
        CampaignException refusal = new CampaignException("campaign 12345 has no recipients: import some first")
                .localized("refusal.campaign.noRecipients", 12345L);

        assertEquals("campaign 12345 has no recipients: import some first", refusal.getMessage());
        assertEquals("캠페인 12345에 수신자가 없습니다. 먼저 수신자를 가져오세요.", Feedback.text(KOREAN, refusal));
        // The id as it is, not "12,345": arguments are kept as strings.
        assertEquals("Campaign 12345 has no recipients: import some first.", Feedback.text(Locale.ENGLISH, refusal));
    }

    @Test
    void aMissingCampaignFromTheServicesIsNamedInKorean() {
        CampaignException refusal = CampaignException.noSuchCampaign(1234567);

        assertEquals("no campaign with id 1234567", refusal.getMessage());
        assertEquals(RequestRefusedException.Kind.NOT_FOUND, refusal.kind());
        assertEquals("ID가 '1234567'인 캠페인이 없습니다.", Feedback.text(KOREAN, refusal));
    }

    @Test
    void hostileArgumentsAreShownAsTheyAreNotAsPatterns() {
        // An address with quotes and braces is data: MessageFormat must not read it as a pattern.
        String address = "o'brien{0}@example.org";
        SuppressionException refusal = new SuppressionException(RequestRefusedException.Kind.INVALID, "cannot suppress")
                .localized("refusal.suppression.notAnAddress", address);

        assertEquals("'o'brien{0}@example.org'은(는) 이메일 주소가 아니므로 수신 거부 목록에 추가할 수 없습니다.", Feedback.text(KOREAN, refusal));
        assertEquals("cannot suppress", refusal.getMessage());
    }

    @Test
    void aSendingWindowThatCannotBeReadIsRefusedInKorean() {
        InvalidValueException invalid = assertThrows(
                InvalidValueException.class, () -> SendingWindow.parse(List.of("MON"), "08:00", "25:00", "Asia/Seoul"));
        // As SendingWindows passes it on.
        CampaignException refusal = new CampaignException(RequestRefusedException.Kind.INVALID, invalid.getMessage())
                .localized(invalid.messageKey(), invalid.messageArguments());

        assertEquals("until '25:00' is not a time of day HH:mm (00:00 to 23:59)", refusal.getMessage());
        assertEquals("종료 시각 '25:00'은(는) HH:mm 형식의 시각(00:00~23:59)이 아닙니다.", Feedback.text(KOREAN, refusal));
        assertEquals(
                "발송 시간대의 요일을 하나 이상 고르세요.",
                Feedback.text(
                        KOREAN,
                        new CampaignException("no days")
                                .localized(assertThrows(
                                                InvalidValueException.class,
                                                () -> SendingWindow.parse(List.of(), "08:00", "18:00", "Asia/Seoul"))
                                        .messageKey())));
    }

    @Test
    void anMtaThresholdOutOfRangeIsRefusedInKoreanWithItsNumbersAsTheyAre() {
        InvalidValueException invalid =
                assertThrows(InvalidValueException.class, () -> new MtaLimits(2000, 900000, 2.0, 1.5, 5.0, 10.0, 512));

        assertEquals("queueResumeDepth must be between 0 and maxQueueDepth (2000): 900000", invalid.getMessage());
        assertEquals("큐 깊이 재개 기준은 0에서 중지 기준(2000) 사이여야 합니다. 입력한 값: 900000", Feedback.text(KOREAN, invalid));
    }

    @Test
    void withoutATextTheConsoleShowsTheEnglishMessage() {
        CampaignException plain = new CampaignException("campaign 7 cannot be sent: its unsubscribe links: no secret");
        CampaignException unknownKey =
                new CampaignException("campaign 7 is frozen").localized("refusal.campaign.frozenSolid", 7);

        assertEquals("campaign 7 cannot be sent: its unsubscribe links: no secret", Feedback.text(KOREAN, plain));
        assertEquals("campaign 7 is frozen", Feedback.text(KOREAN, unknownKey));
        assertEquals("bad value", Feedback.text(KOREAN, new IllegalArgumentException("bad value")));
    }

    @Test
    void aKeyedRefusalSurvivesSerialization() throws IOException, ClassNotFoundException {
        // A remote EJB client or a clustered session gets the exception serialized: its text must come along.
        CampaignException refusal =
                new CampaignException("campaign 3 is not sending").localized("refusal.campaign.notSending", 3L);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(refusal);
        }
        Object copy;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            copy = in.readObject();
        }
        assertTrue(copy instanceof CampaignException);
        assertEquals("캠페인 3은(는) 발송 중이 아닙니다.", Feedback.text(KOREAN, (CampaignException) copy));
        assertEquals("campaign 3 is not sending", ((CampaignException) copy).getMessage());
    }
}
