package org.kybern.scheduler.internal.command;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.api.scheduler.SchedulerPlugin;
import org.kybern.scheduler.internal.Profile;
import org.kybern.scheduler.internal.SchedulerView;

/** {@code kybern:scheduler}: whether this scheduler leads, how many pods wait, and each profile's plugins. */
@Service
@Command(scope = "kybern", name = "scheduler",
        description = "Shows the scheduler: leading or standing by, pods waiting, and the plugins of each profile.")
public class SchedulerCommand implements Action {

    @Reference
    SchedulerView scheduler;

    @Override
    public Object execute() {
        System.out.println("identity: " + scheduler.identity());
        System.out.println("state:    " + scheduler.state());
        System.out.println("pending:  " + scheduler.pending());
        for (Map.Entry<String, Profile> e : new TreeMap<>(scheduler.profiles()).entrySet()) {
            Profile p = e.getValue();
            System.out.println("profile " + e.getKey() + (p.ready() ? "" : " (waits for " + String.join(", ", p.missing()) + ")"));
            System.out.println("  prefilter: " + names(p.preFilters()));
            System.out.println("  filter:    " + names(p.filters()));
            System.out.println("  score:     " + p.scores().stream().map(w -> w.plugin().name() + "=" + w.weight())
                    .collect(Collectors.joining(", ")));
        }
        return null;
    }

    private static String names(List<? extends SchedulerPlugin> plugins) {
        return plugins.stream().map(SchedulerPlugin::name).collect(Collectors.joining(", "));
    }
}
