package org.talecamel.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.talecamel.problems.Problem;

/** Which rules score an answer, as the setting {@code tale.scoring} names them; {@link #STRICT} unless told. */
public enum Scoring {

    STRICT("strict", Scorer::score,
            "strict: tale-camel's own scorer (the last [[...]], #### N, 'the answer is', \\boxed or last number; "
            + "numbers equal only when exactly equal)"),
    REFERENCE("reference", ReferenceScorer::score,
            "reference: the TALE reference's AccEvaluator.evaluate_sample (lenient: [[gold]] anywhere is right; "
            + "numbers compared as math_verify compares them)");

    public static final Scoring DEFAULT = STRICT;

    private final String id;
    private final BiFunction<Problem, String, Score> scorer;
    private final String description;

    Scoring(String id, BiFunction<Problem, String, Score> scorer, String description) {
        this.id = id;
        this.scorer = scorer;
        this.description = description;
    }

    public Score score(Problem problem, String modelOutput) {
        return scorer.apply(problem, modelOutput);
    }

    public String id() {
        return id;
    }

    /** One line for a report: which scoring, and what it does. */
    public String describe() {
        return description;
    }

    /** The scoring named {@code id}, ignoring case and surrounding blanks. */
    public static Scoring of(String id) {
        String wanted = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(s -> s.id.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown scoring '" + (id == null ? "" : id.strip())
                        + "' (known: " + Arrays.stream(values()).map(Scoring::id).collect(Collectors.joining(", ")) + ")"));
    }
}
