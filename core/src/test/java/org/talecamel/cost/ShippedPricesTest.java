package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The price table tale-camel ships (tests run from the project root). */
class ShippedPricesTest {

    @Test
    void should_load_the_shipped_table_and_price_gpt_4o_mini_with_its_source_and_date() {
        // given
        Path shipped = Path.of("config/prices.csv");

        // when
        PriceTable table = PriceTable.load(shipped);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).hasValueSatisfying(price -> {
            assertThat(price.inputPerMillion()).isEqualByComparingTo("0.15");
            assertThat(price.cachedInputPerMillion()).isEqualByComparingTo("0.075");
            assertThat(price.outputPerMillion()).isEqualByComparingTo("0.60");
            assertThat(price.source()).startsWith("https://");
            assertThat(price.asOf()).matches("\\d{4}-\\d{2}-\\d{2}");
        });
    }

    @Test
    void should_price_the_built_in_simulator_from_the_shipped_table() {
        assertThat(PriceTable.load(Path.of("config/prices.csv")).priceOf("simulated-gpt-4o-mini"))
                .map(Price::model).contains("gpt-4o-mini");
    }

    @Test
    void should_price_gpt_5_mini_and_its_dated_snapshot_with_the_cached_input_price() {
        // given
        PriceTable table = PriceTable.load(Path.of("config/prices.csv"));
        Price gpt5Mini = table.priceOf("gpt-5-mini").orElseThrow();

        // when: 1M prompt tokens of which 400K cached, and 100K completion tokens (reasoning included)
        BigDecimal cost = gpt5Mini.costUsd(1_000_000, 400_000, 100_000);

        // then: 600K x 0.25 + 400K x 0.025 + 100K x 2.00, per million
        assertThat(cost).isEqualByComparingTo("0.36");
        assertThat(table.priceOf("gpt-5-mini-2025-08-07")).contains(gpt5Mini);
        assertThat(table.priceOf("gpt-5")).map(Price::model).contains("gpt-5");
    }

    @Test
    void should_price_gpt_4o_mini_and_the_simulator_in_a_batch_at_half_the_list_price() {
        // given
        PriceTable table = PriceTable.load(Path.of("config/prices.csv"));

        // when: 1M prompt tokens of which 400K cached, and 100K completion tokens
        BigDecimal list = table.priceOf("gpt-4o-mini").orElseThrow().costUsd(1_000_000, 400_000, 100_000);
        BigDecimal batch = table.priceOf("simulated-gpt-4o-mini").orElseThrow()
                .batchCostUsd(1_000_000, 400_000, 100_000).orElseThrow();

        // then: OpenAI's flat rule, 50% off every price
        assertThat(batch.multiply(BigDecimal.valueOf(2))).isEqualByComparingTo(list);
        assertThat(table.priceOf("gpt-4o-mini").orElseThrow().batch().source()).contains("help.openai.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"claude-sonnet-4-5", "claude-haiku-4-5", "gemini-2.5-flash"})
    void should_leave_without_a_batch_price_the_shipped_models_whose_batch_price_was_not_checked(String model) {
        assertThat(PriceTable.load(Path.of("config/prices.csv")).priceOf(model))
                .hasValueSatisfying(price -> assertThat(price.batch()).isNull());
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-5-micro", "claude-sonnet-4-9", "gemini-2.5-ultra", "llama-3.1-8b-instruct"})
    void should_leave_a_model_the_table_does_not_list_without_a_price(String model) {
        assertThat(PriceTable.load(Path.of("config/prices.csv")).priceOf(model)).isEmpty();
    }

    @Test
    void should_give_every_shipped_row_a_source_page_and_a_date() throws IOException {
        // given
        List<CSVRecord> rows;
        try (Reader reader = Files.newBufferedReader(Path.of("config/prices.csv"))) {
            rows = CSVFormat.DEFAULT.builder().setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
        }

        // then
        assertThat(rows).hasSizeGreaterThan(40);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("source")).as(row.get("model")).startsWith("https://");
            assertThat(row.get("as_of")).as(row.get("model")).matches("20\\d{2}-\\d{2}-\\d{2}");
            if (!row.get("batch_input_usd_per_million").isEmpty()) {
                assertThat(row.get("batch_source")).as(row.get("model")).startsWith("https://");
            }
        });
    }
}
