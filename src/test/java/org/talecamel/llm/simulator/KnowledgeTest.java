package org.talecamel.llm.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.problems.Problem;

class KnowledgeTest {

    private static final String LATE_QUESTION = "A farmer has 7 cows and buys 5 more. How many cows does he have?";
    private static final String LATE_SOLUTION = "He has 7+5=<<7+5=12>>12 cows.\n#### 12";

    @TempDir
    Path dir;

    // The rescan throttle reads this clock, so a test moves time on instead of sleeping.
    private final AtomicLong nanos = new AtomicLong(TimeUnit.HOURS.toNanos(1));

    @Test
    void knows_the_problems_of_the_files_in_its_directories() throws IOException {
        // given
        SampleProblems.writeKnown(dir);

        // when
        Knowledge knowledge = new Knowledge(List.of(dir), nanos::get);

        // then
        assertThat(knowledge.size()).isEqualTo(3);
        assertThat(answerOf(knowledge, SampleProblems.DUCKS)).contains(SampleProblems.DUCKS_SOLUTION);
    }

    @Test
    void learns_a_file_dropped_into_a_knowledge_directory_after_start() throws IOException {
        // given
        Knowledge knowledge = new Knowledge(List.of(dir), nanos::get);
        SampleProblems.write(dir.resolve("inbox-arrival.jsonl"),
                List.of(Map.of("question", LATE_QUESTION, "answer", LATE_SOLUTION)));

        // when
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

        // then
        assertThat(answerOf(knowledge, LATE_QUESTION)).contains(LATE_SOLUTION);
    }

    @Test
    void looks_for_new_files_at_most_every_100_ms() throws IOException {
        // given a miss that has just made it look
        Knowledge knowledge = new Knowledge(List.of(dir), nanos::get);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));
        assertThat(knowledge.referenceOf("an unknown question")).isEmpty();
        SampleProblems.write(dir.resolve("arrival.jsonl"),
                List.of(Map.of("question", LATE_QUESTION, "answer", LATE_SOLUTION)));

        // when 50 ms later, and then 100 ms after that
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(50));
        boolean knownAtOnce = knowledge.referenceOf(LATE_QUESTION).isPresent();
        nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(100));
        boolean knownLater = knowledge.referenceOf(LATE_QUESTION).isPresent();

        // then
        assertThat(knownAtOnce).isFalse();
        assertThat(knownLater).isTrue();
    }

    @Test
    void learns_a_file_again_when_it_grows() throws IOException {
        // given
        Path file = SampleProblems.writeKnown(dir);
        Knowledge knowledge = new Knowledge(List.of(file), nanos::get);

        // when
        Files.writeString(file, "{\"question\": \"" + LATE_QUESTION + "\", \"answer\": \"He has 12 cows.\\n#### 12\"}\n",
                java.nio.file.StandardOpenOption.APPEND);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(2));

        // then
        assertThat(knowledge.referenceOf(LATE_QUESTION)).isPresent();
    }

    @Test
    void matches_a_question_whatever_its_spacing() throws IOException {
        // given
        SampleProblems.writeKnown(dir);
        Knowledge knowledge = new Knowledge(List.of(dir), nanos::get);

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
        Knowledge knowledge = new Knowledge(List.of(dir, dir.resolve("not-there-yet")), nanos::get);

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
