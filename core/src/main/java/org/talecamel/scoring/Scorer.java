package org.talecamel.scoring;

import java.util.Locale;
import org.talecamel.problems.Problem;

/** Scores a model output against a dataset's reference answer. */
public final class Scorer {

    private Scorer() {
    }

    /** A single-choice problem is scored on the option letter, any other on its reference answer. */
    public static Score score(Problem problem, String modelOutput) {
        if (!problem.isChoice()) {
            return score(problem.answer(), modelOutput);
        }
        String expected = problem.answer().strip().toUpperCase(Locale.ROOT);
        String extracted = ChoiceAnswer.extract(modelOutput).orElse("");
        return new Score(expected, extracted, !expected.isEmpty() && expected.equals(extracted));
    }

    public static Score score(String reference, String modelOutput) {
        String expected = GoldAnswer.fromReference(reference);
        String extracted = AnswerExtractor.extract(modelOutput).orElse("");
        return new Score(expected, extracted, AnswerMatcher.matches(expected, extracted));
    }
}
