package org.kybern.client.internal;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * The threads of Kybern's API clients, and the one rule that saves most of their work: a fabric8 task
 * submitted on the thread that received the HTTP response runs right there.
 *
 * <p>fabric8 hands each watch event from the HTTP client's thread to its task executor (decoding,
 * informer cache) and from there to each event handler's executor: two hand-offs of one event between
 * threads, each an unpark and a context switch. On the 2-core VM Kybern is benchmarked on, those
 * hand-offs were 41 % of the informer threads' CPU and a fifth of the whole cluster's (async-profiler,
 * {@code bench/run scheduler}); decoding the event was 20 %. Kybern's event handlers only note a key in
 * a work queue and return (as client-go's), so running them on the receiving thread holds nothing up:
 * events of one watch are handled one after the other there, as fabric8's serial executors did.
 *
 * <p>Tasks submitted on any other thread (fabric8's timers: re-connecting a watch, re-listing; a caller's
 * own thread) go to a pool as before, and so do tasks on the JDK client's selector thread, which must
 * never block. The receiving threads are the JDK client's executor, made here so they can be recognised;
 * idle ones end after {@value #IDLE_SECONDS} s, so a closed client leaves no thread behind for long
 * (fabric8 shuts down only the executors it made itself).
 */
final class ClientThreads {

    static final int IDLE_SECONDS = 10;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private ClientThreads() {
    }

    /** fabric8's JDK HTTP client, its responses received on threads that {@link #tasks()} recognises. */
    static JdkHttpClientFactory httpClientFactory() {
        return new JdkHttpClientFactory() {
            @Override
            protected HttpClient.Builder createNewHttpClientBuilder() {
                return HttpClient.newBuilder().executor(receivingPool());
            }
        };
    }

    /** A JDK HTTP client's executor, whose threads are receiving threads. */
    static ExecutorService receivingPool() {
        return pool("kybern-api-http-", ReceivingThread::new);
    }

    /** Each client's task executor: on a receiving thread the task runs at once; elsewhere in a pool closed with the client. */
    static KubernetesClientBuilder.ExecutorSupplier tasks() {
        return new KubernetesClientBuilder.ExecutorSupplier() {
            @Override
            public Executor get() {
                return new OnReceivingThread(pool("kybern-api-task-", (task, name) -> daemon(new Thread(task, name))));
            }

            @Override
            public void onClose(Executor executor) {
                ((OnReceivingThread) executor).pool.shutdownNow();
            }
        };
    }

    /** Whether this thread received an HTTP response for a Kybern API client. */
    static boolean receiving() {
        return Thread.currentThread() instanceof ReceivingThread;
    }

    private record OnReceivingThread(ExecutorService pool) implements Executor {
        @Override
        public void execute(Runnable task) {
            if (receiving()) {
                task.run();
            } else {
                pool.execute(task);
            }
        }
    }

    /** A cached pool (threads made on demand, none kept when idle) of daemon threads. */
    private static ExecutorService pool(String prefix, BiFunction<Runnable, String, Thread> thread) {
        String name = prefix + POOLS.incrementAndGet() + "-";
        AtomicInteger threads = new AtomicInteger();
        return new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> thread.apply(task, name + threads.incrementAndGet()));
    }

    private static Thread daemon(Thread thread) {
        thread.setDaemon(true);
        return thread;
    }

    /** A thread of a JDK HTTP client's executor: where response bodies are delivered. */
    private static final class ReceivingThread extends Thread {
        ReceivingThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }
}
