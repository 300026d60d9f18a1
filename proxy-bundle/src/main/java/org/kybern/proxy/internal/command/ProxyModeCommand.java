package org.kybern.proxy.internal.command;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Locale;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.proxy.internal.ServiceProxy;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * {@code kybern:proxy-mode userspace}: writes the mode into the proxy's configuration (kept in
 * etc/org.kybern.proxy.cfg), which switches backends live, and waits briefly to tell the outcome.
 */
@Service
@Command(scope = "kybern", name = "proxy-mode",
        description = "Sets the service proxy's mode (auto, nftables, userspace) and so switches backends live: the "
                + "new backend is synced before the old one is cleaned up. Kept in etc/org.kybern.proxy.cfg.")
public class ProxyModeCommand implements Action {

    private static final long WAIT_MILLIS = 10_000;

    @Argument(index = 0, name = "mode", required = true, description = "auto, nftables or userspace")
    String mode;

    @Reference
    ServiceProxy proxy;

    @Reference
    ConfigurationAdmin configurationAdmin;

    @Override
    public Object execute() throws Exception {
        String wanted = mode.strip().toLowerCase(Locale.ROOT);
        if (!proxy.modes().contains(wanted)) {
            System.err.println("unknown mode " + mode + "; one of " + String.join(", ", proxy.modes()));
            return null;
        }
        Configuration config = configurationAdmin.getConfiguration(ServiceProxy.PID, "?");
        Dictionary<String, Object> properties = config.getProperties() == null ? new Hashtable<>() : config.getProperties();
        properties.put("mode", wanted);
        config.update(properties);
        // auto too: until the backend it chooses (nftables where usable) is the active one.
        String target = proxy.choiceFor(wanted);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (target != null && !target.equals(proxy.activeMode()) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        System.out.println("mode " + wanted + " configured; active backend: "
                + (proxy.activeMode() == null ? "none" : proxy.activeMode()));
        if (target == null || !target.equals(proxy.activeMode())) {
            System.out.println("not switched (yet): see kybern:proxy for why");
        }
        return null;
    }
}
