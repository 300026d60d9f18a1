package org.kybern.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.kybern.api.proxy.ProxyState;
import org.kybern.api.proxy.ServicePort;

/** The switching core without OSGi: which backend gets which call, in which order. */
class BackendSwitchTest {

    private final List<RecordingBackend.Call> journal = Collections.synchronizedList(new ArrayList<>());
    private final RecordingBackend nftables = new RecordingBackend("nftables", journal);
    private final RecordingBackend userspace = new RecordingBackend("userspace", journal);
    private final AtomicReference<ProxyState> desired = new AtomicReference<>(
            state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17.0.2")));

    @Test
    void autoChoosesAUsableNftablesBackendAndSyncsTheWholeStateFirst() {
        BackendSwitch backends = registered("auto", userspace, nftables);
        assertTrue(backends.pass(false));
        assertEquals(List.of("nftables.sync"), texts());
        assertEquals(desired.get(), nftables.programmed());
        assertEquals("nftables", backends.status().activeMode());
    }

    @Test
    void autoFallsBackToUserspaceWhenNftablesIsUnusableOrMissing() {
        nftables.unusable("nft is not installed");
        BackendSwitch backends = registered("auto", nftables, userspace);
        assertTrue(backends.pass(false));
        assertEquals(List.of("userspace.sync"), texts());
        assertTrue(backends.status().choice().contains("nft is not installed"), backends.status().choice());

        BackendSwitch onlyUserspace = registered("auto", new RecordingBackend("userspace", journal));
        assertTrue(onlyUserspace.pass(false));
        assertTrue(onlyUserspace.status().choice().contains("nftables is not registered"), onlyUserspace.status().choice());
    }

    @Test
    void changesGoToUpdateWithTheKeysAddedChangedAndRemoved() {
        desired.set(state(List.of("127.0.0.1"), port("a", "10.96.1.1", "172.17.0.2"), port("b", "10.96.1.2", "172.17.0.3"),
                port("c", "10.96.1.3", "172.17.0.4")));
        BackendSwitch backends = registered("userspace", userspace);
        backends.pass(false);
        desired.set(state(List.of("127.0.0.1"), port("a", "10.96.1.1", "172.17.0.2"), port("b", "10.96.1.2", "172.17.0.9"),
                port("d", "10.96.1.4", "172.17.0.5")));
        assertTrue(backends.pass(false));
        backends.pass(false); // nothing changed: no call
        assertEquals(List.of("userspace.sync", "userspace.update[ns/b:, ns/c:, ns/d:]"), texts());
        assertEquals(desired.get(), userspace.programmed());
    }

    @Test
    void newNodeAddressesOrAFullPassSyncEverything() {
        BackendSwitch backends = registered("userspace", userspace);
        backends.pass(false);
        desired.set(state(List.of("127.0.0.1", "192.168.1.5"), port("web", "10.96.1.1", "172.17.0.2")));
        backends.pass(false);
        backends.pass(true);
        assertEquals(List.of("userspace.sync", "userspace.sync", "userspace.sync"), texts());
    }

    @Test
    void aModeChangeSyncsTheNewBackendBeforeCleaningUpTheOld() {
        BackendSwitch backends = registered("nftables", nftables, userspace);
        backends.pass(false);
        backends.mode("userspace");
        desired.set(state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17.0.7")));
        assertTrue(backends.pass(false));
        backends.pass(true);
        assertEquals(List.of("nftables.sync", "userspace.sync", "nftables.cleanUp", "userspace.sync"), texts());
        assertNull(nftables.programmed());
        assertEquals(desired.get(), userspace.programmed());
    }

    @Test
    void aFailedSwitchKeepsTheOldBackendAndIsRetried() {
        BackendSwitch backends = registered("nftables", nftables, userspace);
        backends.pass(false);
        userspace.failNext(1);
        backends.mode("userspace");
        assertFalse(backends.pass(false));
        assertEquals("nftables", backends.status().activeMode());
        assertTrue(backends.status().lastFailure().contains("refused the state on purpose"));
        assertTrue(backends.pass(false));
        assertEquals(List.of("nftables.sync", "userspace.sync failed", "userspace.cleanUp", "userspace.sync",
                "nftables.cleanUp"), texts());
        assertNull(backends.status().lastFailure());
    }

    @Test
    void aBackendWhoseFirstSyncFailsIsActiveAndCleanedUpWhenTheModeMovesOn() {
        BackendSwitch backends = registered("nftables", nftables.failNext(1), userspace);
        assertFalse(backends.pass(false));
        assertEquals("nftables", backends.status().activeMode(), "nothing else serves: it stays and is retried");
        assertTrue(backends.pass(false));
        backends.mode("userspace");
        backends.pass(false);
        assertEquals(List.of("nftables.sync failed", "nftables.sync", "userspace.sync", "nftables.cleanUp"), texts());
    }

    @Test
    void afterAFailedUpdateTheRetrySyncsTheWholeState() {
        BackendSwitch backends = registered("userspace", userspace);
        backends.pass(false);
        userspace.failNext(1);
        desired.set(state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17.0.8")));
        assertFalse(backends.pass(false));
        assertTrue(backends.pass(false));
        assertEquals(List.of("userspace.sync", "userspace.update[ns/web:] failed", "userspace.sync"), texts());
        assertEquals(desired.get(), userspace.programmed());
    }

    @Test
    void whenTheActiveBackendGoesAwayTheNextUsableOneTakesOverFirst() {
        BackendSwitch backends = registered("auto", nftables, userspace);
        backends.pass(false);
        CompletableFuture<Void> gone = backends.remove(nftables);
        assertFalse(gone.isDone(), "still programmed until the next pass");
        assertTrue(backends.pass(false));
        assertTrue(gone.isDone());
        assertEquals(List.of("nftables.sync", "userspace.sync", "nftables.cleanUp"), texts());
        CompletableFuture<Void> inactive = backends.remove(nftables);
        backends.pass(false);
        assertTrue(inactive.isDone(), "an inactive backend leaves at the next pass, without a call");
        assertEquals(3, texts().size());
    }

    @Test
    void theLastBackendGoingAwayIsCleanedUpAndNothingIsActive() {
        BackendSwitch backends = registered("userspace", userspace);
        backends.pass(false);
        CompletableFuture<Void> gone = backends.remove(userspace);
        backends.pass(false);
        assertTrue(gone.isDone());
        assertNull(backends.status().activeMode());
        assertEquals(List.of("userspace.sync", "userspace.cleanUp"), texts());
    }

    @Test
    void aModeWithoutAUsableBackendNeitherActivatesAnUnusableOneNorDropsTheActiveOne() {
        nftables.unusable("not root");
        BackendSwitch backends = registered("userspace", nftables, userspace);
        backends.pass(false);
        backends.mode("nftables");
        desired.set(state(List.of("127.0.0.1"), port("web", "10.96.1.1", "172.17.0.9")));
        backends.pass(false);
        assertEquals(List.of("userspace.sync", "userspace.update[ns/web:]"), texts());
        assertTrue(backends.status().choice().contains("nftables is unusable: not root"), backends.status().choice());

        BackendSwitch none = registered("nftables", nftables);
        assertTrue(none.pass(false));
        assertNull(none.status().activeMode());
        assertEquals(2, texts().size(), "no call to an unusable backend");
    }

    @Test
    void stopCleansUpTheActiveBackend() {
        BackendSwitch backends = registered("userspace", userspace);
        backends.pass(false);
        backends.stop();
        assertEquals(List.of("userspace.sync", "userspace.cleanUp"), texts());
        assertNull(backends.status().activeMode());
    }

    @Test
    void changedKeysAreThoseWhosePortDiffers() {
        ProxyState before = state(List.of(), port("a", "10.96.1.1", "172.17.0.2"), port("b", "10.96.1.2", "172.17.0.3"));
        ProxyState after = state(List.of(), port("a", "10.96.1.1", "172.17.0.2"), port("b", "10.96.1.9", "172.17.0.3"));
        assertEquals(Set.of("ns/b:"), BackendSwitch.changedKeys(before, after));
        assertEquals(Set.of(), BackendSwitch.changedKeys(after, after));
    }

    private BackendSwitch registered(String mode, RecordingBackend... backends) {
        BackendSwitch s = new BackendSwitch(desired::get, mode);
        for (RecordingBackend b : backends) {
            s.add(b == nftables ? "nftables" : "userspace", b);
        }
        return s;
    }

    private List<String> texts() {
        return RecordingBackend.texts(journal);
    }

    static ProxyState state(List<String> nodeAddresses, ServicePort... ports) {
        return new ProxyState(List.of(ports), nodeAddresses);
    }

    static ServicePort port(String service, String clusterIP, String endpoint) {
        return new ServicePort("ns", service, "", "TCP", clusterIP, 80, 0, 0,
                List.of(new ServicePort.Endpoint(endpoint, 8080, "", "")));
    }
}
