package org.kybern.apiserver.internal.rest;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicBoolean;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.Store;
import org.kybern.api.store.Watch;
import org.kybern.api.store.StoreException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletAsyncSupported;
import org.osgi.service.servlet.whiteboard.propertytypes.HttpWhiteboardServletPattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The Kubernetes REST API under {@code /api} and {@code /apis}: discovery, and get, list, watch,
 * create, update and delete of every kind in {@link ResourceTypes}, stored through the
 * {@code kybern.store=active} store. Every refusal is a Kubernetes {@code Status}; watches are
 * asynchronous ({@link WatchStream}) and hold no thread while idle.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({"/api", "/api/*", "/apis", "/apis/*"})
@HttpWhiteboardServletAsyncSupported
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    /** Kubernetes refuses request bodies over 3 MiB. */
    static final int MAX_BODY = 3 << 20;
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    @Reference(target = "(" + Store.TYPE_PROPERTY + "=active)")
    private transient Store store;

    private final transient JsonMapper json = JsonMapper.builder().build();
    private final transient YAMLMapper yaml = YAMLMapper.builder().build();
    private final transient Tables tables = new Tables(json);
    private final transient AtomicBoolean namespacesEnsured = new AtomicBoolean();
    private transient ObjectStore objects;

    @Activate
    void activate() {
        objects = new ObjectStore(store, json, Clock.systemUTC());
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getServletPath() + (req.getPathInfo() == null ? "" : req.getPathInfo());
        try {
            RestPath target = RestPath.parse(path);
            if (target == null) {
                throw notFound();
            }
            if (target.discovery()) {
                discovery(req, resp, target);
                return;
            }
            ResourceType type = ResourceTypes.find(target.group(), target.version(), target.resource())
                    .orElseThrow(ApiServlet::notFound);
            if (type.namespaced() != (target.namespace() != null) && target.name() != null) {
                throw notFound();
            }
            if (target.subresource() != null) {
                subresource(req, resp, type, target);
                return;
            }
            objects(req, resp, type, target);
        } catch (ApiException e) {
            writeStatus(req, resp, e);
        } catch (JacksonException e) {
            writeStatus(req, resp, ApiException.badRequest("the request body does not fit the object's form: "
                    + e.getOriginalMessage()));
        } catch (StoreException e) {
            LOG.warn("Store failure on {} {}", req.getMethod(), path, e);
            writeStatus(req, resp, new ApiException(503, "ServiceUnavailable", "the store is not available: "
                    + e.getMessage()));
        }
    }

    private void discovery(HttpServletRequest req, HttpServletResponse resp, RestPath target) throws IOException {
        if (!req.getMethod().equals("GET")) {
            throw methodNotAllowed(req);
        }
        Object document;
        if (target.group() != null && target.group().isEmpty() && target.version() == null) {
            document = Discovery.coreVersions(req.getLocalAddr() + ":" + req.getLocalPort());
        } else if (target.group() == null) {
            document = Discovery.groups();
        } else if (target.version() == null) {
            document = Discovery.group(target.group()).orElseThrow(ApiServlet::notFound);
        } else {
            document = Discovery.resources(target.group(), target.version()).orElseThrow(ApiServlet::notFound);
        }
        write(req, resp, 200, document);
    }

    private void objects(HttpServletRequest req, HttpServletResponse resp, ResourceType type, RestPath target)
            throws IOException {
        if (!namespacesEnsured.get()) {
            SYSTEM_NAMESPACES.forEach(objects::ensureNamespace); // idempotent; retried until it succeeds
            namespacesEnsured.set(true);
        }
        boolean dryRun = "All".equals(req.getParameter("dryRun"));
        String ns = target.namespace();
        String name = target.name();
        switch (req.getMethod()) {
            case "GET" -> {
                if ("true".equals(req.getParameter("watch")) || "1".equals(req.getParameter("watch"))) {
                    if (name != null) {
                        throw ApiException.badRequest("watch a collection, with fieldSelector=metadata.name=" + name
                                + " for one object");
                    }
                    watch(req, resp, type, ns, selected(req, type));
                    return;
                }
                ObjectNode result = name == null
                        ? objects.list(type, ns, intParameter(req, "limit"), req.getParameter("continue"),
                                selected(req, type))
                        : objects.get(type, ns, name);
                write(req, resp, 200, render(req, type).apply(result));
            }
            case "POST" -> {
                if (name != null) {
                    throw methodNotAllowed(req);
                }
                requireNamespaceFor(type, ns);
                write(req, resp, 201, objects.create(type, ns, object(req), dryRun));
            }
            case "PUT" -> {
                if (name == null) {
                    throw methodNotAllowed(req);
                }
                write(req, resp, 200, objects.update(type, ns, name, object(req), dryRun));
            }
            case "DELETE" -> {
                if (name == null) {
                    if (type.namespaced() && ns == null) {
                        throw methodNotAllowed(req); // as Kubernetes: no deletecollection across namespaces
                    }
                    write(req, resp, 200, objects.deleteCollection(type, ns, selected(req, type), dryRun));
                } else {
                    write(req, resp, 200, objects.delete(type, ns, name, preconditions(req), dryRun));
                }
            }
            case "PATCH" -> {
                if (name == null) {
                    throw methodNotAllowed(req);
                }
                write(req, resp, 200, objects.patch(type, ns, name, patchFor(req), dryRun));
            }
            default -> throw methodNotAllowed(req);
        }
    }

    /** {@code .../<name>/status} (read the object, or write only its status) and {@code .../<name>/scale}. */
    private void subresource(HttpServletRequest req, HttpServletResponse resp, ResourceType type, RestPath target)
            throws IOException {
        if (target.subresource().equals("scale") && type.subresources().contains("scale")) {
            scale(req, resp, type, target);
            return;
        }
        if (!target.subresource().equals("status") || !type.subresources().contains("status")) {
            throw new ApiException(404, "NotFound", type.subresources().contains(target.subresource())
                    ? "the subresource " + target.subresource() + " of " + type.resource() + " is not served yet"
                    : type.resource() + " have no subresource " + target.subresource());
        }
        boolean dryRun = "All".equals(req.getParameter("dryRun"));
        String ns = target.namespace();
        String name = target.name();
        switch (req.getMethod()) {
            case "GET" -> write(req, resp, 200, objects.get(type, ns, name));
            case "PUT" -> write(req, resp, 200, objects.update(type, ns, name, object(req), ObjectStore.Part.STATUS,
                    dryRun));
            case "PATCH" -> write(req, resp, 200, objects.patch(type, ns, name, patchFor(req), ObjectStore.Part.STATUS,
                    dryRun));
            default -> throw methodNotAllowed(req);
        }
    }

    /** {@code .../<name>/scale}: the object's replicas as an autoscaling/v1 Scale. */
    private void scale(HttpServletRequest req, HttpServletResponse resp, ResourceType type, RestPath target)
            throws IOException {
        boolean dryRun = "All".equals(req.getParameter("dryRun"));
        String ns = target.namespace();
        String name = target.name();
        ObjectNode result = switch (req.getMethod()) {
            case "GET" -> objects.get(type, ns, name);
            case "PUT" -> {
                ObjectNode scale = object(req);
                yield objects.patch(type, ns, name, current -> Scales.apply(current, scale), ObjectStore.Part.MAIN, dryRun);
            }
            case "PATCH" -> {
                UnaryOperator<JsonNode> patch = patchFor(req);
                yield objects.patch(type, ns, name,
                        current -> Scales.apply(current, patch.apply(Scales.of((ObjectNode) current, json))),
                        ObjectStore.Part.MAIN, dryRun);
            }
            default -> throw methodNotAllowed(req);
        };
        write(req, resp, 200, Scales.of(result, json));
    }

    /**
     * Streams changes of the collection: from {@code resourceVersion} on, or (without one) the
     * current objects as ADDED events first, as Kubernetes does. Ends after
     * {@code timeoutSeconds} (default 30 minutes).
     */
    private void watch(HttpServletRequest req, HttpServletResponse resp, ResourceType type, String ns,
            Predicate<JsonNode> selected) throws IOException {
        if ("websocket".equalsIgnoreCase(req.getHeader("Upgrade"))) {
            // Watches are served over HTTP only. A WebSocket client (fabric8 tries one first) reads
            // the body of a refused upgrade to its end, which an endless watch never reaches: it
            // gets a watch that ends at once, and fabric8 then watches over HTTP.
            resp.setStatus(200);
            resp.setContentType("application/json");
            resp.setContentLength(0);
            return;
        }
        String rv = req.getParameter("resourceVersion");
        long after = 0;
        if (rv != null && !rv.isEmpty() && !rv.equals("0")) {
            try {
                after = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("resourceVersion must be a number, not \"" + rv + "\"");
            }
        }
        int timeoutSeconds = intParameter(req, "timeoutSeconds");
        resp.setStatus(200);
        resp.setContentType(Tables.requested(req.getHeader("Accept"))
                ? "application/json;as=Table;v=v1;g=meta.k8s.io" : "application/json");
        AsyncContext async = req.startAsync();
        async.setTimeout(TimeUnit.SECONDS.toMillis(timeoutSeconds > 0 ? timeoutSeconds : 1800));
        WatchStream stream = new WatchStream(async, json, selected, render(req, type));
        Watch storeWatch;
        try {
            storeWatch = startWatch(type, ns, selected, after, stream);
        } catch (ApiException | StoreException e) {
            // Nothing is written yet: answer with the Status and end the asynchronous response.
            ApiException refusal = e instanceof ApiException a ? a
                    : new ApiException(503, "ServiceUnavailable", "the store is not available: " + e.getMessage());
            writeStatus(req, resp, refusal);
            async.complete();
            return;
        }
        // The status and headers go out now, before any event, as Kubernetes sends them: fabric8
        // counts a watch as started (and an informer as ready) only once they arrive.
        async.getResponse().flushBuffer();
        stream.start(storeWatch);
    }

    private Watch startWatch(ResourceType type, String ns, Predicate<JsonNode> selected,
            long fromRevision, WatchStream stream) {
        long after = fromRevision;
        try {
            if (after == 0) {
                ObjectNode list = objects.list(type, ns, 0, null, selected);
                list.get("items").forEach(item -> stream.send("ADDED", (ObjectNode) item));
                after = Long.parseLong(list.get("metadata").get("resourceVersion").asString());
            }
            return store.watch(type.listPrefix(ns), after, stream);
        } catch (CompactedException e) {
            stream.error(410, "Expired", "too old resource version: " + after + " (" + e.getMessage() + ")");
            return () -> { };
        }
    }

    /** The response form the client asked for: a Table (server-side printing) or the objects themselves. */
    private UnaryOperator<ObjectNode> render(HttpServletRequest req, ResourceType type) {
        if (!Tables.requested(req.getHeader("Accept"))) {
            return UnaryOperator.identity();
        }
        String includeObject = req.getParameter("includeObject");
        return object -> tables.table(type, object, includeObject == null ? "Metadata" : includeObject);
    }

    /** The uid and resourceVersion a DeleteOptions body requires of the object, if any. */
    private ObjectStore.Preconditions preconditions(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() == 0) {
            return ObjectStore.Preconditions.NONE;
        }
        byte[] body = readBody(req);
        if (body.length == 0) {
            return ObjectStore.Preconditions.NONE;
        }
        JsonNode options = objects.parseJson(body).path("preconditions");
        return new ObjectStore.Preconditions(options.path("uid").asString(null),
                options.path("resourceVersion").asString(null));
    }

    /** What the request's labelSelector and fieldSelector select. */
    private static Predicate<JsonNode> selected(HttpServletRequest req, ResourceType type) {
        return Selectors.labels(req.getParameter("labelSelector"))
                .and(Selectors.fields(type, req.getParameter("fieldSelector")));
    }

    /** The patch the request carries, by its content type. */
    private UnaryOperator<JsonNode> patchFor(HttpServletRequest req) throws IOException {
        String contentType = req.getContentType() == null ? "" : req.getContentType();
        byte[] body = readBody(req);
        if (contentType.startsWith("application/merge-patch+json")) {
            ObjectNode patch = objects.parse(body);
            return current -> Patches.mergePatch(current, patch);
        }
        if (contentType.startsWith("application/json-patch+json")) {
            JsonNode patch = objects.parseJson(body);
            return current -> Patches.jsonPatch(current, patch);
        }
        throw new ApiException(415, "UnsupportedMediaType", "the patch type " + contentType + " is not served yet; "
                + "use application/merge-patch+json or application/json-patch+json (kubectl patch --type=merge|json)");
    }

    private static void requireNamespaceFor(ResourceType type, String ns) {
        if (type.namespaced() && ns == null) {
            throw ApiException.badRequest("a namespace is required to create " + type.resource()
                    + " (POST /api/.../namespaces/<namespace>/" + type.resource() + ")");
        }
    }

    /** The object in the request body: JSON or YAML, by its content type. */
    private ObjectNode object(HttpServletRequest req) throws IOException {
        String contentType = req.getContentType() == null ? "application/json" : req.getContentType();
        byte[] body = readBody(req);
        JsonNode node;
        if (contentType.startsWith("application/yaml")) {
            try {
                node = yaml.readTree(body);
            } catch (JacksonException e) {
                throw ApiException.badRequest("the request body is not valid YAML: " + e.getOriginalMessage());
            }
        } else if (contentType.startsWith("application/json") || contentType.startsWith("*/*")) {
            return objects.parse(body);
        } else {
            throw new ApiException(415, "UnsupportedMediaType", "the body must be application/json or "
                    + "application/yaml, not " + contentType);
        }
        return ObjectStore.asObject(node);
    }

    private static byte[] readBody(HttpServletRequest req) throws IOException {
        if (req.getContentLengthLong() > MAX_BODY) {
            throw tooLarge();
        }
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw tooLarge();
            }
            return body;
        }
    }

    private static int intParameter(HttpServletRequest req, String name) {
        String value = req.getParameter(name);
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be a non-negative integer, not \"" + value + "\"");
        }
    }

    private void write(HttpServletRequest req, HttpServletResponse resp, int code, Object document) throws IOException {
        resp.setStatus(code);
        if (document instanceof ObjectNode o && "Table".equals(o.path("kind").asString(""))) {
            resp.setContentType("application/json;as=Table;v=v1;g=meta.k8s.io");
            resp.getOutputStream().write(json.writeValueAsBytes(document));
        } else if (prefersYaml(req.getHeader("Accept"))) {
            resp.setContentType("application/yaml");
            resp.getOutputStream().write(yaml.writeValueAsBytes(document));
        } else {
            resp.setContentType("application/json");
            resp.getOutputStream().write(json.writeValueAsBytes(document));
        }
    }

    /** Whether the first media type the client accepts is YAML. */
    static boolean prefersYaml(String accept) {
        return accept != null && accept.split(",")[0].trim().startsWith("application/yaml");
    }

    private void writeStatus(HttpServletRequest req, HttpServletResponse resp, ApiException e) throws IOException {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", e.getMessage());
        status.put("reason", e.reason());
        if (e instanceof ObjectStore.InvalidException invalid) {
            ObjectNode details = status.putObject("details");
            details.put("name", invalid.name);
            details.put("group", invalid.type.group());
            details.put("kind", invalid.type.kind());
            var causes = details.putArray("causes");
            for (ObjectStore.Cause c : invalid.causes) {
                ObjectNode cause = causes.addObject();
                cause.put("reason", c.reason());
                cause.put("message", c.message());
                cause.put("field", c.field());
            }
        }
        status.put("code", e.code());
        write(req, resp, e.code(), status);
    }

    private static ApiException notFound() {
        return new ApiException(404, "NotFound", "the server could not find the requested resource");
    }

    private static ApiException methodNotAllowed(HttpServletRequest req) {
        return new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested "
                + "resource (" + req.getMethod() + ")");
    }

    private static ApiException tooLarge() {
        return new ApiException(413, "RequestEntityTooLarge", "the request body is larger than " + MAX_BODY
                + " bytes");
    }
}
