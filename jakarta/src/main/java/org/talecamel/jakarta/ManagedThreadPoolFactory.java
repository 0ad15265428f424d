package org.talecamel.jakarta;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultThreadPoolFactory;

/**
 * Camel's thread pools with the server's threads: Camel still sizes, names and shuts down its pools, but every
 * thread in them comes from the server's {@link ManagedThreadFactory}, so the server sees and manages them. (Camel
 * cannot hand its pools to a {@code ManagedExecutorService} itself: it needs pools it can size and shut down.)
 */
final class ManagedThreadPoolFactory extends DefaultThreadPoolFactory {

    private final ManagedThreadFactory managed;
    /** runs a task on the calling thread in the context captured when the WAR started (java:comp, class loader) */
    private final Executor deploymentContext;

    /** Made on the deploying thread, where the web module's context is the current one. */
    ManagedThreadPoolFactory(ManagedThreadFactory managed, ContextService contextService) {
        this.managed = managed;
        this.deploymentContext = contextService.currentContextExecutor();
    }

    private ThreadFactory managedThreads(ThreadFactory camels) {
        return task -> {
            // the server's factory takes the context of the thread asking for a thread: a pool's first thread, asked
            // for from a batch or timer thread, would have none; so each worker runs in the deployment's context
            Thread thread = managed.newThread(() -> deploymentContext.execute(task));
            if (camels != null) {
                thread.setName(camels.newThread(task).getName()); // never started: only the name Camel gives it
            }
            return thread;
        };
    }

    @Override
    public ExecutorService newCachedThreadPool(ThreadFactory threadFactory) {
        return super.newCachedThreadPool(managedThreads(threadFactory));
    }

    @Override
    public ExecutorService newThreadPool(ThreadPoolProfile profile, ThreadFactory threadFactory) {
        return super.newThreadPool(profile, managedThreads(threadFactory));
    }

    @Override
    public ScheduledExecutorService newScheduledThreadPool(ThreadPoolProfile profile, ThreadFactory threadFactory) {
        return super.newScheduledThreadPool(profile, managedThreads(threadFactory));
    }
}
