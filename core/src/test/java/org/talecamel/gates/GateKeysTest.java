package org.talecamel.gates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A gate set under a name that is no gate, or for a method that is not in the run, is refused, not dropped. */
class GateKeysTest {

    private static final List<String> METHODS = List.of("cot", "tale-ep", "fixed:100");

    @Test
    void should_map_an_environment_variable_back_to_its_gate_and_the_runs_method() {
        List<GateSetting> settings = GateKeys.fromEnvironment(Map.of("TALE_GATES_MIN_ACCURACY_TALE_EP", "85",
                "TALE_GATES_MAX_MEAN_OUTPUT_TOKENS_FIXED_100", "120", "TALE_GATES_MAX_EXPENSE_USD", "2",
                "TALE_LLM_MODEL", "gpt-4o-mini"), METHODS);

        assertThat(settings).extracting(GateSetting::key).containsExactly("tale.gates.max-expense-usd",
                "tale.gates.max-mean-output-tokens.fixed:100", "tale.gates.min-accuracy.tale-ep");
        assertThat(settings.get(2).shown()).isEqualTo("TALE_GATES_MIN_ACCURACY_TALE_EP=85");
    }

    @Test
    void should_refuse_an_environment_variable_for_a_method_that_is_not_in_the_run() {
        assertThatThrownBy(() -> GateKeys.fromEnvironment(Map.of("TALE_GATES_MIN_ACCURACY_TALE_E", "90"), METHODS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("TALE_GATES_MIN_ACCURACY_TALE_E=90: TALE_E is not a method of this run (its methods: cot as"
                        + " COT, tale-ep as TALE_EP, fixed:100 as FIXED_100)");
    }

    @Test
    void should_refuse_a_key_for_a_method_that_is_not_in_the_run_naming_the_suite_file() {
        assertThatThrownBy(() -> GateKeys.fromProperties(Map.of("tale.gates.min-accuracy.cod", "90"),
                key -> "config/suites/nightly.properties", METHODS))
                .hasMessage("config/suites/nightly.properties: tale.gates.min-accuracy.cod=90: cod is not a method of"
                        + " this run (its methods: cot, tale-ep, fixed:100)");
    }

    @Test
    void should_refuse_a_misspelled_gate_listing_the_gates() {
        assertThatThrownBy(() -> GateKeys.fromProperties(Map.of("tale.gates.min-acuracy", "90"),
                key -> "config/application.properties", METHODS))
                .hasMessage("config/application.properties: tale.gates.min-acuracy=90: there is no such gate (the gates"
                        + " are min-accuracy, max-mean-output-tokens, max-expense-usd, min-token-reduction,"
                        + " max-accuracy-drop, each optionally followed by . and a method)");
        assertThatThrownBy(() -> GateKeys.fromEnvironment(Map.of("TALE_GATES_MIN_ACURACY", "90"), METHODS))
                .hasMessage("TALE_GATES_MIN_ACURACY=90: there is no such gate (the gates are TALE_GATES_MIN_ACCURACY,"
                        + " TALE_GATES_MAX_MEAN_OUTPUT_TOKENS, TALE_GATES_MAX_EXPENSE_USD, TALE_GATES_MIN_TOKEN_REDUCTION,"
                        + " TALE_GATES_MAX_ACCURACY_DROP, each optionally followed by _ and a method:"
                        + " TALE_GATES_MIN_ACCURACY_TALE_EP)");
        assertThatThrownBy(() -> GateKeys.fromSystemProperties(Map.of("tale.gates.max-drop", "5"), METHODS))
                .hasMessageStartingWith("-Dtale.gates.max-drop=5: there is no such gate");
    }

    @Test
    void should_refuse_a_gate_for_a_method_it_cannot_judge() {
        assertThatThrownBy(() -> GateKeys.fromEnvironment(Map.of("TALE_GATES_MAX_EXPENSE_USD_COT", "1"), METHODS))
                .hasMessage("TALE_GATES_MAX_EXPENSE_USD_COT=1: max-expense-usd is the whole run's expense and takes no method");
        assertThatThrownBy(() -> GateKeys.fromSystemProperties(Map.of("tale.gates.min-token-reduction.cot", "50"), METHODS))
                .hasMessage("-Dtale.gates.min-token-reduction.cot=50: cot is what the token reduction is measured against");
        assertThatThrownBy(() -> GateKeys.fromSystemProperties(Map.of("tale.gates.min-accuracy.search", "90"),
                List.of("cot", "search")))
                .hasMessage("-Dtale.gates.min-accuracy.search=90: search is not judged on accuracy: it answers only"
                        + " problems cot got right");
    }

    @Test
    void should_leave_an_empty_gate_off_and_other_keys_alone() {
        assertThat(GateKeys.fromProperties(Map.of("tale.gates.min-accuracy", " ", "tale.gates.min-acuracy", "",
                "tale.methods", "cot"), key -> "config/application.properties", METHODS)).isEmpty();
    }
}
