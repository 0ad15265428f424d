package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.problems.Problem;

class KnowledgeTest {

    private static final String LATE_QUESTION = "A farmer has 7 cows and buys 5 more. How many cows does he have?";
    private static final String LATE_SOLUTION = "He has 7+5=<<7+5=12>>12 cows.\n#### 12";

    @TempDir
    Path dir;

    @Test
    void knows_the_problems_of_the_files_in_its_directories() throws IOException {
        // given
        SampleProblems.writeKnown(dir);

        // when
        Knowledge knowledge = Knowledge.load(List.of(dir));

        // then
        assertThat(knowledge.size()).isEqualTo(3);
        assertThat(answerOf(knowledge, SampleProblems.DUCKS)).contains(SampleProblems.DUCKS_SOLUTION);
    }

    @Test
    void should_know_a_problem_from_the_moment_it_is_told_of_it() {
        // given: a model that has seen none of the problems of a file being read
        Knowledge knowledge = Knowledge.load(List.of(dir));
        Problem arriving = new Problem("arrival.jsonl", 1, "a-1", LATE_QUESTION, LATE_SOLUTION, List.of(), null);
        assertThat(knowledge.referenceOf(LATE_QUESTION)).isEmpty();

        // when: tale-camel reads the problem, before asking anything about it
        boolean learned = knowledge.learn(arriving);

        // then
        assertThat(learned).isTrue();
        assertThat(answerOf(knowledge, LATE_QUESTION)).contains(LATE_SOLUTION);
    }

    @Test
    void matches_a_question_whatever_its_spacing() throws IOException {
        // given
        SampleProblems.writeKnown(dir);
        Knowledge knowledge = Knowledge.load(List.of(dir));

        // when
        String respaced = "  " + SampleProblems.SPRINTS.replace("  ", " ").replace(". ", ".\n") + "\n";

        // then
        assertThat(answerOf(knowledge, respaced)).contains(SampleProblems.SPRINTS_SOLUTION);
    }

    @Test
    void skips_unusable_lines_and_files_that_are_no_problem_files() throws IOException {
        // given
        Files.writeString(dir.resolve("mixed.jsonl"),
                "{\"question\": \"" + LATE_QUESTION + "\", \"answer\": \"He has 12 cows.\\n#### 12\"}\n"
                + "not json at all\n");
        Files.writeString(dir.resolve("notes.txt"), "{\"question\": \"Q?\", \"answer\": \"#### 1\"}\n");

        // when
        Knowledge knowledge = Knowledge.load(List.of(dir, dir.resolve("not-there-yet")));

        // then
        assertThat(knowledge.size()).isEqualTo(1);
        assertThat(knowledge.referenceOf(LATE_QUESTION)).isPresent();
    }

    @Test
    void knows_a_single_choice_problem_by_its_question_without_the_options() {
        // given
        Problem problem = new Problem("mc.jsonl", 1, "mc-1", "Which number is prime?", "C", List.of("4", "6", "7", "9"), null);

        // when
        Knowledge knowledge = Knowledge.of(List.of(problem));

        // then
        assertThat(knowledge.referenceOf("Which number is prime?"))
                .contains(new Knowledge.Reference("C", List.of("4", "6", "7", "9")));
    }

    private static Optional<String> answerOf(Knowledge knowledge, String question) {
        return knowledge.referenceOf(question).map(Knowledge.Reference::answer);
    }
}
