/**
 * Scoring: which answer did the model give, and is it the gold one.
 *
 * <p>{@link org.talecamel.scoring.Scorer} ties the steps together: {@link org.talecamel.scoring.GoldAnswer} reads
 * the gold answer from the reference, {@link org.talecamel.scoring.AnswerExtractor} finds the model's answer in its
 * output, {@link org.talecamel.scoring.NumericAnswer} reads its value and {@link org.talecamel.scoring.AnswerMatcher}
 * compares. A single-choice problem is scored on its option letter instead: {@link org.talecamel.scoring.ChoiceAnswer}
 * finds the letter the model chose, and only the same letter is right (the option's value alone is not).
 * Plain Java, no Camel, so every rule is a unit test away.
 *
 * <p>The rules lean towards "wrong" when in doubt: an answer that states two different numbers, or a number only
 * close to the gold one, is never counted right. A wrong verdict shows up in the audit; a lucky one would not.
 */
package org.talecamel.scoring;
