package org.kybern.apiserver.internal;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.dto.RequestInfoDTO;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /healthz}, {@code /livez} and {@code /readyz}. Live means the server answers; ready
 * (and healthy) means it can also serve the API: the {@link ActiveStore} serves from a store and
 * the API's endpoints are registered with the HTTP runtime.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/healthz", "/livez", "/readyz"})
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Paths that must be served before the server calls itself ready. */
    static final List<String> API_PATHS = List.of("/version", "/api", "/apis", "/openapi/v3");

    @Reference
    private ActiveStore store;

    @Reference
    private HttpServiceRuntime httpRuntime;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String endpoint = req.getServletPath().substring(1);
        HealthReport report = new HealthReport(endpoint).check("ping", null);
        if (!endpoint.equals("livez")) {
            report.check("store", store.activeName().isPresent() ? null
                    : "no store is serving (available: " + store.availableNames() + "; is the kybern-store feature installed?)");
            report.check("api-endpoints", unservedApiPaths());
        }
        // As Kubernetes: 200 when every check passes, 500 with the failing checks listed otherwise.
        resp.setStatus(report.healthy() ? HttpServletResponse.SC_OK : HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cache-Control", "no-cache, private");
        resp.getOutputStream().write(report.render(req.getParameter("verbose") != null)
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The API paths no servlet serves yet, or {@code null} when all are served. */
    private String unservedApiPaths() {
        List<String> unserved = API_PATHS.stream().filter(path -> {
            RequestInfoDTO info = httpRuntime.calculateRequestInfoDTO(path);
            return info == null || info.servletDTO == null;
        }).toList();
        return unserved.isEmpty() ? null : "not served yet: " + String.join(", ", unserved);
    }
}
