package dev.streamrules.tools.sim;

import dev.streamrules.tools.sim.HostState.Resident;

/** The boot of a host: pid 1 and the long-lived services (sshd, cron, the role's daemons) sessions hang off. */
final class BootScenario {

    private BootScenario() {}

    /** pid 1 and the long-lived services that the host's sessions hang off. */
    static ProcessScript boot(HostState host) {
        HostProfile p = host.profile;
        OsRelease os = p.os;
        ProcessScript s = new ProcessScript();
        if (!os.linux()) {
            ProcRef launchd = s.init(ProcessImage.of("/sbin/launchd", "/sbin/launchd"));
            host.register(Resident.INIT, launchd);
            host.register(
                    Resident.SSHD,
                    service(s, launchd, ProcessImage.of("/usr/sbin/sshd", "/usr/sbin/sshd", "-D"), p.root, "/"));
            UserAccount owner = p.humans.get(0);
            host.register(
                    Resident.TERMINAL_SERVER,
                    service(
                            s,
                            launchd,
                            ProcessImage.of(
                                    "/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal",
                                    "/System/Applications/Utilities/Terminal.app/Contents/MacOS/Terminal"),
                            owner,
                            owner.home()));
            s.then(HostState::markBooted);
            return s;
        }
        ProcRef init = s.init(
                os.family().equals("debian")
                        ? ProcessImage.of("/usr/lib/systemd/systemd", "/sbin/init")
                        : ProcessImage.of(
                                "/usr/lib/systemd/systemd",
                                "/usr/lib/systemd/systemd",
                                "--switched-root",
                                "--system",
                                "--deserialize",
                                "31"));
        host.register(Resident.INIT, init);
        service(
                s,
                init,
                ProcessImage.of("/usr/lib/systemd/systemd-journald", "/usr/lib/systemd/systemd-journald"),
                p.root,
                "/");
        host.register(Resident.SSHD, service(s, init, ProcessImage.of("/usr/sbin/sshd", "sshd", "-D"), p.root, "/"));
        String cron = os.cronDaemon();
        host.register(
                Resident.CRON,
                service(s, init, ProcessImage.of(cron, cron, os.debianLike() ? "-f" : "-n"), p.root, "/"));
        switch (p.role) {
            case WEB -> {
                ProcRef nginx = service(
                        s,
                        init,
                        ProcessImage.of("/usr/sbin/nginx", "/usr/sbin/nginx", "-g", "daemon on; master_process on;"),
                        p.root,
                        "/");
                host.register(Resident.NGINX, nginx);
                for (int i = 0; i < 2; i++) {
                    s.fork(nginx);
                }
                host.register(
                        Resident.APP,
                        service(
                                s,
                                init,
                                ProcessImage.of(
                                        "/usr/bin/python3", "/usr/bin/python3", "/opt/app/server.py", "--port", "8080"),
                                p.serviceUser,
                                "/opt/app"));
            }
            case DATABASE -> {
                String postgres = os.debianLike() ? "/usr/lib/postgresql/16/bin/postgres" : "/usr/bin/postgres";
                ProcRef db = service(
                        s,
                        init,
                        ProcessImage.of(postgres, postgres, "-D", "/var/lib/postgresql/16/main"),
                        p.serviceUser,
                        "/var/lib/postgresql");
                host.register(Resident.POSTGRES, db);
                for (int i = 0; i < 3; i++) {
                    s.fork(db); // checkpointer, background writer, WAL writer: forks that never exec
                }
            }
            case KUBERNETES_NODE -> {
                host.register(
                        Resident.CONTAINERD,
                        service(s, init, ProcessImage.of("/usr/bin/containerd", "/usr/bin/containerd"), p.root, "/"));
                service(
                        s,
                        init,
                        ProcessImage.of(
                                "/usr/bin/kubelet",
                                "/usr/bin/kubelet",
                                "--config=/var/lib/kubelet/config.yaml",
                                "--container-runtime-endpoint=unix:///run/containerd/containerd.sock"),
                        p.root,
                        "/");
            }
            case WORKSTATION -> {
                UserAccount owner = p.humans.get(0);
                host.register(
                        Resident.TERMINAL_SERVER,
                        service(
                                s,
                                init,
                                ProcessImage.of(
                                        "/usr/libexec/gnome-terminal-server", "/usr/libexec/gnome-terminal-server"),
                                owner,
                                owner.home()));
            }
            default -> {}
        }
        s.then(HostState::markBooted);
        return s;
    }

    /** Started by init: its own entry leader, of type init. */
    private static ProcRef service(
            ProcessScript s, ProcRef init, ProcessImage image, UserAccount user, String directory) {
        ProcRef ref = s.fork(init).leadsItsSession().child();
        s.exec(ref, image).as(user).workingDirectory(directory).entryLeader("init", false, null);
        return ref;
    }
}
