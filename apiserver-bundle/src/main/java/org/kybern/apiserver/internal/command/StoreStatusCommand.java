package org.kybern.apiserver.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.apiserver.internal.ActiveStore;

/** {@code kybern:store}: which store the API server serves from, which it could switch to, the last switch. */
@Service
@Command(scope = "kybern", name = "store", description = "Shows the API server's store and the stores it could switch to.")
public class StoreStatusCommand implements Action {

    @Reference
    ActiveStore activeStore;

    @Override
    public Object execute() {
        System.out.println("active:    " + activeStore.activeName().orElse("none"));
        System.out.println("available: " + String.join(", ", new java.util.TreeSet<>(activeStore.availableNames())));
        activeStore.lastSwitch().ifPresent(s -> System.out.println("last:      " + s));
        return null;
    }
}
