package org.talecamel.cost;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.talecamel.llm.ModelNames;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Model prices read from a CSV file such as {@code config/prices.csv}: a header naming {@link #COLUMNS} (any order,
 * any case), and optionally {@link #BATCH_COLUMNS}; one model a row, lines starting with {@code #} are comments. A file
 * without the batch columns (one written before tale-camel had them) still loads: its models have no batch price.
 */
public final class PriceTable {

    public static final List<String> COLUMNS = List.of("model", "input_usd_per_million",
            "cached_input_usd_per_million", "output_usd_per_million", "source", "as_of");
    /** The Batch API price of a row's model: input and output together, the cached price and the source optional. */
    public static final List<String> BATCH_COLUMNS = List.of("batch_input_usd_per_million",
            "batch_cached_input_usd_per_million", "batch_output_usd_per_million", "batch_source");
    private static final String BATCH_INPUT = BATCH_COLUMNS.get(0);
    private static final String BATCH_CACHED = BATCH_COLUMNS.get(1);
    private static final String BATCH_OUTPUT = BATCH_COLUMNS.get(2);
    private static final String BATCH_SOURCE = BATCH_COLUMNS.get(3);

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#').setTrim(true).get();
    private static final Pattern SYNTAX_LINE = Pattern.compile("\\(startline (\\d+)\\)\\s*|\\s*at line: (\\d+), position: \\d+");
    private static final Pattern LINE_BREAK = Pattern.compile("\r\n|\r|\n");

    /** Lower-case model name to its price, in file order. */
    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = prices;
    }

    /** A table that knows no model: every expense is "price unknown". */
    public static PriceTable empty() {
        return new PriceTable(Map.of());
    }

    /** @throws PriceTableException naming the file, the line and the reason when the file cannot be used whole */
    public static PriceTable load(Path csv) {
        String text;
        try {
            text = Files.readString(csv);
        } catch (NoSuchFileException e) {
            throw new PriceTableException(csv + ": no such file", e);
        } catch (MalformedInputException e) {
            throw new PriceTableException(csv + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PriceTableException(csv + ": cannot be read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            return new PriceTable(new Rows(csv, parser).read());
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * The price of {@code model}: the row of that name (case-insensitive); else the row of which it is a dated
     * snapshot ({@code gpt-4o-mini-2024-07-18} → {@code gpt-4o-mini}); else, for {@code simulated-<model>}, the
     * price of {@code <model>}. Empty when unknown, never a guess: {@code gpt-4o-mini} is not a snapshot of
     * {@code gpt-4o} and never gets its price, nor {@code gemini-2.0-flash-lite} that of {@code gemini-2.0-flash}.
     */
    public Optional<Price> priceOf(String model) {
        return ModelNames.rowOf(prices, model);
    }

    /** One pass over the file, keeping the line of each row for the messages. */
    private static final class Rows {

        private final Path csv;
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;
        private final Map<String, Integer> columns = new HashMap<>();
        private final Map<String, Long> lineOfModel = new HashMap<>();
        private int width;

        Rows(Path csv, CSVParser parser) {
            this.csv = csv;
            this.parser = parser;
            this.records = parser.iterator();
        }

        Map<String, Price> read() {
            readHeader();
            Map<String, Price> prices = new LinkedHashMap<>();
            while (hasNext()) {
                CSVRecord record = records.next();
                long line = startLine(record);
                Price price = price(record, line);
                String key = price.model().toLowerCase(Locale.ROOT);
                Long first = lineOfModel.putIfAbsent(key, line);
                if (first != null) {
                    throw error(line, "model '" + price.model() + "' is already priced on line " + first);
                }
                prices.put(key, price);
            }
            return prices;
        }

        private void readHeader() {
            if (!hasNext()) {
                throw new PriceTableException(csv + ": no header; the first line that is not a comment must be "
                        + String.join(",", COLUMNS), null);
            }
            CSVRecord header = records.next();
            long line = parser.getCurrentLineNumber();
            width = header.size();
            for (int i = 0; i < header.size(); i++) {
                String name = header.get(i).toLowerCase(Locale.ROOT);
                if (columns.putIfAbsent(name, i) != null && !name.isEmpty()) {
                    throw error(line, "column '" + name + "' appears twice in the header");
                }
            }
            List<String> missing = new ArrayList<>(COLUMNS);
            missing.removeAll(columns.keySet());
            if (!missing.isEmpty()) {
                throw error(line, "the header has no column " + String.join(", ", missing.stream().map(c -> "'" + c + "'").toList())
                        + "; expected " + String.join(",", COLUMNS));
            }
            boolean batchInput = columns.containsKey(BATCH_INPUT);
            if (batchInput != columns.containsKey(BATCH_OUTPUT)) {
                throw error(line, "the header has column '" + (batchInput ? BATCH_INPUT : BATCH_OUTPUT)
                        + "' but no '" + (batchInput ? BATCH_OUTPUT : BATCH_INPUT) + "': a batch price needs both");
            }
            if (!batchInput && columns.containsKey(BATCH_CACHED)) {
                throw error(line, "the header has column '" + BATCH_CACHED + "' but no '" + BATCH_INPUT
                        + "' and '" + BATCH_OUTPUT + "'");
            }
        }

        private Price price(CSVRecord record, long line) {
            if (record.size() != width) {
                throw error(line, "expected " + width + " columns as in the header, found " + record.size());
            }
            if (record.stream().anyMatch(value -> LINE_BREAK.matcher(value).find())) {
                throw error(line, "a value runs over several lines; is a quote left open?");
            }
            String model = value(record, "model");
            if (model.isEmpty()) {
                throw error(line, "model is missing");
            }
            return new Price(model,
                    number(record, "input_usd_per_million", true, line),
                    number(record, "cached_input_usd_per_million", false, line),
                    number(record, "output_usd_per_million", true, line),
                    value(record, "source"),
                    value(record, "as_of"),
                    batch(record, line));
        }

        /** The row's batch price; null when the file has no batch columns or the row leaves them empty. */
        private Price.Batch batch(CSVRecord record, long line) {
            if (!columns.containsKey(BATCH_INPUT)) {
                return null;
            }
            BigDecimal input = number(record, BATCH_INPUT, false, line);
            BigDecimal cached = number(record, BATCH_CACHED, false, line);
            BigDecimal output = number(record, BATCH_OUTPUT, false, line);
            if (input == null && output == null) {
                if (cached != null) {
                    throw error(line, BATCH_CACHED + " is given without " + BATCH_INPUT + " and " + BATCH_OUTPUT);
                }
                return null; // no batch price known: a batched call of this model is "batch price unknown"
            }
            if (input == null || output == null) {
                throw error(line, (input == null ? BATCH_INPUT : BATCH_OUTPUT) + " is missing: a batch price needs "
                        + BATCH_INPUT + " and " + BATCH_OUTPUT + ", or neither");
            }
            return new Price.Batch(input, cached, output, value(record, BATCH_SOURCE));
        }

        private BigDecimal number(CSVRecord record, String column, boolean required, long line) {
            String text = value(record, column);
            if (text.isEmpty()) {
                if (required) {
                    throw error(line, column + " is missing");
                }
                return null;
            }
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                throw error(line, column + " '" + text + "' is not a number");
            }
            if (number.signum() < 0) {
                throw error(line, column + " '" + text + "' cannot be negative");
            }
            return number;
        }

        /** The cell of {@code column}; "" when the file has no such (optional) column. */
        private String value(CSVRecord record, String column) {
            Integer index = columns.get(column);
            return index == null ? "" : record.get(index);
        }

        /** hasNext() reads the next record, so a syntax error surfaces here, with the line it starts on. */
        private boolean hasNext() {
            long before = parser.getCurrentLineNumber();
            try {
                return records.hasNext();
            } catch (UncheckedIOException e) {
                String message = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
                Matcher location = SYNTAX_LINE.matcher(message);
                long line = before + 1;
                if (location.find()) {
                    line = Long.parseLong(location.group(1) != null ? location.group(1) : location.group(2));
                }
                String reason = message.contains("EOF reached before encapsulated token finished")
                        ? "a quote opened on this line is never closed"
                        : "CSV syntax error: " + SYNTAX_LINE.matcher(message).replaceAll("");
                throw new PriceTableException(csv + " line " + line + ": " + reason, e);
            }
        }

        /** The parser counts lines up to the end of the record; a quoted line break inside it moves the start up. */
        private long startLine(CSVRecord record) {
            return parser.getCurrentLineNumber()
                    - record.stream().mapToLong(value -> LINE_BREAK.matcher(value).results().count()).sum();
        }

        private PriceTableException error(long line, String reason) {
            return new PriceTableException(csv + " line " + line + ": " + reason, null);
        }
    }
}
