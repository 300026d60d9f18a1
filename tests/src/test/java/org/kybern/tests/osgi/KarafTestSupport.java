package org.kybern.tests.osgi;

import javax.inject.Inject;
import org.apache.karaf.features.BootFinished;
import org.apache.karaf.features.FeaturesService;
import org.osgi.framework.BundleContext;

/** What every test inside Karaf is handed once the container has finished booting. */
abstract class KarafTestSupport {

    @Inject
    protected BundleContext context;

    @Inject
    protected FeaturesService features;

    /** Injected once Karaf has installed its boot features, so tests start on a booted container. */
    @Inject
    protected BootFinished bootFinished;
}
