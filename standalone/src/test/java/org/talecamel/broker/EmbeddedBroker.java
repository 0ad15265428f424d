package org.talecamel.broker;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;

/**
 * A real ActiveMQ Artemis broker for the tests, on a free loopback port, with its journal on disk (persistence on) and
 * the dead-letter settings of Artemis' own default broker.xml: {@code DLQ} after a number of deliveries.
 */
public final class EmbeddedBroker implements AutoCloseable {

    private final EmbeddedActiveMQ server;
    private final int port;

    private EmbeddedBroker(EmbeddedActiveMQ server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts a broker keeping its journal in {@code folder}; a call is dead-lettered after {@code deliveries}. */
    public static EmbeddedBroker start(Path folder, int deliveries) throws Exception {
        // Artemis logs every journal and lock step at DEBUG, which logback's default level would print
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("org.apache.activemq"))
                .setLevel(ch.qos.logback.classic.Level.WARN);
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(true)
                .setJournalDirectory(folder.resolve("journal").toString())
                .setBindingsDirectory(folder.resolve("bindings").toString())
                .setLargeMessagesDirectory(folder.resolve("large").toString())
                .setPagingDirectory(folder.resolve("paging").toString())
                .setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port);
        configuration.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(SimpleString.of("DLQ"))
                .setExpiryAddress(SimpleString.of("ExpiryQueue"))
                .setMaxDeliveryAttempts(deliveries)
                .setAutoCreateQueues(true)
                .setAutoCreateAddresses(true)
                .setAutoCreateDeadLetterResources(false));
        EmbeddedActiveMQ server = new EmbeddedActiveMQ().setConfiguration(configuration);
        server.start();
        return new EmbeddedBroker(server, port);
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Messages ever added to a queue (0 when it does not exist). */
    public long added(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessagesAdded();
    }

    /** Messages in a queue now (0 when it does not exist). */
    public long count(String queue) {
        Queue found = server.getActiveMQServer().locateQueue(SimpleString.of(queue));
        return found == null ? 0 : found.getMessageCount();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    /** For trying things by hand: {@code EmbeddedBroker FOLDER} prints its URL and runs until killed. */
    public static void main(String[] args) throws Exception {
        EmbeddedBroker broker = start(Path.of(args[0]), 3);
        System.out.println(broker.url());
        Thread.sleep(Long.MAX_VALUE);
    }
}
