package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The fixed identity of one simulated host: what its {@code host.*} and {@code agent.*} fields say, and who logs in. */
final class HostProfile {

    private static final List<String> PEOPLE = List.of(
            "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "oscar", "peggy");

    final int index;
    final String hostId;
    final String hostName;
    final String agentId;
    final HostRole role;
    final OsRelease os;
    final String ip;
    final String mac;
    final UserAccount root = UserAccount.root();
    final List<UserAccount> humans;
    /** The account the host's main service runs as (web app, postgres); root where there is none. */
    final UserAccount serviceUser;
    /** How many sessions run on the host at once once it has booted. */
    final int concurrency;

    private HostProfile(int index, int ordinal, HostRole role, Dice dice) {
        this.index = index;
        this.role = role;
        this.os = role == HostRole.MAC_LAPTOP ? OsRelease.MACOS : dice.pick(OsRelease.LINUX);
        this.hostId = dice.hex(32);
        // Shaped as a version 4 UUID, as the agent's own ids are.
        this.agentId = new UUID(
                        (dice.nextLong() & ~0xF000L) | 0x4000L,
                        (dice.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
                .toString();
        this.hostName = String.format("%s-%02d", role.namePrefix, ordinal);
        this.ip = "10." + dice.between(0, 31) + "." + dice.between(0, 255) + "." + dice.between(2, 254);
        this.mac = String.join("-", dice.hex(2), dice.hex(2), dice.hex(2), dice.hex(2), dice.hex(2), dice.hex(2))
                .toUpperCase();
        this.humans = people(dice);
        this.serviceUser = switch (role) {
            case WEB -> UserAccount.service("appuser", 998, "/opt/app");
            case DATABASE -> UserAccount.service("postgres", os.debianLike() ? 113 : 26, "/var/lib/postgresql");
            default -> root;
        };
        this.concurrency = dice.between(1, 3);
    }

    static List<HostProfile> fleet(int hosts, Dice dice) {
        List<HostProfile> fleet = new ArrayList<>(hosts);
        int[] perRole = new int[HostRole.values().length];
        for (int i = 0; i < hosts; i++) {
            HostRole role = HostRole.FLEET_PATTERN[i % HostRole.FLEET_PATTERN.length];
            fleet.add(new HostProfile(i, ++perRole[role.ordinal()], role, dice));
        }
        return fleet;
    }

    private List<UserAccount> people(Dice dice) {
        List<UserAccount> accounts = new ArrayList<>();
        boolean desktop = role == HostRole.WORKSTATION || role == HostRole.MAC_LAPTOP;
        int firstUid = os.linux() ? 1000 : 501;
        if (!desktop) {
            accounts.add(new UserAccount(adminAccount(), firstUid, "/home/" + adminAccount(), ShellKind.bash(os)));
        }
        int count = desktop ? 1 : dice.between(1, 3);
        List<ShellKind> shells = desktop ? ShellKind.desktopChoices(os) : ShellKind.loginChoices(os);
        int start = dice.between(0, PEOPLE.size() - 1);
        for (int i = 0; i < count; i++) {
            String name = PEOPLE.get((start + i) % PEOPLE.size());
            String home = (os.linux() ? "/home/" : "/Users/") + name;
            accounts.add(new UserAccount(name, firstUid + accounts.size(), home, dice.pick(shells)));
        }
        return List.copyOf(accounts);
    }

    /** The account cloud images create for the first login. */
    private String adminAccount() {
        return switch (os.platform()) {
            case "ubuntu" -> "ubuntu";
            case "amzn" -> "ec2-user";
            case "rhel" -> "cloud-user";
            default -> "admin";
        };
    }

    UserAccount someone(Dice dice) {
        return dice.pick(humans);
    }

    boolean linux() {
        return os.linux();
    }
}
