package org.kybern.client.internal;

import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.net.http.HttpClient;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads of Kybern's API clients, and the one rule that saves most of their work: a fabric8 task
 * submitted on the thread that received the HTTP response runs on that thread too, right after the
 * response's part was handled, instead of being handed to another thread.
 *
 * <p>fabric8 hands each watch event from the HTTP client's thread to its task executor (decoding,
 * informer cache) and from there to each event handler's executor: two hand-offs of one event between
 * threads, each an unpark and a context switch. On the 2-core VM Kybern is benchmarked on, those
 * hand-offs were 41 % of the informer threads' CPU and a fifth of the whole cluster's (async-profiler,
 * {@code bench/run scheduler}); decoding the event was 20 %. Kybern's event handlers only note a key in
 * a work queue and return (as client-go's), so running them on the receiving thread holds nothing up:
 * events of one watch are handled one after the other there, as fabric8's serial executors did.
 *
 * <p>Such a task is queued on the thread and run when the thread's current work returns, not at once:
 * fabric8 submits tasks while holding its own locks (a serial executor's monitor), and a handler may
 * take others (fabric8's {@code waitUntilCondition} stops its informer from one), so running it at once
 * inverted lock orders and deadlocked. Queued, it runs where a pool thread would have: with no lock held.
 *
 * <p>Tasks submitted on any other thread (fabric8's timers: re-connecting a watch, re-listing; a caller's
 * own thread) go to a pool as before, and so do tasks on the JDK client's selector thread, which must
 * never block. The receiving threads are the JDK client's executor, made here so they can be recognised;
 * idle ones end after {@value #IDLE_SECONDS} s, so a closed client leaves no thread behind for long
 * (fabric8 shuts down only the executors it made itself).
 */
final class ClientThreads {

    static final int IDLE_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(ClientThreads.class);
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

    /** A JDK HTTP client's executor, whose threads are receiving threads: after each of its tasks they run what was queued on them. */
    static ExecutorService receivingPool() {
        return new Pool("kybern-api-http-", true);
    }

    /** Each client's task executor: a task submitted on a receiving thread runs there once the thread's current work returns; others run in a pool closed with the client. */
    static KubernetesClientBuilder.ExecutorSupplier tasks() {
        return new KubernetesClientBuilder.ExecutorSupplier() {
            @Override
            public Executor get() {
                return new OnReceivingThread(new Pool("kybern-api-task-", false));
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
            if (Thread.currentThread() instanceof ReceivingThread here) {
                here.queue(task);
            } else {
                pool.execute(task);
            }
        }
    }

    /** A cached pool: daemon threads made on demand, none kept when idle; receiving threads, or plain ones. */
    private static final class Pool extends ThreadPoolExecutor {
        private final boolean receiving;

        Pool(String prefix, boolean receiving) {
            super(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS, new SynchronousQueue<>());
            this.receiving = receiving;
            String name = prefix + POOLS.incrementAndGet() + "-";
            AtomicInteger threads = new AtomicInteger();
            setThreadFactory(task -> {
                Thread thread = receiving ? new ReceivingThread(task, name + threads.incrementAndGet())
                        : new Thread(task, name + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
            if (receiving) {
                ((ReceivingThread) Thread.currentThread()).runQueued();
            }
        }
    }

    /** A thread of a JDK HTTP client's executor: where response bodies are delivered, and then the tasks queued meanwhile run. */
    private static final class ReceivingThread extends Thread {
        private final Deque<Runnable> queued = new ArrayDeque<>();

        ReceivingThread(Runnable task, String name) {
            super(task, name);
        }

        void queue(Runnable task) {
            queued.addLast(task);
        }

        /** Runs the queued tasks, and those they queue, in order; a failing one does not keep the others from running. */
        void runQueued() {
            for (Runnable task; (task = queued.pollFirst()) != null; ) {
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.error("A Kubernetes API client task failed on {}", getName(), e);
                }
            }
        }
    }
}
