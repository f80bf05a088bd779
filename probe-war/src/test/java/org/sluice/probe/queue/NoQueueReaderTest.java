package org.sluice.probe.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.sluice.probe.protocol.QueueDepth;

class NoQueueReaderTest {

    @Test
    void reportsTheQueueAsNotReadWithoutAnError() {
        QueueDepth depth = new NoQueueReader().read();

        assertEquals(QueueDepth.notRead(), depth);
        assertEquals("none", depth.reader());
        assertFalse(depth.known());
        assertNull(depth.error());
    }
}
