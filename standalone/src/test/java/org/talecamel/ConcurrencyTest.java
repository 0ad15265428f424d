package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.RunOutcome;

/**
 * tale.concurrency calls in flight, no more and no fewer, although more threads than that evaluate problems (they
 * prepare the next call while the others wait on the endpoint). An endpoint that counts the requests it holds at
 * once shows it.
 */
class ConcurrencyTest {

    private static final int PROBLEMS = 30;
    private static final int CONCURRENCY = 3;
    private static final long ANSWER_MS = 200;

    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private ExecutorService serverThreads;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        serverThreads = Executors.newFixedThreadPool(32);
        server.setExecutor(serverThreads);
        server.createContext("/v1/chat/completions", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            requests.incrementAndGet();
            try {
                exchange.getRequestBody().readAllBytes();
                Thread.sleep(ANSWER_MS);
                byte[] body = Completions.body("The answer is [[7]]").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                inFlight.decrementAndGet(); // before the answer leaves: the client may send the next one at once
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.start();
    }

    @AfterEach
    void stopEndpoint() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void should_keep_exactly_the_configured_number_of_calls_in_flight(@TempDir Path root) throws Exception {
        // given
        String problems = IntStream.rangeClosed(1, PROBLEMS)
                .mapToObj(i -> "{\"id\":\"p" + i + "\",\"question\":\"What is 3 + 4?\",\"answer\":\"7\"}")
                .collect(Collectors.joining("\n"));

        // when
        List<CSVRecord> rows;
        try (TaleTestApp app = TaleTestApp.start(root, Map.of("tale.llm.provider", "openai",
                "tale.llm.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v1", "tale.methods", "cot",
                "tale.concurrency", String.valueOf(CONCURRENCY), "tale.cache.enabled", "false"))) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(problems, "thirty.jsonl");
            RunOutcome run = app.onlyRun(done);
            rows = InboxToReportTest.audit(run.audit());
        }

        // then: every problem answered once, never more than 3 requests held at once, and 3 were
        assertThat(rows).hasSize(PROBLEMS).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("ok"));
        assertThat(requests.get()).isEqualTo(PROBLEMS);
        assertThat(mostInFlight.get()).isEqualTo(CONCURRENCY);
        // and a call's latency is its time on the wire, not also its wait for a place among the 3: with threads
        // waiting their turn all along, a wait counted in would put the median near two answer times
        List<Long> latencies = rows.stream().map(r -> Long.parseLong(r.get("latency_ms"))).sorted().toList();
        assertThat(latencies.get(PROBLEMS / 2)).as("latencies %s", latencies)
                .isBetween(ANSWER_MS, ANSWER_MS + ANSWER_MS / 2);
    }
}
