package org.sluice.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.sluice.slice.control.SliceState;
import org.sluice.slice.control.SliceView;

class MonitorViewTest {

    @Test
    void theSliceSummaryCountsDoneSlicesAndNamesTheNodesSendingNow() {
        Instant at = Instant.parse("2026-12-06T10:00:00Z");
        List<SliceView> slices = List.of(
                new SliceView(0, 1, 2000, SliceState.DONE, "node-a", at, false),
                new SliceView(1, 2001, 4000, SliceState.OPEN, "node-b", at, true),
                new SliceView(2, 4001, 6000, SliceState.OPEN, "node-a", at, true),
                new SliceView(3, 6001, 8000, SliceState.RETRY, "node-b", at, true),
                new SliceView(4, 8001, Long.MAX_VALUE, SliceState.OPEN, null, null, false));

        assertEquals(
                "1 of 5 send slices done; sending now: node-a 1, node-b 2",
                MonitorView.summary(slices, Locale.ENGLISH));
        assertEquals("발송 슬라이스 5개 중 1개 완료. 현재 발송 중: node-a 1, node-b 2", MonitorView.summary(slices, Locale.KOREAN));
        assertEquals("", MonitorView.summary(List.of(), Locale.ENGLISH), "a campaign never started has no slices");
    }
}
