package org.kybern.apiserver.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.fabric8.kubernetes.api.model.version.Info;
import java.io.IOException;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import tools.jackson.databind.json.JsonMapper;

/** {@code /version}: Kubernetes' {@code version.Info} JSON, computed once at activation. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern("/version")
public class VersionServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Manifest header carrying the Kubernetes version the API serves (set in bnd.bnd). */
    static final String KUBERNETES_VERSION_HEADER = "Kybern-Kubernetes-Version";
    static final String BUILD_DATE_HEADER = "Kybern-Build-Date";

    private final transient byte[] body;

    @Activate
    public VersionServlet(BundleContext context) {
        Bundle bundle = context.getBundle();
        Info info = KubernetesVersion.info(bundle.getHeaders().get(KUBERNETES_VERSION_HEADER),
                bundle.getVersion().toString(), bundle.getHeaders().get(BUILD_DATE_HEADER));
        this.body = JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsBytes(info);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.getOutputStream().write(body);
    }
}
