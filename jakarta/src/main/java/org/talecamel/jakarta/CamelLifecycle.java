package org.talecamel.jakarta;

import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.WebListener;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import org.apache.camel.CamelContext;
import org.apache.camel.component.servlet.CamelHttpTransportServlet;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.TaleConfiguration;
import org.talecamel.broker.Broker;
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

    /** The deployment's running Camel application, if it is running. */
    static java.util.Optional<CamelContext> camel() {
        Main running = main;
        return java.util.Optional.ofNullable(running).map(Main::getCamelContext);
    }

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
        // the server serves HTTP, health and metrics: no embedded Vert.x server beside it; the API's REST routes are
        // served by camel-servlet under the WAR's context root, guarded by ApiGuardFilter
        app.addOverrideProperty("camel.server.enabled", "false");
        app.addOverrideProperty("camel.management.enabled", "false");
        app.addOverrideProperty("tale.http.api-enabled", "true");
        app.addOverrideProperty("camel.rest.component", "servlet");
        // the token rule of the embedded server: required unless the server listens on loopback only. WildFly's
        // address is -b (jboss.bind.address), loopback without it; another server's is tale.http.host, as configured
        if (System.getProperty("jboss.server.data.dir") != null) {
            app.addOverrideProperty("camel.server.host", System.getProperty("jboss.bind.address", "127.0.0.1"));
        }
        ServletRegistration.Dynamic servlet = event.getServletContext().addServlet("CamelServlet",
                new CamelHttpTransportServlet());
        servlet.addMapping("/*");
        servlet.setAsyncSupported(true);
        servlet.setLoadOnStartup(1);
        serverThreads(app);
        serverBroker(app);
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

    /**
     * The server's own JMS connection factory ({@code tale.broker.connection-factory}, WildFly's
     * {@code java:/ConnectionFactory} by default), for {@code tale.broker.url=server}: runs then send their calls to
     * workers over the server's broker.
     */
    private static void serverBroker(Main app) {
        String name = System.getProperty("tale.broker.connection-factory",
                System.getenv().getOrDefault("TALE_BROKER_CONNECTION_FACTORY", "java:/ConnectionFactory"));
        try {
            app.bind(Broker.CONNECTION_FACTORY, InitialContext.doLookup(name));
        } catch (NamingException | ClassCastException e) {
            LOG.debug("No JMS connection factory at {} ({}): tale.broker.url=server is refused", name, e.toString());
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
