package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
}
