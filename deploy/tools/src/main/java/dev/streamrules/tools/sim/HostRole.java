package dev.streamrules.tools.sim;

/** What a host is for, which decides its resident services and the sessions it sees. */
enum HostRole {
    WEB("web"),
    DATABASE("db"),
    KUBERNETES_NODE("k8s-node"),
    WORKSTATION("ws"),
    MAC_LAPTOP("mac");

    final String namePrefix;

    HostRole(String namePrefix) {
        this.namePrefix = namePrefix;
    }

    /** Cycled over host indexes, so any fleet of five hosts or more has every role. */
    static final HostRole[] FLEET_PATTERN = {
        WEB, DATABASE, KUBERNETES_NODE, WORKSTATION, MAC_LAPTOP, WEB, KUBERNETES_NODE, WEB, DATABASE, KUBERNETES_NODE
    };
}
