package org.sluice.load.control;

/**
 * A server's part of the headroom one probe reading allows, when other Sluice servers sharing the database (a
 * cluster's nodes) send to the same MTA: in proportion to the connections each has open to it (the connection slots,
 * {@link SlotLocks}), counting this server as holding one when it is about to open its first. Every node reads the
 * probe itself; with readings alike, the nodes' parts add up to one reading's headroom instead of one per node. Alone,
 * a server has all of it.
 */
public final class ClusterShare {

    private ClusterShare() {}

    /**
     * @param budget    the headroom of the reading
     * @param here      connections this server has open to the MTA
     * @param elsewhere connections other servers have open to it
     */
    public static int of(int budget, int here, int elsewhere) {
        if (elsewhere <= 0 || budget <= 0) {
            return budget;
        }
        int mine = Math.max(1, here);
        return (int) ((long) budget * mine / (mine + elsewhere));
    }
}
