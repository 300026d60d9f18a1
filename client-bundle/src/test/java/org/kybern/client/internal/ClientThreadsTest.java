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
    void aTaskSubmittedWhereAResponseIsReceivedRunsThereWithoutAHandOff() throws Exception {
        KubernetesClientBuilder.ExecutorSupplier supplier = ClientThreads.tasks();
        Executor tasks = supplier.get();
        ExecutorService receiving = ClientThreads.receivingPool();
        try {
            CompletableFuture<Thread[]> threads = new CompletableFuture<>();
            receiving.execute(() -> {
                Thread[] pair = {Thread.currentThread(), null};
                tasks.execute(() -> pair[1] = Thread.currentThread());
                threads.complete(pair);
            });
            Thread[] pair = threads.get(10, TimeUnit.SECONDS);
            assertTrue(pair[0].getName().startsWith("kybern-api-http-"), pair[0].getName());
            assertEquals(pair[0], pair[1], "the task ran on the thread that received the response");
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
