package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import jakarta.jms.Connection;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.main.Main;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.broker.CallMessages;
import org.talecamel.broker.EmbeddedBroker;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;
import org.talecamel.run.RunOutcome;

/**
 * A coordinator and a worker over a real (embedded, persistent) Artemis broker, in one JVM: the run's calls go over
 * the broker, the worker makes them, and the coordinator alone writes the run. Stand-in workers written with the
 * plain JMS API show what a real one cannot be made to do on demand: fail every delivery, answer twice, or answer from
 * another endpoint. The endpoint (WireMock) and the broker's own counters are the witnesses.
 */
class BrokerScaleOutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PROBLEMS = """
            {"id":"p1","question":"Tom has 3 apples and buys 4 more. How many apples does he have?","answer":"#### 7"}
            {"id":"p2","question":"A box holds 5 pens. How many pens are in 2 boxes?","answer":"#### 10"}
            {"id":"p3","question":"Ann had 9 sweets and ate 2. How many are left?","answer":"#### 7"}
            """;

    @RegisterExtension
    final WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @TempDir
    Path root;
    private EmbeddedBroker broker;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        broker = EmbeddedBroker.start(root.resolve("broker"), 2);
        endpoint.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(Completions.answering("So [[7]]")));
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        broker.close();
    }

    @Test
    void should_make_the_calls_on_a_worker_and_write_the_run_on_the_coordinator() throws Exception {
        // given: a worker with the endpoint, and a coordinator configured for the same endpoint
        startWorker(Map.of());

        // when: three problems arrive at the coordinator
        List<CSVRecord> rows = runOnCoordinator(Map.of());

        // then: each call went over the broker once, the worker made it, and the coordinator audited it
        assertThat(rows).extracting(r -> r.get("problem_id") + ":" + r.get("outcome"))
                .containsExactlyInAnyOrder("p1:ok", "p2:ok", "p3:ok");
        assertThat(broker.added("tale.calls")).isEqualTo(3);
        endpoint.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        assertThat(broker.added("DLQ")).isZero();
        // nothing written on the worker's side: it keeps no run
        assertThat(root.resolve("worker-out/runs")).doesNotExist();
    }

    @Test
    void should_not_send_to_the_workers_what_the_response_cache_holds() throws Exception {
        startWorker(Map.of());
        Map<String, String> cacheAcrossRuns = Map.of("tale.cache.across-runs", "true");
        runOnCoordinator(cacheAcrossRuns);

        // when: the same problems again, with the cache allowed to answer them
        List<CSVRecord> rows = runOnCoordinator(cacheAcrossRuns);

        // then: answered from the cache, and no call put on the queue
        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("cached");
            assertThat(r.get("error")).startsWith("answered from the response cache, first asked by run");
        });
        assertThat(rows).extracting(r -> r.get("cost_usd")).containsOnly("0");
        assertThat(broker.added("tale.calls")).isEqualTo(3);
        endpoint.verify(3, postRequestedFor(urlEqualTo("/v1/chat/completions")));
    }

    @Test
    void should_report_a_call_the_broker_dead_lettered_as_a_failed_call() throws Exception {
        // given: a worker that fails every delivery (its transaction rolls back), 2 deliveries before the DLQ
        standInWorker((session, call) -> session.rollback());

        List<CSVRecord> rows = runOnCoordinator(Map.of());

        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("error");
            assertThat(r.get("error")).startsWith("dead-lettered: the broker gave up on the call");
        });
        assertThat(broker.added("DLQ")).isEqualTo(3);
    }

    @Test
    void should_stop_the_run_saying_so_when_the_broker_cannot_take_calls() throws Exception {
        // given: a coordinator whose broker is not there (a port nothing listens on)
        String nowhere = "tcp://127.0.0.1:" + freePort();
        Map<String, String> settings = new HashMap<>(coordinatorSettings(Map.of()));
        settings.put("tale.broker.url", nowhere);

        try (TaleTestApp coordinator = TaleTestApp.start(root.resolve("coordinator"), settings)) {
            NotifyBuilder done = coordinator.whenFilesDone(1);
            coordinator.drop(PROBLEMS, "problems.jsonl");
            RunOutcome run = coordinator.onlyRun(done);

            // then: stopped with the broker named, not completed; no call reached the endpoint
            assertThat(run.completed()).isFalse();
            assertThat(run.summary().stopReason()).startsWith("the broker at " + nowhere + " cannot take calls");
            endpoint.verify(0, postRequestedFor(urlEqualTo("/v1/chat/completions")));
        }
    }

    private static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void should_count_an_answer_once_however_often_it_arrives() throws Exception {
        // given: a worker that sends every answer twice
        standInWorker((session, call) -> {
            answer(session, call, "simulator-free", endpointIdentity());
            answer(session, call, "simulator-free", endpointIdentity());
            session.commit();
        });

        List<CSVRecord> rows = runOnCoordinator(Map.of());

        assertThat(rows).extracting(r -> r.get("problem_id") + ":" + r.get("outcome"))
                .containsExactlyInAnyOrder("p1:ok", "p2:ok", "p3:ok");
    }

    @Test
    void should_not_use_an_answer_from_another_endpoint_than_the_runs() throws Exception {
        // given: a worker whose endpoint is the built-in simulator, while the run's is the OpenAI-compatible one
        standInWorker((session, call) -> {
            answer(session, call, "worker-7", "simulator");
            session.commit();
        });

        List<CSVRecord> rows = runOnCoordinator(Map.of());

        assertThat(rows).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("outcome")).isEqualTo("error");
            assertThat(r.get("error")).startsWith("worker worker-7 called simulator, but this run's endpoint for"
                    + " gpt-4o-mini is openai " + endpoint.baseUrl() + "/v1");
        });
    }

    @Test
    void should_take_problems_from_the_queue_and_publish_results_and_the_summary_on_the_topic() throws Exception {
        startWorker(Map.of());
        TaleTestApp coordinator = TaleTestApp.start(root.resolve("coordinator"), coordinatorSettings(Map.of()));
        started.add(coordinator);
        List<JsonNode> published = new java.util.concurrent.CopyOnWriteArrayList<>();
        Connection listener = connection();
        Session topicSession = listener.createSession(false, Session.AUTO_ACKNOWLEDGE);
        topicSession.createConsumer(topicSession.createTopic("tale.results")).setMessageListener(message -> {
            try {
                ObjectNode node = (ObjectNode) JSON.readTree(((TextMessage) message).getText());
                node.put("_kind", message.getStringProperty("taleMessage"));
                published.add(node);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        listener.start();
        started.add(listener::close);

        // when: a whole file with a bad second line, then one problem as a JSON object written over several lines
        NotifyBuilder fileDone = coordinator.whenFilesDone(1);
        try (Connection sender = connection()) {
            Session session = sender.createSession(false, Session.AUTO_ACKNOWLEDGE);
            var producer = session.createProducer(session.createQueue("tale.problems"));
            TextMessage file = session.createTextMessage(PROBLEMS.lines().findFirst().orElseThrow()
                    + "\nnot json\n");
            file.setStringProperty("taleFileName", "from-erp.jsonl");
            producer.send(file);
            RunOutcome run = coordinator.onlyRun(fileDone);
            producer.send(session.createTextMessage("{\n  \"id\": \"single\",\n  \"question\": \"What is 3 + 4?\","
                    + "\n  \"answer\": \"#### 7\"\n}"));
            for (int i = 0; i < 600 && coordinator.runs().size() < 2; i++) {
                Thread.sleep(100);
            }

            // then: the file's problem answered and its bad line rejected with file and line, both published
            List<CSVRecord> rows = InboxToReportTest.audit(run.audit());
            assertThat(rows).extracting(r -> r.get("source_file") + ":" + r.get("line") + ":" + r.get("outcome"))
                    .containsExactlyInAnyOrder("from-erp.jsonl:1:ok", "from-erp.jsonl:2:rejected");
            assertThat(coordinator.runs()).hasSize(2);
            assertThat(InboxToReportTest.audit(coordinator.runs().get(1).audit()))
                    .extracting(r -> r.get("problem_id") + ":" + r.get("line") + ":" + r.get("outcome"))
                    .containsExactly("single:1:ok");
            checkPublished(published, run);
        }
    }

    private static void checkPublished(List<JsonNode> published, RunOutcome run) throws InterruptedException {
        awaitPublished(published, 6);
        assertThat(published).filteredOn(n -> n.get("_kind").asText().equals("result")
                        && n.get("run_id").asText().equals(run.summary().runId()))
                .extracting(n -> n.get("source_file").asText() + ":" + n.get("outcome").asText())
                .containsExactlyInAnyOrder("from-erp.jsonl:ok", "from-erp.jsonl:rejected");
        assertThat(published).filteredOn(n -> n.get("_kind").asText().equals("summary")
                        && n.get("run_id").asText().equals(run.summary().runId())).singleElement()
                .satisfies(n -> {
                    assertThat(n.get("run_id").asText()).isEqualTo(run.summary().runId());
                    assertThat(n.get("summary").get("runId").asText()).isEqualTo(run.summary().runId());
                });
    }

    /** How the run's endpoint names itself: what a worker configured like the coordinator answers with. */
    private String endpointIdentity() {
        return "openai " + endpoint.baseUrl() + "/v1";
    }

    private static void awaitPublished(List<JsonNode> published, int count) throws InterruptedException {
        for (int i = 0; i < 100 && published.size() < count; i++) {
            Thread.sleep(100);
        }
    }

    private List<CSVRecord> runOnCoordinator(Map<String, String> more) throws Exception {
        try (TaleTestApp coordinator = TaleTestApp.start(root.resolve("coordinator"), coordinatorSettings(more))) {
            NotifyBuilder done = coordinator.whenFilesDone(1);
            coordinator.drop(PROBLEMS, "problems.jsonl");
            RunOutcome run = coordinator.onlyRun(done);
            return InboxToReportTest.audit(run.audit());
        }
    }

    private Map<String, String> coordinatorSettings(Map<String, String> more) {
        Map<String, String> settings = new HashMap<>(endpointSettings());
        settings.put("tale.broker.url", broker.url());
        settings.put("tale.broker.call-timeout-ms", "20000");
        settings.put("tale.nightly.enabled", "false");
        settings.putAll(more);
        return settings;
    }

    private Map<String, String> endpointSettings() {
        return Map.of("tale.llm.provider", "openai", "tale.llm.base-url", endpoint.baseUrl() + "/v1",
                "tale.methods", "cot", "tale.llm.retry.attempts", "1");
    }

    /** The real worker, as {@code --worker} starts it, in this JVM. */
    private void startWorker(Map<String, String> more) throws Exception {
        Main worker = App.newMain(Path.of("config/application.properties"), null);
        Map<String, String> settings = new HashMap<>(endpointSettings());
        settings.put("tale.broker.url", broker.url());
        settings.put("tale.worker", "true");
        settings.put("tale.output", root.resolve("worker-out").toString());
        settings.put("camel.main.routes-include-pattern", "file:routes/llm.camel.yaml,file:routes/broker.camel.yaml");
        settings.put("tale.nightly.enabled", "false");
        settings.put("camel.server.enabled", "false");
        settings.put("camel.management.enabled", "false");
        settings.put("tale.llm.circuit.when-open", "stop");
        settings.putAll(more);
        settings.forEach(worker::addOverrideProperty);
        worker.start();
        started.add(worker::stop);
    }

    /** What a stand-in worker does with each call it receives, in its transacted session. */
    private interface Handling {
        void handle(Session session, Message call) throws Exception;
    }

    /** A worker written with the plain JMS API: a transacted consumer of the calls queue. */
    private void standInWorker(Handling handling) throws Exception {
        Connection connection = connection();
        Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
        MessageConsumer consumer = session.createConsumer(session.createQueue("tale.calls"));
        AtomicBoolean running = new AtomicBoolean(true);
        Thread thread = new Thread(() -> {
            try {
                while (running.get()) {
                    Message call = consumer.receive(100);
                    if (call != null) {
                        handling.handle(session, call);
                    }
                }
            } catch (Exception e) {
                if (running.get()) {
                    throw new IllegalStateException(e);
                }
            }
        });
        connection.start();
        thread.start();
        started.add(() -> {
            running.set(false);
            thread.join(TimeUnit.SECONDS.toMillis(5));
            connection.close();
        });
    }

    /** An answer to the call as a worker sends it: its endpoint's result, on the call's JMSReplyTo. */
    private static void answer(Session session, Message call, String worker, String endpointIdentity)
            throws Exception {
        ChatRequest request = CallMessages.call(((TextMessage) call).getText());
        String body = Completions.body("So [[7]]");
        ChatResult result = ChatResponseParser.parse(200, body, 5, request);
        TextMessage reply = session.createTextMessage(CallMessages.json(
                new CallMessages.Answer(result, body, worker, endpointIdentity)));
        reply.setJMSCorrelationID(call.getJMSCorrelationID());
        session.createProducer(call.getJMSReplyTo()).send(reply);
    }

    private Connection connection() throws Exception {
        return new ActiveMQConnectionFactory(broker.url()).createConnection();
    }
}
