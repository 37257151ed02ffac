package dev.streamrules.tools.sim;

import java.util.List;

/** The {@code host.os.*} of a host, plus the few layout differences between distributions that show in events. */
record OsRelease(String type, String family, String name, String platform, String version, String kernel) {

    static final List<OsRelease> LINUX = List.of(
            new OsRelease("linux", "debian", "Ubuntu", "ubuntu", "22.04.5 LTS (Jammy Jellyfish)", "5.15.0-1071-aws"),
            new OsRelease("linux", "debian", "Ubuntu", "ubuntu", "24.04.1 LTS (Noble Numbat)", "6.8.0-1018-aws"),
            new OsRelease("linux", "debian", "Debian GNU/Linux", "debian", "12 (bookworm)", "6.1.0-26-cloud-amd64"),
            new OsRelease(
                    "linux", "rhel", "Red Hat Enterprise Linux", "rhel", "9.4 (Plow)", "5.14.0-427.40.1.el9_4.x86_64"),
            new OsRelease("linux", "amazon", "Amazon Linux", "amzn", "2023", "6.1.112-122.189.amzn2023.x86_64"));

    static final OsRelease MACOS = new OsRelease("macos", "darwin", "macOS", "darwin", "14.6.1", "23.6.0");

    boolean linux() {
        return "linux".equals(type);
    }

    boolean debianLike() {
        return "debian".equals(family);
    }

    /** Linux distributions here are usr-merged; macOS keeps /bin. */
    String usrPrefix() {
        return linux() ? "/usr" : "";
    }

    String full() {
        return name + " " + version;
    }

    ShellKind sh() {
        return ShellKind.sh(this);
    }

    String cronDaemon() {
        return debianLike() ? "/usr/sbin/cron" : "/usr/sbin/crond";
    }

    ProcessImage packageUpdate() {
        return debianLike()
                ? ProcessImage.of("/usr/bin/apt-get", "apt-get", "update")
                : ProcessImage.of("/usr/bin/dnf", "dnf", "-q", "check-update");
    }

    String syslog() {
        return debianLike() ? "/var/log/syslog" : "/var/log/messages";
    }

    String authLog() {
        return debianLike() ? "/var/log/auth.log" : "/var/log/secure";
    }
}
