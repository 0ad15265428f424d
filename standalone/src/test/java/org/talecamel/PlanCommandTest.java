package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.cost.PriceTable;
import org.talecamel.plan.Basis;
import org.talecamel.plan.MethodPlan;
import org.talecamel.plan.PlanInputs;
import org.talecamel.plan.PlanSettings;
import org.talecamel.plan.RunPlan;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunOutcome;

/** {@code --once --plan}: the command line, nothing sent, and the plan of a run that has a real run before it. */
class PlanCommandTest {

    private static final String SAMPLE = "data-in/samples/gsm8k-style.jsonl";
    private static final List<String> PROPERTIES = List.of("tale.llm.provider", "tale.llm.base-url", "tale.output",
            "tale.methods");

    @TempDir
    Path dir;

    @AfterEach
    void clearProperties() {
        PROPERTIES.forEach(System::clearProperty);
    }

    /** Runs the command line in-process, as {@code java -jar} would, and gives its exit code and output. */
    private static Printed run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
            int code = App.run(App.CommandLine.parse(List.of(args)));
            return new Printed(code, printed.toString(StandardCharsets.UTF_8), errors.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private record Printed(int exitCode, String out, String err) {
    }

    @Test
    void should_print_the_plan_and_send_nothing_to_a_real_endpoint() {
        // given: an OpenAI-compatible endpoint that would answer every call
        WireMockServer endpoint = new WireMockServer(WireMockConfiguration.wireMockConfig().bindAddress("127.0.0.1")
                .dynamicPort());
        endpoint.start();
        try {
            endpoint.stubFor(WireMock.any(WireMock.anyUrl()).willReturn(WireMock.okJson("{}")));
            System.setProperty("tale.llm.provider", "openai");
            System.setProperty("tale.llm.base-url", endpoint.baseUrl() + "/v1");
            System.setProperty("tale.output", dir.toString());

            // when
            Printed plan = run("--once", "--plan", SAMPLE);

            // then
            assertThat(plan.exitCode()).as(plan.err()).isZero();
            assertThat(endpoint.getAllServeEvents()).isEmpty();
            assertThat(plan.out()).contains("PLAN: what this run would do. Nothing is sent",
                    "gsm8k-style.jsonl", "28 problems", "every call below would be paid for",
                    "model", "calls", "input tokens", "output tokens", "expense", "output tokens from",
                    "paper: ", "tale.run.max-cost-usd=");
            assertThat(plan.out().lines().filter(l -> l.startsWith("gpt-4o-mini  "))).hasSize(2);
            // a plan is not a run: it writes no run, and leaves no runs/latest behind
            assertThat(dir.resolve("runs")).doesNotExist();
        } finally {
            endpoint.stop();
        }
    }

    @Test
    void should_refuse_plan_without_once() {
        assertThatThrownBy(() -> App.CommandLine.parse(List.of("--plan", SAMPLE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--plan plans a single run: use it with --once");
    }

    @Test
    void should_exit_2_naming_the_setting_when_the_configuration_is_bad() {
        // given
        System.setProperty("tale.methods", "cot,bogus");

        // when
        Printed plan = run("--once", "--plan", SAMPLE);

        // then
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err()).contains("unknown method 'bogus'");
        assertThat(plan.out()).isEmpty();
    }

    @Test
    void should_plan_a_suite_with_its_files_and_methods() {
        // given
        System.setProperty("tale.output", dir.toString());

        // when
        Printed plan = run("--once", "--plan", "--suite", "samples");

        // then
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("gsm8k-style.jsonl", "gsm8k-zero-style.jsonl", "Methods: cot, tale-ep, cod",
                "SIMULATED", "it costs nothing");
    }

    @Test
    void should_take_the_output_from_a_real_earlier_run_over_the_same_file() throws Exception {
        // given: a real run of cot and tale-ep over the sample, on the simulator
        String content = Files.readString(Path.of(SAMPLE));
        RunOutcome earlier = TaleTestApp.runOne(dir, Map.of("tale.methods", "cot,tale-ep"), "renamed.jsonl", content);
        Path again = Files.writeString(dir.resolve("gsm8k-style.jsonl"), content);

        // when
        Map<String, String> values = Map.of("tale.output", dir.resolve("out").toString(), "tale.methods", "cot,tale-ep");
        PlanSettings settings = PlanSettings.read((key, fallback) -> values.getOrDefault(key, fallback));
        RunPlan plan = RunPlan.of(settings, PlanInputs.read(List.of(again), settings.context()),
                PriceTable.load(Path.of("config/prices.csv")));

        // then: each method's calls and output tokens are the earlier run's, and its prompts what it sent
        for (MethodSummary done : earlier.summary().results()) {
            MethodPlan line = plan.lines().stream().filter(l -> l.method().equals(done.method())).findFirst().orElseThrow();
            assertThat(line.basis()).as(done.method()).isEqualTo(Basis.HISTORY);
            assertThat(line.detail()).isEqualTo("run " + earlier.summary().runId());
            assertThat(line.calls()).isEqualTo(done.calls());
            assertThat(line.outputTokens()).isEqualTo(done.totalCallOutputTokens());
            if (done.method().equals("cot")) {
                assertThat(line.inputTokens()).isEqualTo(done.totalPromptTokens());
            }
        }
    }
}
