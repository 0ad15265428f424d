package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;

/** The simulated model on single-choice problems, written-out calculations and questions that state their answer. */
class ProblemFormatsTest {

    private static final Pattern LETTER = Pattern.compile("(?:\\[\\[|#### |answer is )([A-Z])(?:]]|\\.)?$");

    @Test
    void answers_single_choice_prompts_with_a_letter_in_double_brackets() {
        // given
        List<Problem> problems = SampleProblems.choices(20);
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        for (Problem p : problems) {
            // when
            List<String> replies = List.of(
                    SimulatedModelTest.ask(model, Prompts.cot(p)),
                    SimulatedModelTest.ask(model, Prompts.budgeted(p, 30)),
                    SimulatedModelTest.ask(model, Prompts.direct(p)));
            String draft = SimulatedModelTest.ask(model, Prompts.CHAIN_OF_DRAFT, Prompts.chainOfDraft(p));
            String estimate = SimulatedModelTest.ask(model, Prompts.estimator(p));

            // then
            for (String reply : replies) {
                assertThat(reply).containsPattern("(Choice: \\[\\[[A-D]]]|The answer is [A-D]\\.)$");
            }
            assertThat(draft).containsPattern("\n#### [A-D]$");
            assertThat(SimulatedModelTest.budgetIn(estimate)).isPositive();
        }
    }

    @Test
    void picks_the_right_letter_about_three_times_in_four_and_less_often_on_a_tight_budget() {
        // given 400 known single-choice problems
        List<Problem> problems = SampleProblems.choices(400);
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        // when
        double cot = accuracy(problems, p -> SimulatedModelTest.ask(model, Prompts.cot(p)));
        double ample = accuracy(problems,
                p -> SimulatedModelTest.ask(model, Prompts.budgeted(p, 200)));
        double tight = accuracy(problems,
                p -> SimulatedModelTest.ask(model, Prompts.budgeted(p, 5)));

        // then
        System.out.printf("[SIMULATED] 400 single-choice problems: CoT %.1f%%, budget 200 %.1f%%, budget 5 %.1f%%%n",
                cot, ample, tight);
        assertThat(cot).isCloseTo(75, within(5.0));
        assertThat(ample).isCloseTo(cot, within(4.0));
        assertThat(tight).isLessThan(cot - 10);
    }

    @Test
    void guesses_a_letter_about_one_time_in_four_for_choice_questions_it_has_never_seen() {
        // given a model that knows none of 400 single-choice problems
        List<Problem> problems = SampleProblems.choices(400);
        SimulatedModel model = new SimulatedModel(Knowledge.of(List.of()), 42);

        // when
        double first = accuracy(problems, p -> SimulatedModelTest.ask(model, Prompts.cot(p)));
        double again = accuracy(problems, p -> SimulatedModelTest.ask(model, Prompts.cot(p)));

        // then
        assertThat(first).isBetween(15.0, 35.0).isEqualTo(again);
    }

    @Test
    void works_out_a_written_calculation_it_has_never_seen() {
        // given
        SimulatedModel model = new SimulatedModel(Knowledge.of(List.of()), 42);

        // when
        String reply = SimulatedModelTest.ask(model, Prompts.Family.GSM8K.cot("Calculate 37 * 12."));

        // then
        assertThat(reply).contains("37 * 12 = 444").endsWith("Answer: [[444]]");
    }

    @Test
    void gets_written_calculations_nearly_always_right_in_short_replies() {
        // given 300 known calculations
        List<Problem> problems = SampleProblems.calculations(300);
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        // when
        List<Integer> tokens = new ArrayList<>();
        double cot = accuracy(problems, p -> {
            String reply = SimulatedModelTest.ask(model, Prompts.cot(p));
            tokens.add(SimulatedModelTest.tokens(reply));
            return reply;
        });
        double direct = accuracy(problems, p -> SimulatedModelTest.ask(model, Prompts.direct(p)));

        // then
        double meanTokens = tokens.stream().mapToInt(Integer::intValue).average().orElseThrow();
        System.out.printf("[SIMULATED] 300 calculations: CoT %.1f tokens %.1f%%, direct %.1f%%%n", meanTokens, cot, direct);
        assertThat(cot).isGreaterThanOrEqualTo(90);
        assertThat(direct).isBetween(78.0, 95.0);
        assertThat(meanTokens).isLessThan(160);
    }

    @Test
    void restates_the_answer_a_question_states_and_is_nearly_always_right() {
        // given 300 known questions that state their own answer
        List<Problem> problems = SampleProblems.stated(300);
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        // when
        double cot = accuracy(problems, p -> SimulatedModelTest.ask(model, Prompts.cot(p)));
        String first = SimulatedModelTest.ask(model, Prompts.budgeted(problems.get(0), 40));

        // then
        assertThat(cot).isGreaterThanOrEqualTo(85);
        assertThat(first).contains("A farm keeps 6 cows.");
    }

    @Test
    void drafts_at_most_five_words_a_step_and_ends_with_the_answer_after_four_hashes() {
        // given
        List<Problem> problems = new ArrayList<>(SampleProblems.calculations(10));
        problems.addAll(SampleProblems.stated(10));
        problems.add(new Problem("known.jsonl", 1, "house", SampleProblems.HOUSE, SampleProblems.HOUSE_SOLUTION));
        problems.add(new Problem("known.jsonl", 2, "ducks", SampleProblems.DUCKS, SampleProblems.DUCKS_SOLUTION));
        problems.add(new Problem("known.jsonl", 3, "sprints", SampleProblems.SPRINTS, SampleProblems.SPRINTS_SOLUTION));
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        for (Problem p : problems) {
            // when
            String draft = SimulatedModelTest.ask(model, Prompts.CHAIN_OF_DRAFT, p.question());

            // then
            List<String> lines = List.of(draft.split("\n"));
            assertThat(lines.get(lines.size() - 1)).matches("#### -?[\\d.]+");
            for (String line : lines.subList(0, lines.size() - 1)) {
                // a calculation is one equation after a label of at most four words
                String words = line.contains("=") ? (line.contains(": ") ? line.substring(0, line.indexOf(": ")) + " =" : "=")
                        : line;
                assertThat(words.split("\\s+")).as("draft line '%s'", line).hasSizeLessThanOrEqualTo(5);
            }
        }
    }

    @Test
    void answers_directly_in_five_to_fifteen_tokens() {
        // given
        List<Problem> problems = new ArrayList<>(SampleProblems.calculations(20));
        problems.addAll(SampleProblems.stated(20));
        SimulatedModel model = new SimulatedModel(Knowledge.of(problems), 42);

        for (Problem p : problems) {
            // when
            String reply = SimulatedModelTest.ask(model, Prompts.direct(p));

            // then
            assertThat(reply).matches("(?s)(.*\n)?Answer: \\[\\[-?[\\d.]+]]");
            assertThat(SimulatedModelTest.tokens(reply)).isBetween(5, 15);
        }
    }

    /** Percent of right replies: the letter in brackets or after ####, else the number, against the reference. */
    private static double accuracy(List<Problem> problems, Function<Problem, String> ask) {
        int right = 0;
        for (Problem problem : problems) {
            String reply = ask.apply(problem);
            if (problem.isChoice()) {
                Matcher letter = LETTER.matcher(reply.strip());
                assertThat(letter.find()).as("a letter at the end of: %s", reply).isTrue();
                right += letter.group(1).equals(problem.answer()) ? 1 : 0;
            } else {
                right += CalibrationTest.sameNumber(CalibrationTest.extract(reply), problem.answer()) ? 1 : 0;
            }
        }
        return 100.0 * right / problems.size();
    }
}
