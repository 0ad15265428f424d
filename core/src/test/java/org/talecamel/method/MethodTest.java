package org.talecamel.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MethodTest {

    @Test
    void should_parse_the_default_method_list_in_order() {
        assertThat(Method.listOf("cot,tale-ep")).containsExactly(Method.COT, Method.TALE_EP);
    }

    @Test
    void should_ignore_case_spaces_and_repeats() {
        assertThat(Method.listOf(" TALE-EP , cot,tale-ep ")).containsExactly(Method.TALE_EP, Method.COT);
    }

    @Test
    void should_name_the_unknown_method_and_the_known_ones() {
        assertThatThrownBy(() -> Method.listOf("cot,talee"))
                .hasMessage("unknown method 'talee' (known: direct, cot, tale-ep, tale-native, fixed:N, search, elasticity, elasticity-walk, cod)");
    }

    @Test
    void should_refuse_an_empty_list() {
        assertThatThrownBy(() -> Method.listOf(" , ")).hasMessageContaining("tale.methods");
    }

    @Test
    void should_estimate_a_budget_only_for_tale_ep() {
        assertThat(Method.TALE_EP.estimatesBudget()).isTrue();
        assertThat(Method.COT.estimatesBudget()).isFalse();
    }

    @Test
    void should_read_a_fixed_budget() {
        assertThat(Method.listOf("fixed:50")).containsExactly(Method.fixed(50));
        assertThat(Method.fixed(50).id()).isEqualTo("fixed:50");
        assertThatThrownBy(() -> Method.of("fixed:abc")).hasMessageContaining("fixed:N needs a whole number");
        assertThatThrownBy(() -> Method.of("fixed:0")).hasMessageContaining("positive budget");
    }

    @Test
    void should_put_cot_first_when_search_or_elasticity_needs_it() {
        assertThat(Method.listOf("tale-ep,search")).containsExactly(Method.COT, Method.TALE_EP, Method.SEARCH);
        assertThat(Method.listOf("elasticity,cot")).containsExactly(Method.COT, Method.ELASTICITY);
        assertThat(Method.listOf("direct,cot,cod")).containsExactly(Method.DIRECT, Method.COT, Method.COD);
    }
}
