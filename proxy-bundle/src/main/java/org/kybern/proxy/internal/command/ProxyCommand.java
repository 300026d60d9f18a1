package org.kybern.proxy.internal.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.kybern.proxy.internal.ServiceProxy;

/** {@code kybern:proxy}: the proxy's mode and backends, and every service port with its ready endpoints. */
@Service
@Command(scope = "kybern", name = "proxy",
        description = "Shows the service proxy: configured mode and active backend, each registered backend and why "
                + "it cannot run, and every service port (clusterIP:port, nodePort, affinity, endpoints). Switch "
                + "backends with kybern:proxy-mode <mode> or config:property-set -p org.kybern.proxy mode <mode>.")
public class ProxyCommand implements Action {

    @Reference
    ServiceProxy proxy;

    @Override
    public Object execute() {
        proxy.report().forEach(System.out::println);
        return null;
    }
}
