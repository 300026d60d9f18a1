package org.kybern.client.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClientThreadsTest {

    private static Thread runOn(Executor executor) throws Exception {
        CompletableFuture<Thread> ranOn = new CompletableFuture<>();
        executor.execute(() -> ranOn.complete(Thread.currentThread()));
        return ranOn.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aTaskSubmittedWhereAResponseIsReceivedRunsThereAfterwardsWithNoLockOfTheSubmitterHeld() throws Exception {
        KubernetesClientBuilder.ExecutorSupplier supplier = ClientThreads.tasks();
        Executor tasks = supplier.get();
        ExecutorService receiving = ClientThreads.receivingPool();
        Object submittersLock = new Object();
        try {
            CompletableFuture<Thread> received = new CompletableFuture<>();
            CompletableFuture<String> ran = new CompletableFuture<>();
            CompletableFuture<String> thenNext = new CompletableFuture<>();
            receiving.execute(() -> {
                received.complete(Thread.currentThread());
                // fabric8 submits while holding a serial executor's monitor
                synchronized (submittersLock) {
                    tasks.execute(() -> ran.complete(Thread.currentThread().getName()
                            + (Thread.holdsLock(submittersLock) ? " holding the submitter's lock" : "")));
                    tasks.execute(() -> thenNext.complete(ran.getNow("not run") + ", then the next in order"));
                }
            });
            Thread receiver = received.get(10, TimeUnit.SECONDS);
            assertTrue(receiver.getName().startsWith("kybern-api-http-"), receiver.getName());
            assertEquals(receiver.getName() + ", then the next in order", thenNext.get(10, TimeUnit.SECONDS),
                    "both tasks ran on the thread that received the response, in order, with no lock held");
        } finally {
            receiving.shutdownNow();
            supplier.onClose(tasks);
        }
    }

    @Test
    void aTaskSubmittedElsewhereGoesToTheClientsPoolWhichClosesWithTheClient() throws Exception {
        KubernetesClientBuilder.ExecutorSupplier supplier = ClientThreads.tasks();
        Executor tasks = supplier.get();
        Thread ranOn = runOn(tasks);
        assertNotEquals(Thread.currentThread(), ranOn, "a timer's or a caller's thread is not held up");
        assertTrue(ranOn.getName().startsWith("kybern-api-task-"), ranOn.getName());
        assertTrue(ranOn.isDaemon(), "the pool does not keep the JVM alive");
        assertFalse(ClientThreads.receiving());

        supplier.onClose(tasks);
        assertThrows(RejectedExecutionException.class, () -> tasks.execute(() -> { }));
    }
}
