package org.talecamel.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticityLevelsTest {

    @Test
    void should_take_absolute_budgets_as_they_are() {
        List<ElasticityLevels.Level> levels = ElasticityLevels.parse("10, 25,50,100,200,400");

        assertThat(levels).extracting(l -> l.budgetFor(318)).containsExactly(10, 25, 50, 100, 200, 400);
    }

    @Test
    void should_apply_fractions_to_the_cot_tokens_and_read_a_bare_1_as_the_whole() {
        List<ElasticityLevels.Level> levels = ElasticityLevels.parse("1/32,1/16,1/4,1");

        assertThat(levels).extracting(ElasticityLevels.Level::label).containsExactly("1/32", "1/16", "1/4", "1");
        assertThat(levels).extracting(l -> l.budgetFor(320)).containsExactly(10, 20, 80, 320);
    }

    @Test
    void should_never_give_a_budget_below_1() {
        assertThat(ElasticityLevels.parse("1/32").get(0).budgetFor(10)).isEqualTo(1);
    }

    @Test
    void should_name_a_budget_it_cannot_read() {
        assertThatThrownBy(() -> ElasticityLevels.parse("10,ten")).hasMessageContaining("'ten'");
        assertThatThrownBy(() -> ElasticityLevels.parse("1/0")).hasMessageContaining("'1/0'");
        assertThatThrownBy(() -> ElasticityLevels.parse(" , ")).hasMessageContaining("empty");
    }
}
