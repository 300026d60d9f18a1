package org.kybern.apiserver.internal.rest;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.kybern.api.store.CompactedException;
import org.kybern.api.store.ConflictException;
import org.kybern.api.store.KeyExistsException;
import org.kybern.api.store.KeyNotFoundException;
import org.kybern.api.store.KeyValue;
import org.kybern.api.store.RangeResult;
import org.kybern.api.store.Store;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes objects of any kind kept in the {@link Store}: the semantics every kind shares
 * (names, namespaces, uid, creation time, resourceVersion as the store's mod revision,
 * generation, optimistic concurrency). Objects are JSON documents; what one kind adds (defaults,
 * validation, subresources) is layered on top.
 */
public final class ObjectStore {

    private static final Pattern DNS_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final String GENERATE_ALPHABET = "bcdfghjklmnpqrstvwxz2456789";
    private static final ResourceType NAMESPACES = ResourceTypes.find("", "v1", "namespaces").orElseThrow();

    private final Store store;
    private final JsonMapper json;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final ServiceAllocator services;

    public ObjectStore(Store store, JsonMapper json, Clock clock) {
        this(store, json, clock, ServiceRanges.DEFAULT);
    }

    /** An object store whose services get cluster IPs and node ports from {@code ranges}. */
    public ObjectStore(Store store, JsonMapper json, Clock clock, ServiceRanges ranges) {
        this.store = store;
        this.json = json;
        this.clock = clock;
        this.services = new ServiceAllocator(store, json, clock, ranges);
    }

    /** Uses other service ranges from now on (the API server's configuration changed). */
    public void serviceRanges(ServiceRanges ranges) {
        services.ranges(ranges);
    }

    public ObjectNode get(ResourceType type, String namespace, String name) {
        return store.get(type.key(namespace, name)).map(this::read)
                .orElseThrow(() -> ApiException.notFound(type, name));
    }

    /**
     * One page of a list: every object of the type (in one namespace, or all), at one revision.
     *
     * @param limit        at most this many items; 0 for all
     * @param continueToken the {@code metadata.continue} of the previous page, or {@code null}
     */
    public ObjectNode list(ResourceType type, String namespace, int limit, String continueToken) {
        return list(type, namespace, limit, continueToken, object -> true);
    }

    /** As {@link #list(ResourceType, String, int, String)}, keeping the objects {@code selected} accepts. */
    public ObjectNode list(ResourceType type, String namespace, int limit, String continueToken,
            java.util.function.Predicate<JsonNode> selected) {
        return list(type, namespace, limit, continueToken, 0, selected);
    }

    /**
     * As {@link #list(ResourceType, String, int, String, java.util.function.Predicate)}, as the
     * store was at {@code atRevision} (0: now); 410 Expired when that revision is compacted.
     */
    public ObjectNode list(ResourceType type, String namespace, int limit, String continueToken, long atRevision,
            java.util.function.Predicate<JsonNode> selected) {
        String startAfter = null;
        long revision = atRevision;
        if (continueToken != null && !continueToken.isEmpty()) {
            String decoded = decodeContinue(continueToken);
            int colon = decoded.indexOf(':');
            revision = Long.parseLong(decoded.substring(0, colon));
            startAfter = decoded.substring(colon + 1);
            if (!startAfter.startsWith(type.listPrefix(namespace))) {
                throw ApiException.badRequest("invalid continue token: it belongs to another list");
            }
        }
        RangeResult page;
        try {
            page = store.range(type.listPrefix(namespace), limit, startAfter, revision);
        } catch (CompactedException e) {
            throw startAfter != null ? new ApiException(410, "Expired", "The provided continue parameter is too old "
                    + "to display a consistent list result. You can start a new list without the continue parameter.")
                    : new ApiException(410, "Expired", "too old resource version: " + revision + " ("
                            + store.compactedRevision() + ")");
        }
        ObjectNode list = json.createObjectNode();
        list.put("apiVersion", type.groupVersion());
        list.put("kind", type.kind() + "List");
        ObjectNode meta = list.putObject("metadata");
        meta.put("resourceVersion", Long.toString(page.revision()));
        if (page.more()) {
            meta.put("continue", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    (page.revision() + ":" + page.lastKey()).getBytes(StandardCharsets.UTF_8)));
        }
        ArrayNode items = list.putArray("items");
        page.items().stream().map(this::read).filter(selected).forEach(items::add);
        return list;
    }

    /** Creates the object; with {@code dryRun} checks everything and stores nothing. */
    public ObjectNode create(ResourceType type, String namespace, ObjectNode object, boolean dryRun) {
        checkKind(type, object);
        ObjectNode meta = metadata(object);
        String name = text(meta, "name");
        if (name == null || name.isEmpty()) {
            String generate = text(meta, "generateName");
            if (generate == null || generate.isEmpty()) {
                throw invalid(type, "", "metadata.name", "Required value: name or generateName is required");
            }
            name = generate + randomSuffix();
            meta.put("name", name);
        }
        checkName(type, name);
        if (type.namespaced()) {
            String inObject = text(meta, "namespace");
            if (inObject != null && !inObject.isEmpty() && !inObject.equals(namespace)) {
                throw ApiException.badRequest("the namespace of the provided object (" + inObject
                        + ") does not match the namespace sent on the request (" + namespace + ")");
            }
            meta.put("namespace", namespace);
            requireActiveNamespace(namespace);
        } else {
            meta.remove("namespace");
        }
        Defaults.apply(type, object);
        validate(type, name, object);
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.remove("resourceVersion");
        meta.remove("deletionTimestamp");
        meta.remove("deletionGracePeriodSeconds");
        if (object.has("spec")) {
            meta.put("generation", 1);
        }
        if (type == NAMESPACES || type.kind().equals("Namespace")) {
            object.putObject("status").put("phase", "Active");
        } else if (type.subresources().contains("status")) {
            object.remove("status"); // status is reported by controllers through /status, not set on create
        }
        object.put("apiVersion", type.groupVersion());
        object.put("kind", type.kind());
        ServiceAllocator.Reservation reserved = isService(type)
                ? services.allocate(namespace, name, object, null, dryRun) : ServiceAllocator.Reservation.NONE;
        if (dryRun) {
            return object;
        }
        boolean stored = false;
        try {
            KeyValue kv = store.create(type.key(namespace, name), json.writeValueAsBytes(object));
            meta.put("resourceVersion", Long.toString(kv.modRevision()));
            stored = true;
            return object;
        } catch (KeyExistsException e) {
            throw new ApiException(409, "AlreadyExists", qualified(type) + " \"" + name + "\" already exists");
        } finally {
            reserved.settle(stored);
        }
    }

    /**
     * Which part of an object a write may change. For kinds with a {@code status} subresource, the
     * object's endpoint changes everything but {@code status}, and {@code /status} changes only
     * {@code status}, as in Kubernetes.
     */
    public enum Part {
        MAIN, STATUS,
        /** The server's own writes that change both at once (a pod's binding sets its node and its PodScheduled condition). */
        ALL
    }

    /** Replaces the object (PUT); a {@code metadata.resourceVersion} in it must be the current one. */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object, boolean dryRun) {
        return update(type, namespace, name, object, Part.MAIN, dryRun);
    }

    /** Replaces the object's main part or its status (PUT on the object or on {@code /status}). */
    public ObjectNode update(ResourceType type, String namespace, String name, ObjectNode object, Part part,
            boolean dryRun) {
        checkKind(type, object);
        ObjectNode meta = metadata(object);
        String inObject = text(meta, "name");
        if (inObject != null && !inObject.equals(name)) {
            throw ApiException.badRequest("the name of the object (" + inObject
                    + ") does not match the name on the URL (" + name + ")");
        }
        KeyValue currentKv = store.get(type.key(namespace, name)).orElseThrow(() -> ApiException.notFound(type, name));
        ObjectNode current = read(currentKv);
        long expected = 0;
        String rv = text(meta, "resourceVersion");
        if (rv != null && !rv.isEmpty()) {
            try {
                expected = Long.parseLong(rv);
            } catch (NumberFormatException e) {
                throw invalid(type, name, "metadata.resourceVersion", "Invalid value: \"" + rv + "\": must be a number");
            }
        }
        ObjectNode currentMeta = metadata(current);
        if (part != Part.STATUS) {
            Defaults.apply(type, object);
            validate(type, name, object);
        }
        if (part == Part.STATUS) {
            // Only status comes from the request; everything else stays as stored.
            ObjectNode updated = current.deepCopy();
            if (object.has("status")) {
                updated.set("status", object.get("status"));
            } else {
                updated.remove("status");
            }
            object = updated;
            meta = metadata(object);
        } else if (part == Part.MAIN && type.subresources().contains("status")) {
            if (current.has("status")) {
                object.set("status", current.get("status"));
            } else {
                object.remove("status");
            }
        }
        meta.put("name", name);
        if (type.namespaced()) {
            meta.put("namespace", namespace);
        }
        meta.set("uid", currentMeta.get("uid"));
        meta.set("creationTimestamp", currentMeta.get("creationTimestamp"));
        // As Kubernetes: only a delete sets or changes these; an update keeps them as stored.
        for (String field : List.of("deletionTimestamp", "deletionGracePeriodSeconds")) {
            if (currentMeta.has(field)) {
                meta.set(field, currentMeta.get(field));
            } else {
                meta.remove(field);
            }
        }
        if (currentMeta.has("deletionTimestamp")) {
            List<String> added = new ArrayList<>(finalizers(meta));
            added.removeAll(finalizers(currentMeta));
            if (!added.isEmpty()) {
                throw new InvalidException(type, name, List.of(new Cause("FieldValueForbidden", "metadata.finalizers",
                        "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers "
                                + goStrings(added))));
            }
        }
        long generation = currentMeta.path("generation").asLong(0);
        if (object.has("spec")) {
            boolean specChanged = !object.get("spec").equals(current.get("spec"));
            meta.put("generation", Math.max(1, specChanged ? generation + 1 : generation));
        }
        meta.remove("resourceVersion");
        object.put("apiVersion", type.groupVersion());
        object.put("kind", type.kind());
        if (expected != 0 && expected != currentKv.modRevision()) {
            throw conflict(type, name);
        }
        if (shouldDeleteDuringUpdate(type, object, currentMeta, meta)) {
            // The update removed the last finalizer of an object that is being deleted: it goes now.
            if (dryRun) {
                return object;
            }
            try {
                store.delete(type.key(namespace, name), currentKv.modRevision());
            } catch (ConflictException e) {
                throw conflict(type, name);
            } catch (KeyNotFoundException e) {
                throw ApiException.notFound(type, name);
            }
            removed(type, current);
            meta.put("resourceVersion", Long.toString(currentKv.modRevision()));
            return object;
        }
        ServiceAllocator.Reservation reserved = isService(type) && part != Part.STATUS
                ? services.allocate(namespace, name, object, current, dryRun) : ServiceAllocator.Reservation.NONE;
        if (dryRun) {
            meta.put("resourceVersion", Long.toString(currentKv.modRevision()));
            return object;
        }
        boolean stored = false;
        try {
            KeyValue kv = store.update(type.key(namespace, name), json.writeValueAsBytes(object),
                    expected != 0 ? expected : currentKv.modRevision());
            meta.put("resourceVersion", Long.toString(kv.modRevision()));
            stored = true;
            return object;
        } catch (ConflictException e) {
            throw conflict(type, name);
        } catch (KeyNotFoundException e) {
            throw ApiException.notFound(type, name);
        } finally {
            reserved.settle(stored);
        }
    }

    /**
     * Kubernetes' rule: no finalizers left, deletion started, and no grace period still running; a
     * namespace also needs its {@code spec.finalizers} empty.
     */
    private static boolean shouldDeleteDuringUpdate(ResourceType type, ObjectNode updated, ObjectNode currentMeta,
            ObjectNode newMeta) {
        return finalizers(newMeta).isEmpty() && currentMeta.has("deletionTimestamp")
                && currentMeta.path("deletionGracePeriodSeconds").asLong(0) == 0
                && !(isNamespace(type) && !namespaceFinalizers(updated).isEmpty());
    }

    /**
     * {@code PUT namespaces/<name>/finalize}: replaces only {@code spec.finalizers}, as Kubernetes'
     * finalize subresource; a Terminating namespace left without finalizers of either kind goes.
     */
    public ObjectNode finalizeNamespace(String name, ObjectNode request, boolean dryRun) {
        checkKind(NAMESPACES, request);
        ObjectNode updated = get(NAMESPACES, null, name).deepCopy();
        ObjectNode spec = updated.has("spec") && updated.get("spec").isObject() ? (ObjectNode) updated.get("spec")
                : updated.putObject("spec");
        JsonNode asked = request.path("spec").path("finalizers");
        if (asked.isArray()) {
            spec.set("finalizers", asked.deepCopy());
        } else {
            spec.putArray("finalizers");
        }
        String rv = text(metadata(request), "resourceVersion");
        if (rv != null && !rv.isEmpty()) {
            metadata(updated).put("resourceVersion", rv);
        }
        return update(NAMESPACES, null, name, updated, Part.ALL, dryRun);
    }

    private static boolean isNamespace(ResourceType type) {
        return type == NAMESPACES || type.kind().equals("Namespace");
    }

    /** A namespace's {@code spec.finalizers} (Kubernetes' {@code kubernetes}, …). */
    static List<String> namespaceFinalizers(JsonNode namespace) {
        List<String> result = new ArrayList<>();
        namespace.path("spec").path("finalizers").forEach(f -> result.add(f.asString("")));
        return result;
    }

    private static ObjectNode statusOf(ObjectNode object) {
        return object.get("status") instanceof ObjectNode status ? status : object.putObject("status");
    }

    /**
     * Applies a patch to the current object and stores the result. Without a resourceVersion in
     * the result (a precondition the patch may set) a concurrent change is retried on the new
     * state, as Kubernetes does.
     */
    public ObjectNode patch(ResourceType type, String namespace, String name,
            java.util.function.UnaryOperator<tools.jackson.databind.JsonNode> patch, boolean dryRun) {
        return patch(type, namespace, name, patch, Part.MAIN, dryRun);
    }

    /** Patches the object's main part or its status. */
    public ObjectNode patch(ResourceType type, String namespace, String name,
            java.util.function.UnaryOperator<tools.jackson.databind.JsonNode> patch, Part part, boolean dryRun) {
        for (int attempt = 0; ; attempt++) {
            ObjectNode current = get(type, namespace, name);
            String currentVersion = current.get("metadata").get("resourceVersion").asString();
            JsonNode patched = patch.apply(current.deepCopy());
            if (!patched.isObject()) {
                throw invalid(type, name, "<root>", "Invalid value: the patched object is not a JSON object");
            }
            ObjectNode result = (ObjectNode) patched;
            JsonNode requested = result.path("metadata").path("resourceVersion");
            boolean preconditioned = requested.isString() && !requested.asString().equals(currentVersion);
            if (!preconditioned) {
                metadata(result).put("resourceVersion", currentVersion);
            }
            try {
                return update(type, namespace, name, result, part, dryRun);
            } catch (ApiException e) {
                if (preconditioned || e.code() != 409 || attempt >= 4) {
                    throw e;
                }
            }
        }
    }

    /** What a delete requires of the object (DeleteOptions.preconditions); {@code null} fields require nothing. */
    public record Preconditions(String uid, String resourceVersion) {
        public static final Preconditions NONE = new Preconditions(null, null);
    }

    /** Deletes the object and returns its last state (or its state while deletion waits). */
    public ObjectNode delete(ResourceType type, String namespace, String name, boolean dryRun) {
        return delete(type, namespace, name, Preconditions.NONE, dryRun);
    }

    /** Deletes the object if it meets the preconditions, and returns its last state. */
    public ObjectNode delete(ResourceType type, String namespace, String name, Preconditions preconditions,
            boolean dryRun) {
        return delete(type, namespace, name, new DeleteOptions(preconditions, null, null, null, dryRun)).object();
    }

    /**
     * The outcome of a delete.
     *
     * @param object  the object's last state, or its state now if it stays (deletion pending)
     * @param removed whether it is gone from the store
     * @param body    what the API answers: the object, or a success {@code Status} for kinds for
     *                which Kubernetes answers with one once the object is gone
     * @param code    200, or 202 when the object stays and the legacy {@code orphanDependents=false} was given
     */
    public record Deletion(ObjectNode object, boolean removed, ObjectNode body, int code) {
    }

    /** Kinds whose delete answers with the deleted object (Kubernetes' ReturnDeletedObject); others with a Status. */
    private static final java.util.Set<String> RETURN_DELETED_OBJECT =
            java.util.Set.of("Pod", "Service", "Namespace", "ServiceAccount");

    /**
     * Deletes as Kubernetes' generic registry does: preconditions; a graceful period for pods
     * bound to a node (the object stays with {@code deletionTimestamp} until its kubelet deletes it
     * with grace 0; a second delete may only shorten the period); the garbage-collection
     * finalizers of the propagation policy ({@code orphan}, {@code foregroundDeletion}); and an
     * object with finalizers stays, marked as deleting, until an update removes the last one.
     */
    public Deletion delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        for (int attempt = 0; ; attempt++) {
            KeyValue kv = store.get(type.key(namespace, name)).orElseThrow(() -> ApiException.notFound(type, name));
            ObjectNode current = read(kv);
            checkPreconditions(type, name, options.preconditions(), current, kv);
            try {
                return deleteAt(type, namespace, name, options, current, kv.modRevision());
            } catch (ConflictException e) {
                if (!options.preconditions().equals(Preconditions.NONE) || attempt >= 4) {
                    throw conflict(type, name); // changed meanwhile: decide again on what is there now
                }
            } catch (KeyNotFoundException e) {
                throw ApiException.notFound(type, name);
            }
        }
    }

    private Deletion deleteAt(ResourceType type, String namespace, String name, DeleteOptions options,
            ObjectNode current, long revision) {
        ObjectNode updated = current.deepCopy();
        ObjectNode meta = metadata(updated);
        Instant now = Instant.now(clock);
        boolean graceful = false;
        long grace = 0;
        if (meta.has("deletionTimestamp")) {
            long running = meta.path("deletionGracePeriodSeconds").asLong(0);
            if (running != 0) {
                if (options.gracePeriodSeconds() == null || options.gracePeriodSeconds() >= running) {
                    return new Deletion(current, false, answer(type, current), 200); // already deleting
                }
                // Only a shorter grace period may be given: the deadline moves earlier by the difference.
                grace = Math.max(0, options.gracePeriodSeconds());
                Instant deadline = Instant.parse(meta.get("deletionTimestamp").asString())
                        .minusSeconds(running).plusSeconds(grace);
                meta.put("deletionTimestamp", timestamp(deadline));
                meta.put("deletionGracePeriodSeconds", grace);
                graceful = true;
            }
        } else if (type.kind().equals("Pod")) {
            grace = podGracePeriod(current, options.gracePeriodSeconds());
            meta.put("deletionTimestamp", timestamp(now.plusSeconds(grace)));
            meta.put("deletionGracePeriodSeconds", grace);
            bumpGeneration(meta);
            graceful = true;
        }
        boolean namespaceContent = isNamespace(type) && !namespaceFinalizers(updated).isEmpty();
        if (namespaceContent && meta.has("deletionTimestamp")) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on namespaces \"" + name
                    + "\": The system is ensuring all content is removed from this namespace.  Upon completion, this "
                    + "namespace will automatically be purged by the system.");
        }
        if (namespaceContent) {
            // Kubernetes' namespace registry: the namespace stays, Terminating, until the namespace
            // controller has deleted its content and removed its spec.finalizers (PUT .../finalize).
            meta.put("deletionTimestamp", timestamp(now));
            meta.put("deletionGracePeriodSeconds", 0);
            statusOf(updated).put("phase", "Terminating");
        }
        List<String> finalizers = gcFinalizers(finalizers(meta), options);
        if (!finalizers.equals(finalizers(meta))) {
            ArrayNode list = meta.putArray("finalizers");
            finalizers.forEach(list::add);
        }
        boolean pendingFinalizers = !finalizers.isEmpty() || namespaceContent;
        if (!graceful && pendingFinalizers && !meta.has("deletionTimestamp")) {
            meta.put("deletionTimestamp", timestamp(now));
            meta.put("deletionGracePeriodSeconds", 0);
            bumpGeneration(meta);
        }
        if (pendingFinalizers || (graceful && grace > 0)) {
            int code = Boolean.FALSE.equals(options.orphanDependents()) ? 202 : 200;
            if (updated.equals(current) || options.dryRun()) {
                return new Deletion(updated, false, updated, code);
            }
            KeyValue kv = store.update(type.key(namespace, name), json.writeValueAsBytes(withoutVersion(updated)),
                    revision);
            meta.put("resourceVersion", Long.toString(kv.modRevision()));
            return new Deletion(updated, false, updated, code);
        }
        if (options.dryRun()) {
            return new Deletion(current, true, answer(type, current), 200);
        }
        ObjectNode last = read(store.delete(type.key(namespace, name), revision));
        removed(type, last);
        return new Deletion(last, true, answer(type, last), 200);
    }

    /** Kubernetes' pod rule: the asked period, else the pod's own; 0 when unscheduled or finished; never negative. */
    private static long podGracePeriod(ObjectNode pod, Long asked) {
        long period = asked != null ? asked : pod.path("spec").path("terminationGracePeriodSeconds").asLong(0);
        String phase = pod.path("status").path("phase").asString("");
        if (pod.path("spec").path("nodeName").asString("").isEmpty() || phase.equals("Failed")
                || phase.equals("Succeeded")) {
            period = 0;
        }
        return period < 0 ? 1 : period; // Kubernetes treats a negative period as 1 second on the delete path
    }

    /**
     * The finalizers after the delete options: {@code orphan} or {@code foregroundDeletion} as the
     * propagation policy (or legacy orphanDependents, or a finalizer already there) says; every
     * kind served defaults to Background, which adds neither.
     */
    static List<String> gcFinalizers(List<String> finalizers, DeleteOptions options) {
        boolean orphan;
        boolean foreground;
        if (options.orphanDependents() != null) {
            orphan = options.orphanDependents();
            foreground = false;
        } else if (options.propagationPolicy() != null) {
            orphan = options.propagationPolicy().equals("Orphan");
            foreground = options.propagationPolicy().equals("Foreground");
        } else {
            orphan = finalizers.contains(ORPHAN);
            foreground = !orphan && finalizers.contains(FOREGROUND);
        }
        List<String> result = new ArrayList<>(finalizers);
        result.removeAll(List.of(ORPHAN, FOREGROUND));
        if (orphan) {
            result.add(ORPHAN);
        }
        if (foreground) {
            result.add(FOREGROUND);
        }
        return new java.util.HashSet<>(result).equals(new java.util.HashSet<>(finalizers)) ? finalizers : result;
    }

    private static final String ORPHAN = "orphan";
    private static final String FOREGROUND = "foregroundDeletion";

    /** The answer to a delete whose object is gone (or was already being deleted): object or Status. */
    private ObjectNode answer(ResourceType type, ObjectNode object) {
        if (RETURN_DELETED_OBJECT.contains(type.kind())) {
            return object;
        }
        ObjectNode status = Statuses.of("Success");
        ObjectNode details = status.putObject("details");
        details.put("name", object.path("metadata").path("name").asString(""));
        details.put("group", type.group());
        details.put("kind", type.resource()); // sic: Kubernetes puts the resource here
        details.put("uid", object.path("metadata").path("uid").asString(""));
        return status;
    }

    /** What follows an object's removal from the store: its service allocations are released. */
    private void removed(ResourceType type, ObjectNode last) {
        if (isService(type)) {
            services.release(last);
        }
    }

    private void checkPreconditions(ResourceType type, String name, Preconditions preconditions, ObjectNode current,
            KeyValue kv) {
        String uid = current.path("metadata").path("uid").asString("");
        if (preconditions.uid() != null && !preconditions.uid().equals(uid)) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(type) + " \"" + name
                    + "\": Precondition failed: UID in precondition: " + preconditions.uid() + ", UID in object meta: "
                    + uid);
        }
        if (preconditions.resourceVersion() != null
                && !preconditions.resourceVersion().equals(Long.toString(kv.modRevision()))) {
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(type) + " \"" + name
                    + "\": Precondition failed: ResourceVersion in precondition: " + preconditions.resourceVersion()
                    + ", ResourceVersion in object meta: " + kv.modRevision());
        }
    }

    private static void bumpGeneration(ObjectNode meta) {
        if (meta.path("generation").asLong(0) > 0) {
            meta.put("generation", meta.get("generation").asLong() + 1);
        }
    }

    private static ObjectNode withoutVersion(ObjectNode object) {
        ObjectNode copy = object.deepCopy();
        metadata(copy).remove("resourceVersion");
        return copy;
    }

    static List<String> finalizers(JsonNode meta) {
        List<String> result = new ArrayList<>();
        meta.path("finalizers").forEach(f -> result.add(f.asString("")));
        return result;
    }

    /** A list as Go's %#v prints a []string, as Kubernetes' messages show them. */
    static String goStrings(List<String> values) {
        return "[]string{" + String.join(", ", values.stream().map(v -> "\"" + v + "\"").toList()) + "}";
    }

    private static String timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static boolean isService(ResourceType type) {
        return type.kind().equals("Service") && type.group().isEmpty();
    }

    /**
     * Deletes every selected object of the collection (deletecollection) and returns them as a
     * list; an object deleted meanwhile by someone else is skipped.
     */
    public ObjectNode deleteCollection(ResourceType type, String namespace,
            java.util.function.Predicate<JsonNode> selected, boolean dryRun) {
        return deleteCollection(type, namespace, selected, DeleteOptions.NONE.withDryRun(dryRun));
    }

    /** As {@link #deleteCollection(ResourceType, String, java.util.function.Predicate, boolean)}, with options. */
    public ObjectNode deleteCollection(ResourceType type, String namespace,
            java.util.function.Predicate<JsonNode> selected, DeleteOptions options) {
        ObjectNode list = list(type, namespace, 0, null, selected);
        ArrayNode deleted = json.createArrayNode();
        for (JsonNode item : list.get("items")) {
            JsonNode meta = item.get("metadata");
            try {
                deleted.add(delete(type, meta.path("namespace").asString(null), meta.path("name").asString(),
                        options.withoutPreconditions()).object());
            } catch (ApiException goneOrChanged) {
                if (goneOrChanged.code() != 404) {
                    throw goneOrChanged;
                }
            }
        }
        list.set("items", deleted);
        return list;
    }

    /** Creates the namespace if it is missing (for the namespaces Kubernetes always has). */
    public void ensureNamespace(String name) {
        if (store.get(NAMESPACES.key(null, name)).isEmpty()) {
            ObjectNode ns = json.createObjectNode();
            ns.putObject("metadata").put("name", name);
            try {
                create(NAMESPACES, null, ns, false);
            } catch (ApiException alreadyThere) {
                // created concurrently
            }
        }
    }

    /** The document as an object, or 400 if it is something else. */
    public static ObjectNode asObject(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("the request body must be an object (a JSON or YAML mapping)");
        }
        return (ObjectNode) node;
    }

    /** A JSON request body, or 400 saying why it is not one. */
    public JsonNode parseJson(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("the request body is empty");
            }
            return node;
        } catch (JacksonException e) {
            throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** A JSON object request body. */
    public ObjectNode parse(byte[] body) {
        return asObject(parseJson(body));
    }

    private ObjectNode read(KeyValue kv) {
        ObjectNode object = (ObjectNode) json.readTree(kv.value());
        metadata(object).put("resourceVersion", Long.toString(kv.modRevision()));
        return object;
    }

    private void requireActiveNamespace(String namespace) {
        Optional<KeyValue> ns = store.get(NAMESPACES.key(null, namespace));
        if (ns.isEmpty()) {
            throw new ApiException(404, "NotFound", "namespaces \"" + namespace + "\" not found");
        }
        if ("Terminating".equals(read(ns.get()).path("status").path("phase").asString(""))) {
            throw new ApiException(403, "Forbidden", "unable to create new content in namespace " + namespace
                    + " because it is being terminated");
        }
    }

    private static void checkKind(ResourceType type, ObjectNode object) {
        String apiVersion = text(object, "apiVersion");
        if (apiVersion != null && !apiVersion.isEmpty() && !apiVersion.equals(type.groupVersion())) {
            throw ApiException.badRequest("the API version in the data (" + apiVersion
                    + ") does not match the expected API version (" + type.groupVersion() + ")");
        }
        String kind = text(object, "kind");
        if (kind != null && !kind.isEmpty() && !kind.equals(type.kind())) {
            throw ApiException.badRequest("the kind in the data (" + kind + ") does not match the expected kind ("
                    + type.kind() + ")");
        }
    }

    private static ObjectNode metadata(ObjectNode object) {
        JsonNode meta = object.get("metadata");
        if (meta == null || meta.isNull()) {
            return object.putObject("metadata");
        }
        if (!meta.isObject()) {
            throw ApiException.badRequest("metadata must be an object");
        }
        return (ObjectNode) meta;
    }

    private static void checkName(ResourceType type, String name) {
        if (name.length() > 253 || !DNS_SUBDOMAIN.matcher(name).matches()) {
            throw invalid(type, name, "metadata.name", "Invalid value: \"" + name + "\": a lowercase RFC 1123 "
                    + "subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and "
                    + "end with an alphanumeric character (e.g. 'example.com', regex used for validation is '"
                    + DNS_SUBDOMAIN.pattern() + "')");
        }
    }

    private static void validate(ResourceType type, String name, ObjectNode object) {
        List<Cause> causes = Validation.check(type, object);
        if (!causes.isEmpty()) {
            throw new InvalidException(type, name, causes);
        }
    }

    /** 422 Invalid, worded as Kubernetes words it. */
    static ApiException invalid(ResourceType type, String name, String field, String message) {
        return new InvalidException(type, name, field, message);
    }

    private static ApiException conflict(ResourceType type, String name) {
        return new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + qualified(type) + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again");
    }

    static String qualified(ResourceType type) {
        return type.group().isEmpty() ? type.resource() : type.resource() + "." + type.group();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.badRequest(field + " must be a string, not " + value.getNodeType().toString().toLowerCase());
        }
        return value.asString();
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private String randomSuffix() {
        StringBuilder s = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            s.append(GENERATE_ALPHABET.charAt(random.nextInt(GENERATE_ALPHABET.length())));
        }
        return s.toString();
    }

    private static String decodeContinue(String token) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.indexOf(':') < 1) {
                throw new IllegalArgumentException();
            }
            Long.parseLong(decoded.substring(0, decoded.indexOf(':')));
            return decoded;
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid continue token: " + token);
        }
    }

    /** One field that is wrong: Kubernetes' CauseType (FieldValueRequired, FieldValueInvalid, ...), field path, words. */
    record Cause(String reason, String field, String message) {
    }

    /** A 422 with the fields that are wrong, for {@code details.causes}. */
    static final class InvalidException extends ApiException {
        private static final long serialVersionUID = 1L;
        final transient ResourceType type;
        final String name;
        final transient java.util.List<Cause> causes;

        InvalidException(ResourceType type, String name, String field, String cause) {
            this(type, name, java.util.List.of(new Cause(cause.startsWith("Required value") ? "FieldValueRequired"
                    : "FieldValueInvalid", field, cause)));
        }

        InvalidException(ResourceType type, String name, java.util.List<Cause> causes) {
            super(422, "Invalid", describe(type, name, causes));
            this.type = type;
            this.name = name;
            this.causes = java.util.List.copyOf(causes);
        }

        private static String describe(ResourceType type, String name, java.util.List<Cause> causes) {
            String kind = type.group().isEmpty() ? type.kind() : type.kind() + "." + type.group();
            java.util.List<String> each = causes.stream().map(c -> c.field() + ": " + c.message()).toList();
            return kind + " \"" + name + "\" is invalid: "
                    + (each.size() == 1 ? each.get(0) : "[" + String.join(", ", each) + "]");
        }
    }
}
