package org.kybern.proxy.userspace.internal;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.Iterator;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that does all of the relay's I/O: a {@link Selector} loop dispatching ready channels
 * to their {@link Handler}s, plus tasks and timers. Everything the relay keeps (listeners, sessions,
 * endpoint pickers, counters) is touched only on this thread, so none of it needs locks.
 */
final class RelayLoop implements Closeable {

    /** Something registered with the loop that reacts to its channel being ready. */
    interface Handler {
        /** The channel of {@code key} is ready; failures are the handler's to deal with. */
        void ready(SelectionKey key);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RelayLoop.class);
    private static final long CALL_TIMEOUT_SECONDS = 30;
    private static final long MAX_SELECT_MILLIS = 1000;

    private record Timer(long dueNanos, long sequence, Runnable action) {
    }

    private final Selector selector;
    private final Thread thread;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final PriorityQueue<Timer> timers = new PriorityQueue<>((a, b) -> a.dueNanos != b.dueNanos
            ? Long.compare(a.dueNanos, b.dueNanos) : Long.compare(a.sequence, b.sequence));
    private long timerSequence;
    private volatile boolean running = true;

    RelayLoop(String threadName) throws IOException {
        selector = Selector.open();
        thread = new Thread(this::run, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Runs {@code task} on the loop and returns its result, waiting for it. Channels the task closed are
     * closed for real when it returns: a listener closed by the task refuses connections from then on.
     */
    <T> T call(Callable<T> task) throws Exception {
        Callable<T> settled = () -> {
            try {
                return task.call();
            } finally {
                settleClosedChannels();
            }
        };
        if (Thread.currentThread() == thread) {
            return settled.call();
        }
        if (!running) {
            throw new IOException("the relay is stopped");
        }
        FutureTask<T> future = new FutureTask<>(settled);
        execute(future);
        try {
            return future.get(CALL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (TimeoutException e) {
            throw new IOException("the relay thread did not answer within " + CALL_TIMEOUT_SECONDS + " s", e);
        }
    }

    /** Runs {@code task} on the loop soon. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Runs {@code action} on the loop after {@code millis}; call on the loop. */
    void schedule(long millis, Runnable action) {
        timers.add(new Timer(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis), timerSequence++, action));
    }

    /** Registers a non-blocking {@code channel} for {@code ops}; call on the loop. */
    SelectionKey register(SelectableChannel channel, int ops, Handler handler) throws IOException {
        channel.configureBlocking(false);
        try {
            return channel.register(selector, ops, handler);
        } catch (ClosedChannelException e) {
            throw new IOException("channel closed before it was registered", e);
        }
    }

    /**
     * NIO defers closing a registered channel's socket until the selector drops its key at the next
     * selection; a closed listener would go on accepting connections (and reset them) until then. A
     * selection that handles nothing drops the keys now; readiness it sees is reported again. Call on
     * the loop.
     */
    void settleClosedChannels() throws IOException {
        selector.selectNow(key -> {
        });
    }

    private void run() {
        while (running) {
            try {
                selector.select(this::dispatch, selectMillis());
            } catch (IOException | RuntimeException e) {
                LOG.error("Relay selector failed", e);
            }
            runTasks();
            runTimers();
        }
    }

    private long selectMillis() {
        Timer next = timers.peek();
        if (next == null) {
            return MAX_SELECT_MILLIS;
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(next.dueNanos - System.nanoTime());
        return Math.max(1, Math.min(MAX_SELECT_MILLIS, millis + 1));
    }

    private void dispatch(SelectionKey key) {
        try {
            ((Handler) key.attachment()).ready(key);
        } catch (CancelledKeyException e) {
            LOG.trace("Key cancelled while handled", e);
        } catch (RuntimeException e) {
            LOG.warn("Relay handler failed", e);
        }
    }

    private void runTasks() {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
            guarded(task);
        }
    }

    private void runTimers() {
        long now = System.nanoTime();
        while (!timers.isEmpty() && timers.peek().dueNanos - now <= 0) {
            guarded(timers.poll().action);
        }
    }

    private static void guarded(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            LOG.warn("Relay task failed", e);
        }
    }

    /** Stops the loop and closes its selector (with every channel still registered). */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(CALL_TIMEOUT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Iterator<SelectionKey> keys = selector.keys().iterator(); keys.hasNext();) {
            Closing.quietly(keys.next().channel());
        }
        Closing.quietly(selector);
    }
}
