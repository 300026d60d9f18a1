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
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.concurrent.atomic.AtomicBoolean;
import com.google.protobuf.Descriptors.Descriptor;
import org.kybern.api.store.CompactedException;
import org.kybern.apiserver.internal.schema.KubeSchema;
import org.kybern.apiserver.internal.schema.ProtobufDecoder;
import org.kybern.apiserver.internal.schema.UnknownFields;
import org.kybern.api.store.Store;
import org.kybern.api.store.Watch;
import org.kybern.api.store.StoreException;
import org.kybern.apiserver.internal.ActiveStore;
import org.kybern.apiserver.internal.ApiServerConfig;
import org.kybern.apiserver.internal.security.BearerTokenFilter;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
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
@Component(service = Servlet.class, configurationPid = ActiveStore.PID)
@HttpWhiteboardServletPattern({"/api", "/api/*", "/apis", "/apis/*"})
@HttpWhiteboardServletAsyncSupported
public class ApiServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServlet.class);
    /** Kubernetes refuses request bodies over 3 MiB. */
    static final int MAX_BODY = 3 << 20;
    /** How much of a body over {@link #MAX_BODY} is read and dropped so that its sender hears the 413. */
    static final long MAX_DISCARDED = 64L << 20;
    private static final List<String> SYSTEM_NAMESPACES = List.of("default", "kube-system", "kube-public",
            "kube-node-lease");

    @Reference(target = "(" + Store.TYPE_PROPERTY + "=active)")
    private transient Store store;

    /** Not called: the API is registered only after the authentication filter in front of it is. */
    @Reference
    private transient BearerTokenFilter authentication;
    @Reference
    private transient org.kybern.apiserver.internal.security.KubeletClientCredentials kubeletClient;

    private final transient JsonMapper json = JsonMapper.builder().build();
    private final transient YAMLMapper yaml = YAMLMapper.builder().build();
    private final transient Tables tables = new Tables(json);
    private final transient WatchEvents watchEvents = new WatchEvents(json);
    private final transient AtomicBoolean namespacesEnsured = new AtomicBoolean();
    @Reference
    private transient KubeSchema schema;

    private transient ObjectStore objects;
    private transient ProtobufDecoder protobuf;
    private transient StrategicMergePatch strategicMergePatch;
    private transient UnknownFields unknownFields;
    private transient Pods pods;
    private transient PodLogs podLogs;
    private transient WriteSeats writeSeats;

    @Activate
    void activate(ApiServerConfig config) {
        writeSeats = new WriteSeats(config.writesInFlight());
        objects = new ObjectStore(writeSeats.givingUpSeats(store), json, Clock.systemUTC(),
                ranges(config, ServiceRanges.DEFAULT));
        protobuf = new ProtobufDecoder(schema, json);
        strategicMergePatch = new StrategicMergePatch(schema);
        unknownFields = new UnknownFields(schema);
        pods = new Pods(objects, json, Clock.systemUTC());
        podLogs = new PodLogs(objects, authentication::tokenOf, kubeletClient::sslContext);
    }

    /** New service ranges apply to allocations from now on; services keep what they have. */
    @Modified
    void modified(ApiServerConfig config) {
        objects.serviceRanges(ranges(config, ServiceRanges.DEFAULT));
        writeSeats.resize(config.writesInFlight());
    }

    private static ServiceRanges ranges(ApiServerConfig config, ServiceRanges fallback) {
        try {
            return ServiceRanges.parse(config.serviceClusterIpRange(), config.serviceNodePortRange());
        } catch (IllegalArgumentException e) {
            LOG.error("Ignoring the configured service ranges, using {} and {}-{}: {}", fallback.cidr(),
                    fallback.minPort(), fallback.maxPort(), e.getMessage());
            return fallback;
        }
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
            if (req.getMethod().equals("GET")) {
                serve(req, resp, type, target);
            } else {
                try (WriteSeats.Seat seat = writeSeats.take()) {
                    serve(req, resp, type, target);
                }
            }
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

    private void serve(HttpServletRequest req, HttpServletResponse resp, ResourceType type, RestPath target)
            throws IOException {
        if (target.subresource() != null) {
            subresource(req, resp, type, target);
        } else {
            objects(req, resp, type, target);
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
                                listRevision(req), selected(req, type))
                        : objects.get(type, ns, name);
                write(req, resp, 200, render(req, type).apply(result));
            }
            case "POST" -> {
                if (name != null) {
                    throw methodNotAllowed(req);
                }
                requireNamespaceFor(type, ns);
                write(req, resp, 201, objects.create(type, ns, known(req, resp, type, object(req)), dryRun));
            }
            case "PUT" -> {
                if (name == null) {
                    throw methodNotAllowed(req);
                }
                write(req, resp, 200, objects.update(type, ns, name, known(req, resp, type, object(req)), dryRun));
            }
            case "DELETE" -> {
                if (name == null) {
                    if (type.namespaced() && ns == null) {
                        throw methodNotAllowed(req); // as Kubernetes: no deletecollection across namespaces
                    }
                    write(req, resp, 200, objects.deleteCollection(type, ns, selected(req, type),
                            deleteOptions(req).withoutPreconditions()));
                } else {
                    ObjectStore.Deletion deletion = objects.delete(type, ns, name, deleteOptions(req));
                    write(req, resp, deletion.code(), deletion.body());
                }
            }
            case "PATCH" -> {
                if (name == null) {
                    throw methodNotAllowed(req);
                }
                write(req, resp, 200, objects.patch(type, ns, name, knownAfter(req, resp, type,
                        patchFor(req, type.groupVersion(), type.kind())), dryRun));
            }
            default -> throw methodNotAllowed(req);
        }
    }

    /**
     * {@code .../<name>/status} (read the object, or write only its status), {@code .../<name>/scale}
     * and {@code namespaces/<name>/finalize} (write only {@code spec.finalizers}).
     */
    private void subresource(HttpServletRequest req, HttpServletResponse resp, ResourceType type, RestPath target)
            throws IOException {
        if (target.subresource().equals("scale") && type.subresources().contains("scale")) {
            scale(req, resp, type, target);
            return;
        }
        if (type == Pods.PODS && List.of("binding", "eviction", "log").contains(target.subresource())) {
            podSubresource(req, resp, target);
            return;
        }
        if (target.subresource().equals("finalize") && type.subresources().contains("finalize")) {
            if (!req.getMethod().equals("PUT")) {
                throw methodNotAllowed(req);
            }
            write(req, resp, 200, objects.finalizeNamespace(target.name(), object(req),
                    "All".equals(req.getParameter("dryRun"))));
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
            case "PUT" -> write(req, resp, 200, objects.update(type, ns, name, known(req, resp, type, object(req)),
                    ObjectStore.Part.STATUS, dryRun));
            case "PATCH" -> write(req, resp, 200, objects.patch(type, ns, name, knownAfter(req, resp, type,
                    patchFor(req, type.groupVersion(), type.kind())), ObjectStore.Part.STATUS, dryRun));
            default -> throw methodNotAllowed(req);
        }
    }

    /** {@code pods/<name>/binding} and {@code /eviction} (POST), {@code pods/<name>/log} (GET). */
    private void podSubresource(HttpServletRequest req, HttpServletResponse resp, RestPath target) throws IOException {
        boolean dryRun = "All".equals(req.getParameter("dryRun"));
        boolean log = target.subresource().equals("log");
        if (!req.getMethod().equals(log ? "GET" : "POST")) {
            throw methodNotAllowed(req);
        }
        switch (target.subresource()) {
            case "binding" -> write(req, resp, 201, pods.bind(target.namespace(), target.name(), object(req), dryRun));
            case "eviction" -> write(req, resp, 201, pods.evict(target.namespace(), target.name(), object(req), dryRun));
            default -> {
                ObjectNode pod = objects.get(Pods.PODS, target.namespace(), target.name());
                podLogs.stream(podLogs.location(pod, req::getParameter), pod.path("spec").path("nodeName").asString(""),
                        resp);
            }
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
                UnaryOperator<JsonNode> patch = patchFor(req, "autoscaling/v1", "Scale");
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
        // Objects sent as themselves go out in event lines shared by every watch (WatchEvents).
        WatchStream stream = new WatchStream(async, json, watchEvents, selected,
                Tables.requested(req.getHeader("Accept")) ? render(req, type) : null);
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

    /**
     * The object without the fields its kind does not have, as Kubernetes drops them; with
     * {@code fieldValidation=Strict} (kubectl's default) they are refused, with {@code Warn} (the
     * default) each is named in a {@code Warning} header, with {@code Ignore} silently dropped.
     */
    private ObjectNode known(HttpServletRequest req, HttpServletResponse resp, ResourceType type, ObjectNode object) {
        String validation = req.getParameter("fieldValidation");
        if (validation != null && !List.of("Ignore", "Warn", "Strict").contains(validation)) {
            throw ApiException.badRequest("fieldValidation must be Ignore, Warn or Strict, not \"" + validation + "\"");
        }
        Optional<Descriptor> kind = schema.kind(type.groupVersion(), type.kind());
        if (kind.isEmpty()) {
            return object;
        }
        List<String> dropped = unknownFields.prune(kind.get(), object);
        if (dropped.isEmpty() || "Ignore".equals(validation)) {
            return object;
        }
        if ("Strict".equals(validation)) {
            throw ApiException.badRequest(type.kind() + " in version \"" + type.version() + "\" cannot be handled as a "
                    + type.kind() + ": strict decoding error: " + String.join(", ",
                            dropped.stream().map(f -> "unknown field \"" + f + "\"").toList()));
        }
        dropped.forEach(f -> resp.addHeader("Warning", "299 - \"unknown field \\\"" + f + "\\\"\""));
        return object;
    }

    /** A patch whose result is checked for unknown fields as {@link #known} checks a body. */
    private UnaryOperator<JsonNode> knownAfter(HttpServletRequest req, HttpServletResponse resp, ResourceType type,
            UnaryOperator<JsonNode> patch) {
        return current -> {
            JsonNode result = patch.apply(current);
            return result instanceof ObjectNode object ? known(req, resp, type, object) : result;
        };
    }

    /** The request's DeleteOptions: its body (if any) and its query parameters. */
    private DeleteOptions deleteOptions(HttpServletRequest req) throws IOException {
        byte[] body = req.getContentLengthLong() == 0 ? new byte[0] : readBody(req);
        boolean blank = new String(body, java.nio.charset.StandardCharsets.UTF_8).isBlank();
        return DeleteOptions.parse(blank ? null : objects.parseJson(body), req::getParameter);
    }

    /**
     * The revision a list reads at (0: the latest), from {@code resourceVersion} and
     * {@code resourceVersionMatch} as Kubernetes reads them: unset or {@code 0} any (Kybern serves
     * the latest), {@code NotOlderThan} (the default for a number) the latest if it is not older,
     * {@code Exact} that very revision.
     */
    private long listRevision(HttpServletRequest req) {
        String rv = req.getParameter("resourceVersion");
        String match = req.getParameter("resourceVersionMatch");
        boolean versioned = rv != null && !rv.isEmpty();
        if (match != null && !match.isEmpty()) {
            if (!versioned) {
                throw ApiException.badRequest("resourceVersionMatch is forbidden unless resourceVersion is provided");
            }
            if (!match.equals("Exact") && !match.equals("NotOlderThan")) {
                throw ApiException.badRequest("resourceVersionMatch: Unsupported value: \"" + match
                        + "\": supported values: \"Exact\", \"NotOlderThan\"");
            }
        }
        if (!versioned) {
            return 0;
        }
        String continueToken = req.getParameter("continue");
        if (continueToken != null && !continueToken.isEmpty() && !rv.equals("0")) {
            throw ApiException.badRequest("specifying resource version is not allowed when using continue");
        }
        long revision;
        try {
            revision = Long.parseLong(rv);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("resourceVersion must be a number, not \"" + rv + "\"");
        }
        if ("Exact".equals(match) && revision == 0) {
            throw ApiException.badRequest("resourceVersionMatch \"Exact\" is forbidden for resourceVersion \"0\"");
        }
        long current = store.currentRevision();
        if (revision > current) {
            throw new ApiException(504, "Timeout", "Too large resource version: " + revision + ", current: " + current);
        }
        return "Exact".equals(match) ? revision : 0;
    }

    /** What the request's labelSelector and fieldSelector select. */
    private static Predicate<JsonNode> selected(HttpServletRequest req, ResourceType type) {
        return Selectors.labels(req.getParameter("labelSelector"))
                .and(Selectors.fields(type, req.getParameter("fieldSelector")));
    }

    /** The patch the request carries, by its content type, for an object of this apiVersion and kind. */
    private UnaryOperator<JsonNode> patchFor(HttpServletRequest req, String apiVersion, String kind) throws IOException {
        String contentType = req.getContentType() == null ? "" : req.getContentType();
        byte[] body = readBody(req);
        if (contentType.startsWith("application/strategic-merge-patch+json")) {
            ObjectNode patch = objects.parse(body);
            Optional<Descriptor> type = schema.kind(apiVersion, kind);
            if (type.isEmpty()) {
                throw new ApiException(415, "UnsupportedMediaType", "strategic merge patch is not supported for "
                        + kind + " (" + apiVersion + "); use application/merge-patch+json (kubectl patch --type=merge)");
            }
            return current -> strategicMergePatch.apply(current, patch, type);
        }
        if (contentType.startsWith("application/merge-patch+json")) {
            ObjectNode patch = objects.parse(body);
            return current -> Patches.mergePatch(current, patch);
        }
        if (contentType.startsWith("application/json-patch+json")) {
            JsonNode patch = objects.parseJson(body);
            return current -> Patches.jsonPatch(current, patch);
        }
        throw new ApiException(415, "UnsupportedMediaType", "the patch type " + contentType + " is not served; use "
                + "application/strategic-merge-patch+json, application/merge-patch+json or application/json-patch+json"
                + " (kubectl patch --type=strategic|merge|json)");
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
        } else if (contentType.startsWith(ProtobufDecoder.MEDIA_TYPE)) {
            try {
                node = protobuf.decode(body);
            } catch (ProtobufDecoder.UnreadableException e) {
                throw ApiException.badRequest(e.getMessage());
            }
        } else {
            throw new ApiException(415, "UnsupportedMediaType", "the body must be application/json, application/yaml"
                    + " or " + ProtobufDecoder.MEDIA_TYPE + ", not " + contentType);
        }
        return ObjectStore.asObject(node);
    }

    /**
     * The body, at most {@link #MAX_BODY} bytes. A larger one is refused with 413 without being kept; up to
     * {@link #MAX_DISCARDED} bytes of it are read and dropped first, unless the client waits for
     * {@code 100 Continue}: a client that writes its whole body before it reads the answer (the JDK's
     * HttpClient, Go's) would otherwise find the connection reset and never see the 413.
     */
    private static byte[] readBody(HttpServletRequest req) throws IOException {
        long declared = req.getContentLengthLong();
        boolean waitsForContinue = "100-continue".equalsIgnoreCase(req.getHeader("Expect"));
        if (declared > MAX_BODY) {
            if (!waitsForContinue && declared <= MAX_DISCARDED) {
                discard(req.getInputStream(), declared);
            }
            throw tooLarge();
        }
        try (InputStream in = req.getInputStream()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                discard(in, MAX_DISCARDED - body.length);
                throw tooLarge();
            }
            return body;
        }
    }

    private static void discard(InputStream in, long atMost) throws IOException {
        byte[] sink = new byte[64 << 10];
        for (long left = atMost; left > 0; ) {
            int n = in.read(sink, 0, (int) Math.min(sink.length, left));
            if (n < 0) {
                return;
            }
            left -= n;
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
        ObjectNode details = null;
        if (e instanceof ObjectStore.InvalidException invalid) {
            details = json.createObjectNode();
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
        write(req, resp, e.code(), Statuses.failure(e.code(), e.reason(), e.getMessage(), details));
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
