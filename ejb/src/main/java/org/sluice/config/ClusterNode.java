package org.sluice.config;

/**
 * Whether this server is a node of a Sluice cluster: every node is started with {@code sluice.cluster.initial-hosts}
 * (configure-cluster.cli's JGroups stack reads it, docs/cluster.md). A single server on PostgreSQL is no cluster node:
 * it keeps a single server's behaviour (its campaigns wait for a restart after a crash; outcomes are committed in
 * groups, the outcome journal bounding duplicates).
 */
public final class ClusterNode {

    public static final Setting INITIAL_HOSTS = Setting.of("sluice.cluster.initial-hosts");

    private ClusterNode() {}

    public static boolean isThisServer() {
        return INITIAL_HOSTS.value().isPresent();
    }
}
