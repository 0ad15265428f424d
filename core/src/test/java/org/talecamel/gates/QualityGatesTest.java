package org.talecamel.gates;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.talecamel.run.BatchedCalls;
import org.talecamel.run.Endpoint;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunSummary;

class QualityGatesTest {

    private static final RunSummary RUN = run(
            method("cot", 0.80, 318.0, null, "0.20"),
            method("tale-ep", 0.84, 84.0, 73.6, "0.10"));

    @Test
    void should_judge_accuracy_per_method() {
        GateLimits limits = new GateLimits(Map.of("", 75.0, "tale-ep", 85.0), Map.of(), null, Map.of(), Map.of());

        List<GateVerdict> verdicts = QualityGates.evaluate(limits, RUN, Map.of());

        assertThat(verdicts).extracting(GateVerdict::name, GateVerdict::passed, GateVerdict::measured, GateVerdict::limit)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("min-accuracy.cot", true, "80.0%", "≥ 75.0%"),
                        org.assertj.core.groups.Tuple.tuple("min-accuracy.tale-ep", false, "84.0%", "≥ 85.0%"));
        assertThat(verdicts.get(1).message()).isEqualTo("tale-ep accuracy 84.0% fails ≥ 85.0%");
    }

    @Test
    void should_judge_tokens_expense_and_reduction_against_cot() {
        GateLimits limits = new GateLimits(Map.of(), Map.of("tale-ep", 80.0), new BigDecimal("0.25"),
                Map.of("", 70.0), Map.of());

        List<GateVerdict> verdicts = QualityGates.evaluate(limits, RUN, Map.of());

        assertThat(verdicts).extracting(GateVerdict::name, GateVerdict::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("max-mean-output-tokens.tale-ep", false),
                org.assertj.core.groups.Tuple.tuple("min-token-reduction.tale-ep", true),
                org.assertj.core.groups.Tuple.tuple("max-expense-usd", false));
        assertThat(verdicts.get(2).measured()).isEqualTo("$0.30");
    }

    @Test
    void should_judge_the_drop_against_the_previous_run() {
        GateLimits limits = new GateLimits(Map.of(), Map.of(), null, Map.of(), Map.of("", 2.0));

        List<GateVerdict> verdicts = QualityGates.evaluate(limits, RUN, Map.of("cot", 0.81, "tale-ep", 0.90));

        assertThat(verdicts).extracting(GateVerdict::name, GateVerdict::passed, GateVerdict::measured).containsExactly(
                org.assertj.core.groups.Tuple.tuple("max-accuracy-drop.cot", true, "1.0 pts"),
                org.assertj.core.groups.Tuple.tuple("max-accuracy-drop.tale-ep", false, "6.0 pts"));
    }

    @Test
    void should_fail_the_drop_gate_as_not_measured_when_there_is_no_previous_run_like_any_gate_it_cannot_measure() {
        GateLimits limits = new GateLimits(Map.of(), Map.of(), null, Map.of(), Map.of("cot", 2.0));

        assertThat(QualityGates.evaluate(limits, RUN, Map.of())).singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .satisfies(v -> assertThat(v.measured()).isEqualTo("not measured"))
                .satisfies(v -> assertThat(v.message()).isEqualTo("max-accuracy-drop.cot not measured: no previous"
                        + " completed run over the same inputs, with the same model and settings, to compare with; a gate"
                        + " that cannot be measured fails"));
    }

    @Test
    void should_fail_the_drop_gate_of_a_method_without_accuracy_in_the_previous_run_saying_so() {
        GateLimits limits = new GateLimits(Map.of(), Map.of(), null, Map.of(), Map.of("", 2.0));

        List<GateVerdict> verdicts = QualityGates.evaluate(limits, RUN, Map.of("cot", 0.80));

        assertThat(verdicts).extracting(GateVerdict::name, GateVerdict::passed).containsExactly(
                org.assertj.core.groups.Tuple.tuple("max-accuracy-drop.cot", true),
                org.assertj.core.groups.Tuple.tuple("max-accuracy-drop.tale-ep", false));
        assertThat(verdicts.get(1).message()).isEqualTo("max-accuracy-drop.tale-ep not measured: the previous"
                + " completed run over the same inputs has no accuracy for tale-ep; a gate that cannot be measured fails");
    }

    @Test
    void should_fail_a_gate_it_cannot_measure() {
        RunSummary unpriced = run(method("cot", 0.8, 300.0, null, null));
        GateLimits expense = new GateLimits(Map.of(), Map.of(), BigDecimal.ONE, Map.of(), Map.of());
        RunSummary noCot = run(method("tale-ep", 0.8, 80.0, null, "0.1"));
        GateLimits reduction = new GateLimits(Map.of(), Map.of(), null, Map.of("", 50.0), Map.of());

        assertThat(QualityGates.evaluate(expense, unpriced, Map.of())).singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .satisfies(v -> assertThat(v.measured()).isEqualTo("price unknown"));
        assertThat(QualityGates.evaluate(reduction, noCot, Map.of())).singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .satisfies(v -> assertThat(v.message()).contains("cot did not run"));
    }

    @Test
    void should_say_which_price_is_unknown_when_the_expense_of_batched_answers_cannot_be_measured() {
        GateLimits expense = new GateLimits(Map.of(), Map.of(), BigDecimal.ONE, Map.of(), Map.of());
        RunSummary unpriced = run(method("cot", 0.8, 300.0, null, null));
        // the table gives the model's list price but no batch price; or no row for the model at all
        RunSummary noBatchPrice = batched(unpriced, new BatchedCalls(100, null, new BigDecimal("0.2")));
        RunSummary noRow = batched(unpriced, new BatchedCalls(100, null, null));

        assertThat(QualityGates.evaluate(expense, noBatchPrice, Map.of())).singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .satisfies(v -> assertThat(v.measured()).isEqualTo("batch price unknown"))
                .satisfies(v -> assertThat(v.message()).contains("batch columns of config/prices.csv"));
        assertThat(QualityGates.evaluate(expense, noRow, Map.of())).singleElement()
                .satisfies(v -> assertThat(v.passed()).isFalse())
                .satisfies(v -> assertThat(v.measured()).isEqualTo("price unknown"))
                .satisfies(v -> assertThat(v.message()).doesNotContain("batch"));
    }

    /** The run, its answers having come in batches. */
    private static RunSummary batched(RunSummary r, BatchedCalls batched) {
        return new RunSummary(r.runId(), r.startedAt(), r.finishedAt(), r.endpoint(), r.methods(), r.datasets(),
                r.files(), r.problems(), r.rejected(), r.callErrors(), r.results(), r.byDataset(), r.elasticity(),
                r.search(), r.rejections(), r.errors(), r.issuesShownLimit(), r.tokenDistributions(), r.ending(),
                r.notAttemptedCount(), r.notAttempted(), r.resumed(), r.inputs(), r.comparisonKey(), r.spentUsd(),
                r.cachedAnswers(), r.cachedAnswersFirstCostUsd(), r.walk(), r.measures(), r.models(),
                r.comparisonKeys(), r.batches(), batched);
    }

    private static MethodSummary method(String name, double accuracy, double meanTokens, Double reduction, String expense) {
        return new MethodSummary("all", "gpt-4o-mini", name, 100, 100, (int) (100 * accuracy), accuracy, 0, 0, meanTokens, 0,
                meanTokens, (long) (100 * meanTokens), 0, (long) (100 * meanTokens), 100, (long) (100 * meanTokens),
                9000, expense == null ? null : new BigDecimal(expense), null, null, 0, reduction, null, null, meanTokens,
                reduction, 0, null);
    }

    private static RunSummary run(MethodSummary... methods) {
        Instant now = Instant.parse("2026-11-26T02:00:00Z");
        return new RunSummary("r", now, now, new Endpoint("openai", "http://127.0.0.1:1/v1", "m", false),
                List.of(methods).stream().map(MethodSummary::method).toList(), List.of("d"), List.of(), 100, 0, 0,
                List.of(methods), List.of(), List.of(), List.of(), List.of(), List.of(), 500, Map.of());
    }
}
