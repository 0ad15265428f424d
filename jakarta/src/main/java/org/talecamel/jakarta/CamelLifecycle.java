package org.talecamel.jakarta;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.TaleConfiguration;
import org.talecamel.batch.JobHost;

/**
 * Starts tale-camel's Camel application when the WAR is deployed, with the YAML routes and configuration of the tale
 * home ({@link TaleHome}), and stops it when the WAR is undeployed: runs open then end interrupted, for the next
 * start or the batch job's restart to finish. The batch job {@code tale-evaluation} runs in it ({@link JobHost}).
 */
@WebListener
public final class CamelLifecycle implements ServletContextListener {

    private static final Logger LOG = LoggerFactory.getLogger(CamelLifecycle.class);
    private static volatile Main main;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        long start = System.nanoTime();
        TaleHome home = TaleHome.located();
        if (home.seedIfEmpty(event.getServletContext())) {
            LOG.info("tale home {} had no configuration: given the WAR's configuration, routes and samples",
                    home.folder());
        }
        Main app = TaleConfiguration.newMain(CamelLifecycle.class, home.configFile(), null);
        home.pathOverrides().forEach(app::addOverrideProperty);
        // the server serves HTTP, health and metrics: no embedded Vert.x server beside it
        app.addOverrideProperty("camel.server.enabled", "false");
        app.addOverrideProperty("camel.management.enabled", "false");
        serverThreads(app);
        ClassLoader deployment = CamelLifecycle.class.getClassLoader();
        app.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeConfigure(BaseMainSupport configured) {
                configured.getCamelContext().setApplicationContextClassLoader(deployment);
            }
        });
        try {
            app.start(); // returns once Camel has started; run() would wait for it to stop
        } catch (Exception e) {
            throw new IllegalStateException("tale-camel could not start (tale home " + home.folder() + "): "
                    + e.getMessage(), e);
        }
        main = app;
        // the batch job's executions run in it
        JobHost.serve(app.getCamelContext(), home.folder(), JobHost.Resume.ON_RESTART);
        boolean managed = app.getCamelContext().getExecutorServiceManager().getThreadPoolFactory()
                instanceof ManagedThreadPoolFactory;
        LOG.info("tale-camel started in {} ms, tale home {}; Camel's threads from {}", (System.nanoTime() - start)
                / 1_000_000, home.folder(), managed ? "the server's managed thread factory" : "Camel's own factory");
    }

    /** Camel's threads from the server's managed thread factory, where the server has one. */
    private static void serverThreads(Main app) {
        try {
            ManagedThreadFactory threads = InitialContext.doLookup("java:comp/DefaultManagedThreadFactory");
            ContextService context = InitialContext.doLookup("java:comp/DefaultContextService");
            app.bind("managedThreadPoolFactory", new ManagedThreadPoolFactory(threads, context));
        } catch (NamingException e) {
            LOG.warn("The server has no default managed thread factory ({}): Camel makes its own threads", e.toString());
        }
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        Main app = main;
        main = null;
        if (app != null) {
            if (app.getCamelContext() != null) {
                JobHost.withdraw(app.getCamelContext());
            }
            try {
                app.stop();
            } catch (Exception e) {
                LOG.warn("tale-camel did not stop cleanly: {}", e.getMessage(), e);
            }
        }
    }
}
