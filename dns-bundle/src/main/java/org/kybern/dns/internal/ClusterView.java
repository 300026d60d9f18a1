package org.kybern.dns.internal;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.List;

/** What the cluster DNS reads of the API: Services and their EndpointSlices, by name. */
interface ClusterView {

    /** The Service {@code namespace/name}, or null. */
    Service service(String namespace, String name);

    /** The EndpointSlices labelled {@code kubernetes.io/service-name=<service>} in {@code namespace}. */
    List<EndpointSlice> slices(String namespace, String service);

    /** Whether {@code namespace} has any Service. */
    boolean hasServices(String namespace);

    /** The Services whose ClusterIP is {@code ip}. */
    List<Service> servicesWithClusterIp(String ip);

    /** The EndpointSlices with an endpoint address {@code ip}. */
    List<EndpointSlice> slicesWithAddress(String ip);
}
