package dev.streamrules.tools.demo;

import java.io.PrintStream;

/** The live tool's output: progress lines stamped with seconds since start, from any thread. */
final class Console {

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    Console(PrintStream out) {
        this.out = out;
    }

    void say(String line) {
        double t = (System.nanoTime() - startNanos) / 1e9;
        synchronized (out) {
            out.printf("[%6.1fs] %s%n", t, line);
            out.flush();
        }
    }

    /** A line without stamp: the summary lines scripts parse. */
    void println(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
