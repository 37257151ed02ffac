package dev.streamrules.tools.sim;

/** A local account. {@code shell} is null for accounts nobody logs in with. */
record UserAccount(String name, int id, String home, ShellKind shell) {

    static UserAccount root() {
        return new UserAccount("root", 0, "/root", null);
    }

    static UserAccount service(String name, int id, String home) {
        return new UserAccount(name, id, home, null);
    }
}
