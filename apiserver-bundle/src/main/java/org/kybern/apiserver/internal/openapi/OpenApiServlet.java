package org.kybern.apiserver.internal.openapi;

import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.kybern.apiserver.internal.rest.Statuses;
import org.kybern.apiserver.internal.schema.KubeSchema;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /openapi/v3} (the index of group versions, each with its document's hash) and
 * {@code /openapi/v3/<api|apis/group>/<version>} (the documents), made once at activation.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/openapi/v3", "/openapi/v3/*"})
public class OpenApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient JsonMapper json = JsonMapper.builder().build();
    private final transient Map<String, byte[]> documents = new LinkedHashMap<>();
    private final transient byte[] index;

    @Activate
    public OpenApiServlet(@Reference KubeSchema schema, BundleContext context) {
        OpenApiDocuments builder = new OpenApiDocuments(schema,
                context.getBundle().getHeaders().get("Kybern-Kubernetes-Version"));
        ObjectNode root = json.createObjectNode();
        ObjectNode paths = root.putObject("paths");
        OpenApiDocuments.groupVersions().forEach((path, types) -> {
            byte[] document = json.writeValueAsBytes(builder.document(types));
            documents.put(path, document);
            paths.putObject(path).put("serverRelativeURL", "/openapi/v3/" + path + "?hash=" + hash(document));
        });
        index = json.writeValueAsBytes(root);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getPathInfo() == null ? "" : req.getPathInfo().replaceFirst("^/", "");
        byte[] body = path.isEmpty() ? index : documents.get(path);
        if (body == null) {
            resp.setStatus(404);
            resp.setContentType("application/json");
            resp.getOutputStream().write(json.writeValueAsBytes(Statuses.failure(404, "NotFound",
                    "no OpenAPI document for " + path + "; the index is /openapi/v3")));
            return;
        }
        resp.setContentType("application/json");
        if (req.getParameter("hash") != null) {
            resp.setHeader("Cache-Control", "public, immutable");
        }
        resp.getOutputStream().write(body);
    }

    private static String hash(byte[] document) {
        try {
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(document));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-512", e);
        }
    }
}
