package org.kybern.apiserver.internal.openapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.kybern.apiserver.internal.rest.ResourceType;
import org.kybern.apiserver.internal.schema.KubeSchema;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentsTest {

    private static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(new KubeSchema(), "v1.32.0");

    @Test
    void everyServedKindHasItsSchemaWithGroupVersionKind() {
        OpenApiDocuments.groupVersions().forEach((path, types) -> {
            JsonNode schemas = DOCUMENTS.document(types).path("components").path("schemas");
            for (ResourceType type : types) {
                String prefix = type.group().isEmpty() ? "io.k8s.api.core." : "io.k8s.api.";
                JsonNode kind = schemas.properties().stream()
                        .filter(e -> e.getKey().startsWith(prefix) && e.getKey().endsWith("." + type.version() + "."
                                + type.kind()))
                        .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
                assertTrue(kind != null, "no schema for " + type.kind() + " in " + path);
                assertEquals(type.kind(), kind.at("/x-kubernetes-group-version-kind/0/kind").asString());
                assertTrue(kind.at("/properties/metadata/$ref").asString().endsWith("meta.v1.ObjectMeta"), kind.toString());
            }
        });
    }

    @Test
    void writesAnnounceFieldValidationSoKubectlValidatesOnTheServer() {
        List<ResourceType> apps = OpenApiDocuments.groupVersions().get("apis/apps/v1");
        JsonNode patch = DOCUMENTS.document(apps).path("paths")
                .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}").path("patch");

        assertEquals("Deployment", patch.at("/x-kubernetes-group-version-kind/kind").asString());
        assertTrue(patch.path("parameters").toString().contains("\"name\":\"fieldValidation\""), patch.toString());
    }

    @Test
    void listsCarryTheirPatchStrategyAndMergeKey() {
        JsonNode schemas = DOCUMENTS.document(OpenApiDocuments.groupVersions().get("api/v1"))
                .path("components").path("schemas");
        JsonNode containers = schemas.path("io.k8s.api.core.v1.PodSpec").path("properties").path("containers");

        assertEquals("merge", containers.path("x-kubernetes-patch-strategy").asString());
        assertEquals("name", containers.path("x-kubernetes-patch-merge-key").asString());
        assertEquals("#/components/schemas/io.k8s.api.core.v1.Container", containers.at("/items/$ref").asString());
        assertEquals("int-or-string",
                schemas.path("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asString());
    }
}
