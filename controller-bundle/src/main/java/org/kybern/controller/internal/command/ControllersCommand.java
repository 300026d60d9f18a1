package org.kybern.controller.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.controller.internal.ControllerManager;

/** {@code kybern:controllers}: whether this controller manager leads, and its controllers with their queues. */
@Service
@Command(scope = "kybern", name = "controllers",
        description = "Shows the controller manager: leading or standing by, and each running controller's queue.")
public class ControllersCommand implements Action {

    @Reference
    ControllerManager manager;

    @Override
    public Object execute() {
        System.out.println("identity: " + manager.identity());
        System.out.println("state:    " + manager.state());
        for (String line : manager.controllers()) {
            System.out.println("  " + line);
        }
        return null;
    }
}
