package org.talecamel.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Which parameters each model takes, read from {@code config/models.csv} ({@code tale.llm.models-table}): a header
 * naming {@link #COLUMNS}, one model name or glob a row, lines starting with {@code #} are comments. Which request a
 * model accepts is data, not code: a new model is a new row.
 * <p>
 * A model's row is the one naming it exactly, or one of whose dated snapshots it is ({@code gpt-4o-mini-2024-07-18}
 * of {@code gpt-4o-mini}, as prices are found); else the first glob row ({@code *} any text, {@code ?} one character)
 * that matches, top to bottom; else {@link ModelParameters#CLASSIC}. Names are compared in any case, and
 * {@code simulated-<model>} is looked up as {@code <model>}.
 */
public final class ModelTable {

    public static final List<String> COLUMNS = List.of("model", "token_limit", "temperature", "reasoning",
            "native_budget", "source");

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setCommentMarker('#').setTrim(true)
            .setIgnoreEmptyLines(true).get();

    /** the rows naming one model, by lower-case name */
    private final Map<String, ModelParameters> named;
    /** the glob rows, in file order, each with its compiled pattern */
    private final List<Map.Entry<Pattern, ModelParameters>> globs;

    private ModelTable(Map<String, ModelParameters> named, List<Map.Entry<Pattern, ModelParameters>> globs) {
        this.named = named;
        this.globs = globs;
    }

    /** A table with no rows: every model is a classic one. */
    public static ModelTable classic() {
        return new ModelTable(Map.of(), List.of());
    }

    /** @throws IllegalArgumentException naming the file, the line and what to fix */
    public static ModelTable load(Path csv) {
        String text;
        try {
            text = Files.readString(csv);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(csv + " (tale.llm.models-table): no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(csv + " (tale.llm.models-table): cannot be read: " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Map<String, ModelParameters> named = new HashMap<>();
        List<Map.Entry<Pattern, ModelParameters>> globs = new ArrayList<>();
        Map<String, Long> lines = new HashMap<>();
        try (CSVParser parser = FORMAT.parse(new java.io.StringReader(text))) {
            Map<String, Integer> columns = null;
            for (CSVRecord record : parser) {
                long line = parser.getCurrentLineNumber();
                if (columns == null) {
                    columns = header(csv, record, line);
                    continue;
                }
                ModelParameters row = row(csv, record, columns, line);
                String key = row.pattern().toLowerCase(Locale.ROOT);
                Long first = lines.putIfAbsent(key, line);
                if (first != null) {
                    throw new IllegalArgumentException(csv + " line " + line + ": model '" + row.pattern()
                            + "' has a row already, on line " + first);
                }
                if (key.contains("*") || key.contains("?")) {
                    globs.add(Map.entry(glob(key), row));
                } else {
                    named.put(key, row);
                }
            }
            if (columns == null) {
                throw new IllegalArgumentException(csv + ": no header; the first line that is not a comment must be "
                        + String.join(",", COLUMNS));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(csv + ": CSV syntax error: " + e.getMessage(), e);
        }
        return new ModelTable(Map.copyOf(named), List.copyOf(globs));
    }

    /** What {@code model} takes: its row, or the classic default. */
    public ModelParameters of(String model) {
        String asked = model == null ? "" : model.strip().toLowerCase(Locale.ROOT);
        String name = asked.startsWith(ModelNames.SIMULATED) ? asked.substring(ModelNames.SIMULATED.length()) : asked;
        Optional<ModelParameters> row = ModelNames.rowOf(named, name);
        if (row.isPresent()) {
            return row.get();
        }
        for (Map.Entry<Pattern, ModelParameters> glob : globs) {
            if (glob.getKey().matcher(name).matches()) {
                return glob.getValue();
            }
        }
        return ModelParameters.CLASSIC;
    }

    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString());
    }

    private static Map<String, Integer> header(Path csv, CSVRecord record, long line) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < record.size(); i++) {
            columns.put(record.get(i).toLowerCase(Locale.ROOT), i);
        }
        List<String> missing = new ArrayList<>(COLUMNS);
        missing.removeAll(columns.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(csv + " line " + line + ": the header has no column "
                    + String.join(", ", missing) + "; expected " + String.join(",", COLUMNS));
        }
        return columns;
    }

    private static ModelParameters row(Path csv, CSVRecord record, Map<String, Integer> columns, long line) {
        String where = csv + " line " + line;
        if (record.size() != columns.size()) {
            throw new IllegalArgumentException(where + ": expected " + columns.size() + " columns as in the header, found "
                    + record.size());
        }
        String model = record.get(columns.get("model"));
        if (model.isEmpty()) {
            throw new IllegalArgumentException(where + ": model is missing");
        }
        try {
            return new ModelParameters(model,
                    TokenParameter.of("token_limit", record.get(columns.get("token_limit")), TokenParameter.MAX_TOKENS,
                            TokenParameter.MAX_COMPLETION_TOKENS),
                    yesNo("temperature", record.get(columns.get("temperature"))),
                    yesNo("reasoning", record.get(columns.get("reasoning"))),
                    TokenParameter.of("native_budget", record.get(columns.get("native_budget")), TokenParameter.values()),
                    where);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " (" + model + "): " + e.getMessage(), e);
        }
    }

    private static boolean yesNo(String column, String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new IllegalArgumentException(column + " is yes or no, not '" + text + "'");
        };
    }
}
