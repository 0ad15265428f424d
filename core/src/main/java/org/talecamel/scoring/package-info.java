/**
 * Scoring: which answer did the model give, and is it the gold one. {@link org.talecamel.scoring.Scoring} names the
 * two ways to decide, as the setting {@code tale.scoring} does: {@code strict} (the default) and {@code reference}.
 * Plain Java, no Camel, so every rule is a unit test away.
 *
 * <h2>strict: ours</h2>
 * {@link org.talecamel.scoring.Scorer} ties the steps together: {@link org.talecamel.scoring.GoldAnswer} reads
 * the gold answer from the reference, {@link org.talecamel.scoring.AnswerExtractor} finds the model's answer in its
 * output, {@link org.talecamel.scoring.NumericAnswer} reads its value and {@link org.talecamel.scoring.AnswerMatcher}
 * compares. A single-choice problem is scored on its option letter instead: {@link org.talecamel.scoring.ChoiceAnswer}
 * finds the letter the model chose, and only the same letter is right (the option's value alone is not).
 * The rules lean towards "wrong" when in doubt: an answer that states two different numbers, or a number only
 * close to the gold one, is never counted right. A wrong verdict shows up in the audit; a lucky one would not.
 *
 * <h2>reference: the TALE reference's</h2>
 * {@link org.talecamel.scoring.ReferenceScorer} reproduces {@code AccEvaluator.evaluate_sample}
 * ({@code evaluator/AccEvaluator.py}, GeniusHTX/TALE at eef652c) on the gold its loaders read:
 * <ul>
 *   <li>open problems ({@code cloze=True}): right when the gold equals the extracted answer, or {@code [[gold]]}
 *       appears anywhere in the output, or math_verify counts the two equal. The extracted answer is the last
 *       {@code [[...]]} on one line, else the last match of {@code (-?[$0-9.,]{2,})|(-?[0-9]+)} without its commas,
 *       dollar signs and one final dot. Where it finds none (the reference then calls {@code parse(None)}, which
 *       math_verify turns into an empty reading and {@code False}), only {@code [[gold]]} can make the output right.
 *   <li>single choice ({@code cloze=False}): right when {@code [[gold]]} appears anywhere, else when the last A, B,
 *       C or D of the output's last line is the gold; when that line is shorter than 5 characters, of the text from
 *       the first "the correct answer is" (else "答案为选项") on. Letters past D are never read.
 *   <li>gold: a GSM8K worked solution's last {@code #### N} as {@code gsm8k.py} reads it; a plain value stripped,
 *       a whole number such as {@code 48.0} written {@code 48} as GSM8K-Zero's {@code str(int(answer))} writes it
 *       (which matters for the {@code [[gold]]} test). Other decimals are kept: a file here does not say whether it
 *       is GSM8K-Zero (where {@code int} cuts 1.5 to 1) or a MathBench cloze set (where 0.375 stays 0.375).
 *   <li>a problem without a gold answer is never right (the reference would count {@code [[]]} right).
 * </ul>
 * {@link org.talecamel.scoring.MathVerify} compares numbers, fractions ({@code 1/2}, {@code -3/4},
 * {@code \frac{1}{2}}), percentages and simple arithmetic as Math-Verify 0.8.0 does with its defaults, rounding to
 * 6 places when a decimal is involved. What math_verify does that it does not: LaTeX beyond {@code \frac{a}{b}}
 * ({@code \boxed{}}, {@code $...$}, {@code \(...\)}, {@code \sqrt}, {@code \pi}: latex2sympy), symbolic equality
 * ({@code x+1} and {@code 1+x}), equations and inequalities, sets, intervals, tuples and matrices, complex numbers,
 * units inside LaTeX, lists joined by "and" / "or" read as a set, the "answer:" and "final answer is" anchors that
 * it tries before the rightmost number, fractional powers, and its 5-second time-outs (a text over 10,000
 * characters is not read here). SymPy's binary floats may round a decimal tie at the 7th place differently from the
 * exact half-to-even used here.
 *
 * <h2>Where the reference itself is odd</h2>
 * <ul>
 *   <li>{@code TALE-EP.py} (line 89) passes {@code cloze=('cloze' in args.data_name) or (args.data_name == 'GSM8K')},
 *       so GSM8K-Zero, and MathBench run as {@code math} (its cloze subsets included), are scored by the choice rule:
 *       a number gold is right only when the literal {@code [[48]]} is in the output ({@code [[48.0]]},
 *       {@code [[$48]]}, a bare 48 are wrong), since a letter never equals it. {@code inference.py} scores GSM8K-Zero
 *       as cloze; {@code search_budget.py} and {@code token_elasticity.py} call {@code evaluate_sample} with its
 *       default {@code cloze=True} for every data set, single choice included. Here open problems are always
 *       scored by the cloze rule and single-choice ones by the choice rule.
 *   <li>{@code gsm8k.py}'s {@code #### (-?\d+(?:\.\d+)?|\d+/\d+)} reads {@code #### 2,125} as 2 (14 of the 1319
 *       answers in the reference's {@code data/GSM8K/gsm8k_test.jsonl}) and {@code #### 3/4} as 3; reproduced.
 *   <li>GSM8K-Zero's {@code str(int(answer))} truncates the 65 of its 2978 answers that are not whole (1.5 becomes
 *       1); not reproduced.
 *   <li>The choice rule reads any capital A–D of the last line: "Choice: [[b]]" chooses C (of "Choice"), "The answer
 *       is B. All Done" chooses D. Its marker is case-sensitive ("The correct answer is" is not found).
 *   <li>The number fallback reads "12,50" as 1250 and "18..." as "18.."; the ignored {@code (?s).*#### } never
 *       applies to the number it found.
 *   <li>math_verify is not pinned in {@code requirements.txt}; with the SymPy it pins (1.13.1) an {@code Integer}
 *       never equals a {@code Float}, so 48 and 48.0000001 differ while 48.0 and 48.0000001 are equal.
 * </ul>
 */
package org.talecamel.scoring;
