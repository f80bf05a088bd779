package org.sluice.probe.queue;

/**
 * Run by {@link PostfixSpoolReaderTest} in a child JVM whose root has lost the capabilities to bypass file
 * permissions (setpriv), so a mode-000 directory is really unreadable: prints what the reader makes of the spool.
 */
public final class ReadSpoolWithoutPrivileges {

    private ReadSpoolWithoutPrivileges() {}

    public static void main(String[] args) {
        System.out.print(new PostfixSpoolReader(java.nio.file.Path.of(args[0])).read());
    }
}
