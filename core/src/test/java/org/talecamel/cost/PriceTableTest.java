package org.talecamel.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a price table, and the messages that say which line to fix. */
class PriceTableTest {

    private static final String HEADER =
            "model,input_usd_per_million,cached_input_usd_per_million,output_usd_per_million,source,as_of\n";

    private static final String BATCH_HEADER = HEADER.strip() + ",batch_input_usd_per_million,"
            + "batch_cached_input_usd_per_million,batch_output_usd_per_million,batch_source\n";

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        return Files.writeString(dir.resolve("prices.csv"), content, StandardCharsets.UTF_8);
    }

    private String file() {
        return dir.resolve("prices.csv").toString();
    }

    @Test
    void should_read_each_row_as_a_model_price() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o-mini,0.15,0.075,0.60,https://example.com/pricing,2025-06-01\n");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).contains(new Price("gpt-4o-mini", new BigDecimal("0.15"),
                new BigDecimal("0.075"), new BigDecimal("0.60"), "https://example.com/pricing", "2025-06-01"));
    }

    @Test
    void should_leave_the_cached_price_empty_when_the_row_has_none() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-3.5-turbo,0.50,,1.50,https://example.com/pricing,2025-06-01\n");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-3.5-turbo")).hasValueSatisfying(price -> {
            assertThat(price.cachedInputPerMillion()).isNull();
            assertThat(price.outputPerMillion()).isEqualByComparingTo("1.5");
        });
    }

    @Test
    void should_skip_comment_and_blank_lines_anywhere_in_the_file() throws Exception {
        // given
        Path csv = write("# prices, kept by hand\n\n" + HEADER
                + "# OpenAI\n"
                + "gpt-4o-mini,0.15,0.075,0.60,s,d\n"
                + "\n# Google\n"
                + "gemini-2.0-flash,0.10,0.025,0.40,s,d\n"
                + "# the end");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).isPresent();
        assertThat(table.priceOf("gemini-2.0-flash")).isPresent();
    }

    @Test
    void should_find_the_columns_whatever_their_order_case_and_surrounding_spaces() throws Exception {
        // given
        Path csv = write("Output_USD_per_million , model,as_of,source,input_usd_per_million,cached_input_usd_per_million\n"
                + " 0.60 , gpt-4o-mini ,2025-06-01,s,0.15,\n");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).hasValueSatisfying(price -> {
            assertThat(price.inputPerMillion()).isEqualByComparingTo("0.15");
            assertThat(price.outputPerMillion()).isEqualByComparingTo("0.60");
            assertThat(price.asOf()).isEqualTo("2025-06-01");
        });
    }

    @Test
    void should_name_the_file_line_and_column_of_a_price_that_is_not_a_number() throws Exception {
        // given a bad output price on line 7, counting comments and blank lines
        Path csv = write("# prices\n" + HEADER + "gpt-4o-mini,0.15,0.075,0.60,s,d\n# OpenAI\n\n"
                + "gpt-4o,2.50,1.25,10.00,s,d\n"
                + "gpt-4.1,2.00,0.50,abc,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .isInstanceOf(PriceTableException.class)
                .hasMessage(file() + " line 7: output_usd_per_million 'abc' is not a number");
    }

    @Test
    void should_refuse_a_negative_price() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o-mini,-0.15,,0.60,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: input_usd_per_million '-0.15' cannot be negative");
    }

    @Test
    void should_refuse_a_row_without_an_output_price() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o-mini,0.15,0.075,,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: output_usd_per_million is missing");
    }

    @Test
    void should_refuse_a_row_without_a_model() throws Exception {
        // given
        Path csv = write(HEADER + " ,0.15,0.075,0.60,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv)).hasMessage(file() + " line 2: model is missing");
    }

    @Test
    void should_refuse_a_row_with_a_different_number_of_columns_than_the_header() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o-mini,0.15,0.60\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: expected 6 columns as in the header, found 3");
    }

    @Test
    void should_refuse_a_model_priced_twice_whatever_the_case() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o,2.50,1.25,10.00,s,d\n# again\nGPT-4o,5.00,,15.00,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 4: model 'GPT-4o' is already priced on line 2");
    }

    @Test
    void should_name_the_columns_missing_from_the_header() throws Exception {
        // given
        Path csv = write("# prices\nmodel,input_usd_per_million,output_usd_per_million\ngpt-4o,2.50,10.00\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessageStartingWith(file() + " line 2: the header has no column 'cached_input_usd_per_million', "
                        + "'source', 'as_of'; expected model,input_usd_per_million,");
    }

    @Test
    void should_refuse_a_file_with_only_comments() throws Exception {
        // given
        Path csv = write("# nothing priced yet\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv)).hasMessageStartingWith(file() + ": no header;");
    }

    @Test
    void should_give_the_line_where_a_quote_is_left_open() throws Exception {
        // given
        Path csv = write(HEADER + "gpt-4o,2.50,1.25,10.00,s,d\n\"gpt-4o-mini,0.15,0.075,0.60,s,d\ngpt-4.1,2.00,0.50,8.00,s,d\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 3: a quote opened on this line is never closed");
    }

    @Test
    void should_say_when_the_file_does_not_exist() {
        // given
        Path missing = dir.resolve("no-prices.csv");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(missing))
                .isInstanceOf(PriceTableException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void should_know_no_model_when_empty() {
        assertThat(PriceTable.empty().priceOf("gpt-4o-mini")).isEmpty();
    }

    @Test
    void should_read_a_row_s_batch_price_and_its_source() throws Exception {
        // given
        Path csv = write(BATCH_HEADER
                + "gpt-4o-mini,0.15,0.075,0.60,https://example.com/pricing,2025-06-01,0.075,0.0375,0.30,https://example.com/batch\n");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).map(Price::batch).contains(new Price.Batch(new BigDecimal("0.075"),
                new BigDecimal("0.0375"), new BigDecimal("0.30"), "https://example.com/batch"));
    }

    @Test
    void should_leave_the_batch_price_unknown_where_the_row_leaves_its_batch_cells_empty() throws Exception {
        // given
        Path csv = write(BATCH_HEADER + "claude-haiku-4-5,1.00,0.10,5.00,s,d,,,,\n");

        // when
        Price price = PriceTable.load(csv).priceOf("claude-haiku-4-5").orElseThrow();

        // then: the list price is there; a batched call of it has no cost, not the list one
        assertThat(price.batch()).isNull();
        assertThat(price.batchCostUsd(100, 0, 100)).isEmpty();
        assertThat(price.costUsd(100, 0, 100)).isEqualByComparingTo("0.0006");
    }

    @Test
    void should_load_a_file_written_before_the_batch_columns_with_no_batch_prices() throws Exception {
        // given: a user's own six-column table
        Path csv = write("# my prices\n" + HEADER + "gpt-4o-mini,0.15,0.075,0.60,s,d\nmy-llama,0.05,,0.05,own estimate,2025-06-01\n");

        // when
        PriceTable table = PriceTable.load(csv);

        // then
        assertThat(table.priceOf("gpt-4o-mini")).hasValueSatisfying(price -> {
            assertThat(price.outputPerMillion()).isEqualByComparingTo("0.60");
            assertThat(price.batch()).isNull();
        });
        assertThat(table.priceOf("my-llama")).map(Price::batch).isEmpty();
    }

    @Test
    void should_read_the_batch_columns_in_any_order_without_the_optional_ones() throws Exception {
        // given: no cached batch price and no batch source
        Path csv = write("batch_output_usd_per_million,model,input_usd_per_million,cached_input_usd_per_million,"
                + "output_usd_per_million,source,as_of,Batch_Input_USD_per_million\n"
                + "7.50,claude-sonnet-4,3.00,0.30,15.00,s,d,1.50\n");

        // when
        Price.Batch batch = PriceTable.load(csv).priceOf("claude-sonnet-4").orElseThrow().batch();

        // then
        assertThat(batch).isEqualTo(new Price.Batch(new BigDecimal("1.50"), null, new BigDecimal("7.50"), ""));
    }

    @Test
    void should_refuse_a_header_with_a_batch_input_column_and_no_batch_output_column() throws Exception {
        // given
        Path csv = write(HEADER.strip() + ",batch_input_usd_per_million\ngpt-4o,2.50,1.25,10.00,s,d,1.25\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 1: the header has column 'batch_input_usd_per_million' but no "
                        + "'batch_output_usd_per_million': a batch price needs both");
    }

    @Test
    void should_refuse_a_row_with_a_batch_input_price_and_no_batch_output_price() throws Exception {
        // given
        Path csv = write(BATCH_HEADER + "gpt-4o,2.50,1.25,10.00,s,d,1.25,,,s\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: batch_output_usd_per_million is missing: a batch price needs "
                        + "batch_input_usd_per_million and batch_output_usd_per_million, or neither");
    }

    @Test
    void should_refuse_a_cached_batch_price_without_the_batch_price() throws Exception {
        // given
        Path csv = write(BATCH_HEADER + "gpt-4o,2.50,1.25,10.00,s,d,,0.625,,s\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: batch_cached_input_usd_per_million is given without "
                        + "batch_input_usd_per_million and batch_output_usd_per_million");
    }

    @Test
    void should_refuse_a_batch_price_that_is_not_a_number() throws Exception {
        // given
        Path csv = write(BATCH_HEADER + "gpt-4o,2.50,1.25,10.00,s,d,half,,5.00,s\n");

        // when / then
        assertThatThrownBy(() -> PriceTable.load(csv))
                .hasMessage(file() + " line 2: batch_input_usd_per_million 'half' is not a number");
    }
}
