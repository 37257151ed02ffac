package dev.streamrules.tools.sim;

import java.util.ArrayList;
import java.util.List;

/** Writes the process steps a shell goes through to run a {@link ShellCommand}. */
final class CommandRunner {

    private CommandRunner() {}

    /**
     * @param jobControl an interactive shell puts each command line in its own process group; scripts,
     *     cron and services leave children in theirs
     */
    static void run(ProcessScript script, ProcRef parent, ShellCommand command, boolean jobControl, UserAccount root) {
        ProcRef launcher = parent;
        ProcRef sudo = null;
        if (command.sudo()) {
            sudo = forkStage(script, parent, command, jobControl, null);
            List<String> args = new ArrayList<>();
            args.add("sudo");
            args.addAll(command.stages().get(0).image().args());
            script.exec(sudo, ProcessImage.of("/usr/bin/sudo", args));
            launcher = sudo;
            jobControl = false;
        }
        List<ProcRef> processes = new ArrayList<>();
        for (int i = 0; i < command.stages().size(); i++) {
            processes.add(
                    forkStage(script, launcher, command, jobControl, processes.isEmpty() ? null : processes.get(0)));
        }
        // A shell forks every stage of a pipeline before any of them gets to exec.
        for (int i = 0; i < processes.size(); i++) {
            ShellCommand.Stage stage = command.stages().get(i);
            ProcessScript.ExecStep exec =
                    script.exec(processes.get(i), stage.image()).label(stage.label());
            if (sudo != null) {
                exec.as(root);
            }
        }
        for (int i = 0; i < processes.size(); i++) {
            ShellCommand.Stage stage = command.stages().get(i);
            if (stage.forksHelper()) {
                ProcRef helper = script.fork(processes.get(i))
                        .label(EventLabel.NEAR_MISS)
                        .child();
                script.end(helper, EventLabel.NEAR_MISS);
            }
            for (ShellCommand line : stage.children()) {
                run(script, processes.get(i), line, false, root);
            }
        }
        for (int i = 0; i < processes.size(); i++) {
            script.end(
                    processes.get(i),
                    command.stages().get(i).readsMaps() ? EventLabel.NEAR_MISS : EventLabel.BACKGROUND);
        }
        if (sudo != null) {
            script.end(sudo);
        }
    }

    private static ProcRef forkStage(
            ProcessScript script, ProcRef parent, ShellCommand command, boolean jobControl, ProcRef pipelineLeader) {
        ProcessScript.ForkStep fork = script.fork(parent).workingDirectory(command.workingDirectory());
        if (jobControl) {
            if (pipelineLeader == null) {
                fork.ownGroup();
            } else {
                fork.inGroupOf(pipelineLeader);
            }
        }
        return fork.child();
    }
}
