package org.sluice.demo.server;

import java.util.concurrent.Callable;

/**
 * Runs a program that starts servers (the demo, the benchmark) and exits with its code: the servers are cleaned
 * up on normal end, on failure, and on Ctrl-C or a kill (shutdown hook), so no port is ever left taken.
 */
public final class ServerRun {

    private ServerRun() {}

    /**
     * @param what    the program's name in the failure line ("DEMO", "BENCHMARK")
     * @param run     the program; returns its exit code
     * @param cleanUp stops what it started; must be idempotent (it may run twice)
     */
    public static void exitWith(String what, Callable<Integer> run, Runnable cleanUp) {
        Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, "sluice-cleanup"));
        int code;
        try {
            code = run.call();
        } catch (InterruptedException e) {
            code = 130;
        } catch (Exception e) {
            System.out.println();
            System.out.println(what + " FAILED: " + e.getMessage());
            code = 1;
        }
        cleanUp.run();
        System.exit(code);
    }
}
