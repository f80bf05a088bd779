package org.sluice.delivery.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.locks.ReentrantLock;

/**
 * On H2 the ledger's writers take turns. H2's MVStore is copy-on-write: two connections changing the same tables at
 * once keep retrying on each other's new B-tree roots, which costs several times the CPU of writing one at a time
 * (see docs/benchmarks.md). Other databases lock rows and need no turns. One per application: every ledger writer of
 * every partition shares it.
 */
@ApplicationScoped
public class H2WriteTurns {

    private final ReentrantLock turn = new ReentrantLock();

    /** Waits for this thread's turn. */
    public void take() {
        turn.lock();
    }

    /** Ends this thread's turn. */
    public void end() {
        turn.unlock();
    }
}
