package org.talecamel.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Gates are in percent and points, as the report shows them; a limit that cannot be meant is refused at start. */
class GateLimitsTest {

    private static final List<String> METHODS = List.of("cot", "tale-ep");

    @Test
    void should_refuse_an_accuracy_written_as_a_fraction_naming_the_variable_and_what_to_write() {
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MIN_ACCURACY", "0.9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TALE_GATES_MIN_ACCURACY=0.9 is ambiguous: gates are in percent (90 means 90%), so write 90"
                        + " for 90%, or 0.9% if you really mean under one percent");
    }

    @Test
    void should_refuse_a_token_reduction_of_1_as_ambiguous_naming_the_suite_file() {
        assertThatThrownBy(() -> GateLimits.from(GateKeys.fromProperties(
                Map.of("tale.gates.min-token-reduction.tale-ep", "1"), key -> "config/suites/nightly.properties", METHODS)))
                .hasMessage("config/suites/nightly.properties: tale.gates.min-token-reduction.tale-ep=1 is ambiguous:"
                        + " gates are in percent (90 means 90%), so write 100 for 100%, or 1% if you really mean one percent");
    }

    @Test
    void should_refuse_an_accuracy_drop_written_as_a_fraction_but_take_one_point_as_meant() {
        assertThatThrownBy(() -> GateLimits.from(GateKeys.fromSystemProperties(
                Map.of("tale.gates.max-accuracy-drop", "0.05"), METHODS)))
                .hasMessage("-Dtale.gates.max-accuracy-drop=0.05 is ambiguous: the drop is in points of accuracy"
                        + " (5 means 5 points, from 80% to 75%), so write 5 for 5 points, or 0.05% if you really mean"
                        + " under one point");

        assertThat(fromEnvironment("TALE_GATES_MAX_ACCURACY_DROP", "1").maxAccuracyDropPoints()).containsEntry("", 1.0);
    }

    @Test
    void should_take_percent_written_with_or_without_the_sign_and_under_one_percent_with_it() {
        assertThat(fromEnvironment("TALE_GATES_MIN_ACCURACY", "90").minAccuracyPercent()).containsEntry("", 90.0);
        assertThat(fromEnvironment("TALE_GATES_MIN_ACCURACY", "90%").minAccuracyPercent()).containsEntry("", 90.0);
        assertThat(fromEnvironment("TALE_GATES_MIN_ACCURACY", "0.9%").minAccuracyPercent()).containsEntry("", 0.9);
        assertThat(fromEnvironment("TALE_GATES_MIN_TOKEN_REDUCTION_TALE_EP", "50 %").minTokenReductionPercent())
                .containsEntry("tale-ep", 50.0);
        assertThat(fromEnvironment("TALE_GATES_MIN_ACCURACY", "0").minAccuracyPercent()).containsEntry("", 0.0);
    }

    @Test
    void should_refuse_a_limit_outside_its_meaningful_range_naming_the_key() {
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MIN_ACCURACY", "150"))
                .hasMessage("TALE_GATES_MIN_ACCURACY=150 is more than 100%: accuracy is in percent, at most 100");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MIN_TOKEN_REDUCTION", "120%"))
                .hasMessage("TALE_GATES_MIN_TOKEN_REDUCTION=120% is more than 100%: token reduction is in percent, at most 100");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MAX_ACCURACY_DROP", "101"))
                .hasMessage("TALE_GATES_MAX_ACCURACY_DROP=101 is more than 100 points: accuracy is at most 100%");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MIN_ACCURACY", "-5"))
                .hasMessage("TALE_GATES_MIN_ACCURACY=-5 is negative: a gate's limit is 0 or more");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MAX_MEAN_OUTPUT_TOKENS_COT", "-1"))
                .hasMessage("TALE_GATES_MAX_MEAN_OUTPUT_TOKENS_COT=-1 is negative: a gate's limit is 0 or more");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MAX_EXPENSE_USD", "-0.01"))
                .hasMessage("TALE_GATES_MAX_EXPENSE_USD=-0.01 is negative: a gate's limit is 0 or more");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MAX_MEAN_OUTPUT_TOKENS", "50%"))
                .hasMessage("TALE_GATES_MAX_MEAN_OUTPUT_TOKENS=50% is not a number of tokens");
    }

    @Test
    void should_name_a_limit_that_is_not_a_number() {
        assertThatThrownBy(() -> GateLimits.from(GateKeys.fromProperties(Map.of("tale.gates.min-accuracy", "high"),
                key -> "config/application.properties", METHODS)))
                .hasMessage("config/application.properties: tale.gates.min-accuracy=high is not a number");
        assertThatThrownBy(() -> fromEnvironment("TALE_GATES_MAX_EXPENSE_USD", "lots"))
                .hasMessage("TALE_GATES_MAX_EXPENSE_USD=lots is not an amount in $");
    }

    @Test
    void should_read_gates_with_a_method_overriding_the_default_and_the_first_source_winning() {
        // given: the environment before the file, as Camel resolves a key
        List<GateSetting> settings = new java.util.ArrayList<>(GateKeys.fromEnvironment(
                Map.of("TALE_GATES_MIN_ACCURACY", "75"), METHODS));
        settings.addAll(GateKeys.fromProperties(Map.of("tale.gates.min-accuracy", "60",
                "tale.gates.min-accuracy.tale-ep", "85", "tale.gates.max-expense-usd", "1.50",
                "tale.gates.min-token-reduction", " "), key -> "config/application.properties", METHODS));

        // when
        GateLimits limits = GateLimits.from(settings);

        // then
        assertThat(limits.minAccuracyPercent()).containsOnly(Map.entry("", 75.0), Map.entry("tale-ep", 85.0));
        assertThat(limits.maxExpenseUsd()).isEqualByComparingTo("1.50");
        assertThat(limits.minTokenReductionPercent()).isEmpty();
    }

    @Test
    void should_keep_the_service_limits_where_a_suite_sets_none() {
        GateLimits service = new GateLimits(Map.of("", 80.0, "tale-ep", 85.0), Map.of(), new BigDecimal("2"), Map.of(),
                Map.of("", 5.0));
        GateLimits suite = new GateLimits(Map.of("", 70.0), Map.of("cot", 400.0), null, Map.of(), Map.of());

        GateLimits merged = suite.withDefaults(service);

        assertThat(merged.minAccuracyPercent()).containsOnly(Map.entry("", 70.0), Map.entry("tale-ep", 85.0));
        assertThat(merged.maxMeanOutputTokens()).containsOnly(Map.entry("cot", 400.0));
        assertThat(merged.maxExpenseUsd()).isEqualByComparingTo("2");
        assertThat(merged.maxAccuracyDropPoints()).containsOnly(Map.entry("", 5.0));
    }

    private static GateLimits fromEnvironment(String name, String value) {
        return GateLimits.from(GateKeys.fromEnvironment(Map.of(name, value), METHODS));
    }
}
