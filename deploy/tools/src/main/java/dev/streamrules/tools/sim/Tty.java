package dev.streamrules.tools.sim;

/** A controlling terminal as Elastic Defend reports it: the character device numbers. */
record Tty(int major, int minor) {

    /** Pseudo-terminals (ssh, terminal emulators, kubectl exec -t) use major 136 and up. */
    static Tty pts(int index) {
        return new Tty(136 + index / 256, index % 256);
    }

    /** Virtual consoles /dev/ttyN. */
    static Tty console(int index) {
        return new Tty(4, index);
    }
}
