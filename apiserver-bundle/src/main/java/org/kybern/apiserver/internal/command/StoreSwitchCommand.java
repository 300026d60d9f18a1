package org.kybern.apiserver.internal.command;

import java.util.Dictionary;
import java.util.Hashtable;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.apiserver.internal.ActiveStore;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** {@code kybern:store-switch etcd}: switch the API server's store now, and keep that choice. */
@Service
@Command(scope = "kybern", name = "store-switch",
        description = "Switches the API server to another store while the cluster runs, copying every object. "
                + "The choice is kept in etc/org.kybern.apiserver.cfg (store=...).")
public class StoreSwitchCommand implements Action {

    @Argument(index = 0, name = "store", required = true, description = "embedded or etcd")
    String store;

    @Reference
    ActiveStore activeStore;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws Exception {
        ActiveStore.SwitchReport report = activeStore.switchTo(store);
        Configuration config = configurationAdmin.getConfiguration(ActiveStore.PID, "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put("store", store);
        config.update(properties);
        System.out.println(report.from().equals(report.to()) ? "already serving from " + store : report.toString());
        return null;
    }
}
