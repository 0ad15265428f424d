package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which row prices a model name. */
class PriceLookupTest {

    @TempDir
    Path dir;

    private PriceTable table;

    @BeforeEach
    void given_a_table_of_common_models() throws IOException {
        table = tableOf("gpt-4o", "gpt-4o-mini", "gpt-4o-2024-05-13", "gemini-2.0-flash", "gemini-1.5-flash",
                "claude-3-5-haiku", "o3-mini");
    }

    private PriceTable tableOf(String... models) throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", PriceTable.COLUMNS)).append('\n');
        for (String model : models) {
            csv.append(model).append(",1,,2,s,d\n");
        }
        return PriceTable.load(Files.writeString(dir.resolve(models.length + "-prices.csv"), csv));
    }

    private Optional<String> rowFor(String model) {
        return table.priceOf(model).map(Price::model);
    }

    @Test
    void should_find_a_model_by_its_exact_name_whatever_the_case() {
        assertThat(rowFor("GPT-4o-Mini")).contains("gpt-4o-mini");
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4o-mini-2024-07-18", "gpt-4o-mini-latest"})
    void should_price_a_dated_snapshot_as_its_model_and_not_as_a_shorter_name(String snapshot) {
        assertThat(rowFor(snapshot)).contains("gpt-4o-mini");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-3-5-haiku-20241022", "claude-3-5-haiku-latest"})
    void should_price_an_anthropic_snapshot_as_its_model(String snapshot) {
        assertThat(rowFor(snapshot)).contains("claude-3-5-haiku");
    }

    @Test
    void should_price_a_numbered_version_as_its_model() {
        assertThat(rowFor("gemini-2.0-flash-001")).contains("gemini-2.0-flash");
    }

    @Test
    void should_prefer_a_snapshot_row_of_its_own_over_the_model_row() {
        assertThat(rowFor("gpt-4o-2024-05-13")).contains("gpt-4o-2024-05-13");
        assertThat(rowFor("gpt-4o-2024-08-06")).contains("gpt-4o");
    }

    @Test
    void should_not_price_gpt_4o_mini_as_gpt_4o_when_the_table_lacks_it() throws IOException {
        // given a table that prices gpt-4o only
        PriceTable gpt4oOnly = tableOf("gpt-4o");

        // when
        Optional<Price> price = gpt4oOnly.priceOf("gpt-4o-mini");

        // then
        assertThat(price).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "gpt-4omni",                 // no dash after the listed name
            "gpt-4",                     // shorter than a listed name
            "gemini-2.0-flash-lite",     // a cheaper variant, not a snapshot
            "gemini-1.5-flash-8b",
            "o3",
            "gpt-4o-realtime-preview",
            "mini",
            "",
    })
    void should_not_price_a_model_by_a_listed_name_it_merely_starts_with(String model) {
        assertThat(table.priceOf(model)).isEmpty();
    }

    @Test
    void should_not_price_an_unknown_model_or_no_model() {
        assertThat(table.priceOf("llama-3.1-8b-instruct")).isEmpty();
        assertThat(table.priceOf(null)).isEmpty();
    }

    @Test
    void should_price_the_simulator_as_the_model_it_simulates() {
        assertThat(rowFor("simulated-gpt-4o-mini")).contains("gpt-4o-mini");
        assertThat(rowFor("simulated-gpt-4o-mini-2024-07-18")).contains("gpt-4o-mini");
    }

    @Test
    void should_not_price_a_simulated_model_that_is_not_in_the_table() {
        assertThat(table.priceOf("simulated-llama-3.1-8b")).isEmpty();
        assertThat(table.priceOf("simulated-")).isEmpty();
    }
}
