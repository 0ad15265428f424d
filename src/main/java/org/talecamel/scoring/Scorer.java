package org.talecamel.scoring;

/** Scores a model output against a dataset's reference answer. */
public final class Scorer {

    private Scorer() {
    }

    public static Score score(String reference, String modelOutput) {
        String expected = GoldAnswer.fromReference(reference);
        String extracted = AnswerExtractor.extract(modelOutput).orElse("");
        return new Score(expected, extracted, AnswerMatcher.matches(expected, extracted));
    }
}
