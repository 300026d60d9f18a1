package org.kybern.controller.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The service-account controller's decision: which ServiceAccounts a namespace lacks. */
class ServiceAccountsTest {

    private static Namespace namespace(String phase, String deletionTimestamp) {
        return new NamespaceBuilder().withNewMetadata().withName("shop").withDeletionTimestamp(deletionTimestamp)
                .endMetadata().withNewStatus().withPhase(phase).endStatus().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("new namespace: default", namespace("Active", null), List.of(), List.of("default")),
                Arguments.of("others there, default deleted: default again", namespace("Active", null),
                        List.of("builder"), List.of("default")),
                Arguments.of("default there: nothing", namespace("Active", null), List.of("default"), List.of()),
                Arguments.of("terminating: nothing", namespace("Terminating", "2026-12-05T07:59:00Z"), List.of(),
                        List.of()),
                Arguments.of("phase not yet reported: default", namespace(null, null), List.of(), List.of("default")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void missing(String name, Namespace ns, List<String> existing, List<String> create) {
        assertEquals(create, ServiceAccounts.missing(ns, existing));
    }
}
