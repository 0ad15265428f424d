package org.talecamel.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.cost.PriceTable;
import org.talecamel.llm.TokenCounter;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;
import org.talecamel.run.InputFile;

/** The plan of a run over the sample files, without and with an earlier run over the same inputs. */
class RunPlanTest {

    private static final Path SAMPLE = Path.of("data-in/samples/gsm8k-style.jsonl");
    private static final PriceTable PRICES = PriceTable.load(Path.of("config/prices.csv"));

    @TempDir
    Path out;

    private PlanSettings settings(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("tale.output", out.toString());
        return PlanSettings.read((key, fallback) -> all.getOrDefault(key, fallback));
    }

    private RunPlan plan(Map<String, String> values, Path... files) {
        PlanSettings settings = settings(values);
        return RunPlan.of(settings, PlanInputs.read(List.of(files), settings.context()), PRICES);
    }

    private static MethodPlan line(RunPlan plan, String model, String method) {
        return plan.lines().stream().filter(l -> l.model().equals(model) && l.method().equals(method)).findFirst()
                .orElseThrow();
    }

    private static List<Problem> problems(RunPlan plan) {
        return plan.files().stream().flatMap(f -> f.problems().stream()).toList();
    }

    /** What jtokkit counts for a chat request of these two messages, as OpenAI counts the chat format. */
    private static long chatTokens(String system, String user) {
        return 3 + (3 + TokenCounter.count("system") + TokenCounter.count(system))
                + (3 + TokenCounter.count("user") + TokenCounter.count(user));
    }

    @Test
    void should_count_the_input_tokens_of_the_prompts_each_method_would_send_with_jtokkit() {
        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,tale-ep,cod"), SAMPLE);

        // then
        List<Problem> problems = problems(plan);
        assertThat(problems).hasSize(28);
        int budget = (int) Math.round(PaperFigures.taleEp(PaperFigures.COT_TOKENS));
        assertThat(line(plan, "gpt-4o-mini", "cot").inputTokens()).isEqualTo(problems.stream()
                .mapToLong(p -> chatTokens(Prompts.SYSTEM, Prompts.cot(p))).sum());
        assertThat(line(plan, "gpt-4o-mini", "tale-ep").inputTokens()).isEqualTo(problems.stream()
                .mapToLong(p -> chatTokens(Prompts.SYSTEM, Prompts.estimator(p))
                        + chatTokens(Prompts.SYSTEM, Prompts.budgeted(p, budget))).sum());
        assertThat(line(plan, "gpt-4o-mini", "cod").inputTokens()).isEqualTo(problems.stream()
                .mapToLong(p -> chatTokens(Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(p))).sum());
        assertThat(line(plan, "gpt-4o-mini", "tale-ep").calls()).isEqualTo(2L * problems.size());
    }

    @Test
    void should_estimate_the_output_from_the_papers_figures_and_say_so_when_there_is_no_earlier_run() {
        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,tale-ep"), SAMPLE);

        // then
        MethodPlan cot = line(plan, "gpt-4o-mini", "cot");
        assertThat(cot.basis()).isEqualTo(Basis.PAPER);
        assertThat(cot.outputTokens()).isEqualTo(28L * PaperFigures.COT_TOKENS);
        MethodPlan taleEp = line(plan, "gpt-4o-mini", "tale-ep");
        assertThat(taleEp.basis()).isEqualTo(Basis.PAPER);
        assertThat(taleEp.detail()).contains("paper ratio 77/318", "assumed");
        assertThat(taleEp.outputTokens()).isEqualTo(Math.round(28 * (PaperFigures.taleEp(PaperFigures.COT_TOKENS)
                + TokenCounter.count(PaperFigures.ESTIMATE_REPLY))));
    }

    @Test
    void should_take_calls_and_output_tokens_from_an_earlier_run_over_the_same_inputs_and_model() throws IOException {
        // given: a finished run over the same file (under another name), with the same model, on the simulator
        String sha = InputFile.scan(SAMPLE, "x").sha256();
        writeSummary("20261201-100000-000-aaaa", "2026-12-01T10:00:00Z", "finished", "gpt-4o-mini", true, sha,
                28, 5_000, 28, 1_400, 56);
        // and a newer one that stopped, and one with another model: neither is used
        writeSummary("20261201-110000-000-bbbb", "2026-12-01T11:00:00Z", "stopped", "gpt-4o-mini", true, sha,
                28, 9_000, 28, 9_000, 56);
        writeSummary("20261201-120000-000-cccc", "2026-12-01T12:00:00Z", "finished", "gpt-5-mini", true, sha,
                28, 7_000, 28, 7_000, 56);

        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,tale-ep,search"), SAMPLE);

        // then
        MethodPlan cot = line(plan, "gpt-4o-mini", "cot");
        assertThat(cot.basis()).isEqualTo(Basis.HISTORY);
        assertThat(cot.detail()).isEqualTo("run 20261201-100000-000-aaaa");
        assertThat(cot.outputTokens()).isEqualTo(5_000);
        MethodPlan taleEp = line(plan, "gpt-4o-mini", "tale-ep");
        assertThat(taleEp.basis()).isEqualTo(Basis.HISTORY);
        assertThat(taleEp.outputTokens()).isEqualTo(1_400);
        assertThat(taleEp.calls()).isEqualTo(56);
        // the earlier run had no search: its steps are bounded from that run's CoT length, and say so
        MethodPlan search = line(plan, "gpt-4o-mini", "search");
        assertThat(search.basis()).isEqualTo(Basis.UPPER_BOUND);
        int cotTokens = (int) Math.round(5_000 / 28.0);
        assertThat(search.calls()).isEqualTo(28L * PaperFigures.maxHalvingSteps(cotTokens));
        assertThat(search.detail()).contains("CoT of run 20261201-100000-000-aaaa");
    }

    @Test
    void should_not_take_a_real_models_figures_from_a_simulated_run() throws IOException {
        // given
        writeSummary("20261201-100000-000-aaaa", "2026-12-01T10:00:00Z", "finished", "gpt-4o-mini", true,
                InputFile.scan(SAMPLE, "x").sha256(), 28, 5_000, 28, 1_400, 56);

        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot", "tale.llm.provider", "openai"), SAMPLE);

        // then
        assertThat(line(plan, "gpt-4o-mini", "cot").basis()).isEqualTo(Basis.PAPER);
    }

    @Test
    void should_bound_the_variable_calls_of_search_walk_and_elasticity() {
        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,search,elasticity,elasticity-walk",
                "tale.elasticity.budgets", "10,25,50,100"), SAMPLE);

        // then
        int steps = PaperFigures.maxHalvingSteps(PaperFigures.COT_TOKENS);
        assertThat(steps).isEqualTo((int) (Math.log(PaperFigures.COT_TOKENS) / Math.log(2)));
        assertThat(line(plan, "gpt-4o-mini", "search").calls()).isEqualTo(28L * steps);
        assertThat(line(plan, "gpt-4o-mini", "search").basis()).isEqualTo(Basis.UPPER_BOUND);
        assertThat(line(plan, "gpt-4o-mini", "elasticity-walk").calls()).isEqualTo(28L * steps);
        assertThat(line(plan, "gpt-4o-mini", "elasticity").calls()).isEqualTo(28L * 4);
        assertThat(line(plan, "gpt-4o-mini", "elasticity").inputTokens()).isEqualTo(problems(plan).stream()
                .mapToLong(p -> List.of(10, 25, 50, 100).stream()
                        .mapToLong(b -> chatTokens(Prompts.SYSTEM, Prompts.budgeted(p, b))).sum()).sum());
    }

    @Test
    void should_plan_every_method_on_every_model_and_leave_an_unpriced_one_without_expense_or_cap() {
        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,tale-ep", "tale.models", "gpt-4o-mini, gpt-5-mini,my-llama"),
                SAMPLE);

        // then
        assertThat(plan.lines()).extracting(MethodPlan::model).containsExactly("gpt-4o-mini", "gpt-4o-mini",
                "gpt-5-mini", "gpt-5-mini", "my-llama", "my-llama");
        MethodPlan gpt5Mini = line(plan, "gpt-5-mini", "cot");
        assertThat(gpt5Mini.expenseUsd()).isEqualByComparingTo(PRICES.priceOf("gpt-5-mini").orElseThrow()
                .costUsd(gpt5Mini.inputTokens(), 0, gpt5Mini.outputTokens()));
        assertThat(line(plan, "my-llama", "cot").expenseUsd()).isNull();
        assertThat(plan.expenseUsd()).isNull();
        assertThat(plan.suggestedCapUsd()).isNull();
    }

    @Test
    void should_price_a_batch_mode_run_at_the_batch_price_and_leave_a_model_without_one_unpriced() {
        // when
        RunPlan oneByOne = plan(Map.of("tale.methods", "cot,tale-ep"), SAMPLE);
        RunPlan batched = plan(Map.of("tale.methods", "cot,tale-ep", "tale.llm.mode", "batch"), SAMPLE);
        RunPlan unpriced = plan(Map.of("tale.methods", "cot", "tale.llm.mode", "batch",
                "tale.llm.model", "claude-haiku-4-5"), SAMPLE);

        // then: the same calls and tokens; gpt-4o-mini's batch price is half its list price
        assertThat(batched.lines()).extracting(MethodPlan::outputTokens)
                .isEqualTo(oneByOne.lines().stream().map(MethodPlan::outputTokens).toList());
        assertThat(batched.expenseUsd().multiply(BigDecimal.valueOf(2))).isEqualByComparingTo(oneByOne.expenseUsd());
        assertThat(PRICES.priceOf("claude-haiku-4-5").orElseThrow().batch()).as("the table's premise").isNull();
        assertThat(unpriced.expenseUsd()).isNull();
    }

    @Test
    void should_suggest_a_cap_of_half_as_much_again_rounded_up_to_two_digits() {
        // when
        RunPlan plan = plan(Map.of("tale.methods", "cot,tale-ep"), SAMPLE);

        // then
        BigDecimal margin = plan.expenseUsd().multiply(RunPlan.CAP_MARGIN);
        assertThat(plan.suggestedCapUsd()).isGreaterThanOrEqualTo(margin);
        assertThat(plan.suggestedCapUsd().precision()).isLessThanOrEqualTo(2);
        assertThat(plan.suggestedCapUsd()).isLessThan(margin.multiply(new BigDecimal("1.1")));
    }

    @Test
    void should_read_the_models_from_tale_models_or_else_the_single_tale_llm_model() {
        assertThat(PlanSettings.models("", "gpt-4o-mini")).containsExactly("gpt-4o-mini");
        assertThat(PlanSettings.models(" gpt-4o-mini, gpt-5-mini ,gpt-4o-mini,", "o3"))
                .containsExactly("gpt-4o-mini", "gpt-5-mini");
    }

    @Test
    void should_name_rejected_lines_and_unreadable_files_as_a_run_would() throws IOException {
        // given
        Path bad = Files.writeString(out.resolve("bad.jsonl"), "{\"id\": \"a\", \"question\": \"What is 2 + 3?\","
                + " \"answer\": \"5\"}\n{\"id\": \"b\"}\n");
        Path notes = Files.writeString(out.resolve("notes.txt"), "not problems");

        // when
        RunPlan plan = plan(Map.of(), bad, notes);

        // then
        assertThat(plan.problems()).isEqualTo(1);
        assertThat(plan.rejectedLines()).isEqualTo(1);
        assertThat(plan.rejected()).isEqualTo(2);
        assertThat(plan.files().get(0).rejections().get(0).describe()).startsWith("bad.jsonl line 2: ");
        assertThat(plan.files().get(1).unreadable()).contains("unsupported file type '.txt'");
    }

    /** A summary.json as a run writes it, with the fields the plan reads: cot and tale-ep's figures. */
    private void writeSummary(String runId, String startedAt, String status, String model, boolean simulated,
                              String sha256, long cotCalls, long cotOutput, int problems, long taleEpOutput,
                              long taleEpCalls) throws IOException {
        Path folder = Files.createDirectories(out.resolve("runs").resolve(runId));
        Files.writeString(folder.resolve("summary.json"), """
                {"runId": "%s", "startedAt": "%s", "status": "%s",
                 "endpoint": {"provider": "simulator", "model": "%s", "simulated": %s},
                 "methods": ["cot", "tale-ep"], "problems": %d,
                 "inputs": [{"name": "gsm8k.jsonl", "sha256": "%s", "lines": 28}],
                 "results": [
                   {"method": "cot", "calls": %d, "totalCallOutputTokens": %d, "meanBudget": null},
                   {"method": "tale-ep", "calls": %d, "totalCallOutputTokens": %d, "meanBudget": 40.5}]}
                """.formatted(runId, startedAt, status, model, simulated, problems, sha256, cotCalls, cotOutput,
                taleEpCalls, taleEpOutput));
    }

    @Test
    void should_count_a_call_of_a_method_the_same_way_as_its_prompts() {
        Problem problem = new Problem("x.jsonl", 1, "p1", "What is 2 + 3?", "5");
        assertThat(PromptTokens.answer(Method.COT, problem, null))
                .isEqualTo((int) chatTokens(Prompts.SYSTEM, Prompts.cot(problem)));
        assertThat(PromptTokens.estimate(problem)).isEqualTo((int) chatTokens(Prompts.SYSTEM, Prompts.estimator(problem)));
    }
}
