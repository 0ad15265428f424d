package org.talecamel.llm;

import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a table keyed by model name (the prices, the models' parameters) finds a model's row: the row of that name
 * (case-insensitive); else the row of which it is a dated snapshot ({@code gpt-4o-mini-2024-07-18} →
 * {@code gpt-4o-mini}, the longest such row); else, for the simulator's {@code simulated-<model>}, the row of
 * {@code <model>}. Never a guess: {@code gpt-4o-mini} is not a snapshot of {@code gpt-4o}.
 */
public final class ModelNames {

    /** The prefix of the model names the built-in simulator answers with. */
    public static final String SIMULATED = "simulated-";
    // how vendors name a snapshot of one model: -2024-07-18, -20241022, -0125, -001, -latest
    private static final Pattern SNAPSHOT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}|\\d{3,8}|latest");

    private ModelNames() {
    }

    /** The row of {@code model} among {@code rows}, keyed by lower-case model name. */
    public static <V> Optional<V> rowOf(Map<String, V> rows, String model) {
        if (model == null) {
            return Optional.empty();
        }
        String name = model.strip().toLowerCase(Locale.ROOT);
        Optional<V> row = listed(rows, name);
        return row.isEmpty() && name.startsWith(SIMULATED) ? listed(rows, name.substring(SIMULATED.length())) : row;
    }

    private static <V> Optional<V> listed(Map<String, V> rows, String name) {
        V exact = rows.get(name);
        if (exact != null) {
            return Optional.of(exact);
        }
        return rows.keySet().stream()
                .filter(listed -> name.startsWith(listed + "-")
                        && SNAPSHOT.matcher(name.substring(listed.length() + 1)).matches())
                .max(Comparator.comparingInt(String::length))
                .map(rows::get);
    }
}
