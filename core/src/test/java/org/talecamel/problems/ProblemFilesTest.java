package org.talecamel.problems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.talecamel.problems.TestFiles.BOM;
import static org.talecamel.problems.TestFiles.concat;
import static org.talecamel.problems.TestFiles.readAll;
import static org.talecamel.problems.TestFiles.utf8;
import static org.talecamel.problems.TestFiles.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProblemFilesTest {

    @TempDir
    Path dir;

    @Test
    void should_end_a_stream_when_asked_to_stop_but_still_give_the_item_it_promised() throws Exception {
        // given
        Path file = write(dir, "a.jsonl", "{\"question\": \"1?\"}\n{\"question\": \"2?\"}\n{\"question\": \"3?\"}\n");
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        try (ProblemStream stream = ProblemFiles.open(file, "a.jsonl").endingWhen(stop::get)) {
            // when: asked to stop after one item was taken and a second promised
            stream.next();
            assertThat(stream.hasNext()).isTrue();
            stop.set(true);

            // then: the promised item comes (Camel's split waits for what it sent only then), and nothing after it
            assertThat(stream.hasNext()).isTrue();
            assertThat(((Problem) stream.next()).question()).isEqualTo("2?");
            assertThat(stream.hasNext()).isFalse();
        }
    }

    @Test
    void should_choose_the_reader_by_extension_whatever_its_case() throws Exception {
        // given
        Path lines = write(dir, "a.JSONL", "{\"question\": \"What is 1 + 1?\"}\n");
        Path ndjson = write(dir, "b.NdJson", "{\"question\": \"What is 1 + 1?\"}\n");
        Path array = write(dir, "c.Json", "[{\"question\": \"What is 1 + 1?\"}]\n");
        Path csv = write(dir, "d.CSV", "question\nWhat is 1 + 1?\n");

        // when
        List<ProblemInput> items = List.of(readAll(lines).get(0), readAll(ndjson).get(0), readAll(array).get(0), readAll(csv).get(0));

        // then
        assertThat(items).containsExactly(
                new Problem("a.JSONL", 1, "a-L1", "What is 1 + 1?", ""),
                new Problem("b.NdJson", 1, "b-L1", "What is 1 + 1?", ""),
                new Problem("c.Json", 1, "c-L1", "What is 1 + 1?", ""),
                new Problem("d.CSV", 2, "d-L2", "What is 1 + 1?", ""));
    }

    @Test
    void should_read_the_template_and_language_alike_in_every_format() throws Exception {
        // given
        Path lines = write(dir, "a.jsonl", "{\"question\": \"计算 8 + 9。\", \"template\": \"cloze\", \"language\": \"zh\"}\n");
        Path array = write(dir, "b.json", "[{\"question\": \"计算 8 + 9。\", \"template\": \"cloze\", \"language\": \"zh\"}]\n");
        Path csv = write(dir, "c.csv", "question,template,language\n计算 8 + 9。,cloze,zh\n");

        // when
        List<ProblemInput> items = List.of(readAll(lines).get(0), readAll(array).get(0), readAll(csv).get(0));

        // then
        assertThat(items).allSatisfy(item -> assertThat(item).isInstanceOfSatisfying(Problem.class, problem -> {
            assertThat(problem.template()).isEqualTo(Template.CLOZE);
            assertThat(problem.language()).isEqualTo(Language.ZH);
        }));
    }

    @Test
    void should_name_the_source_file_without_its_folder() throws Exception {
        // given
        Path file = write(Files.createDirectories(dir.resolve("inbox/monday")), "set.jsonl", "{\"question\": \"What is 1 + 1?\"}\n");

        // when
        List<ProblemInput> items = readAll(file);

        // then
        assertThat(items).extracting(ProblemInput::sourceFile).containsExactly("set.jsonl");
    }

    @Test
    void should_refuse_an_unsupported_file_type() throws Exception {
        // given
        Path file = write(dir, "notes.txt", "What is 1 + 1?\n");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.sourceFile()).isEqualTo("notes.txt");
        assertThat(failure.reason()).isEqualTo("unsupported file type '.txt': use .jsonl, .json or .csv");
    }

    @Test
    void should_refuse_an_empty_file() throws Exception {
        // given
        Path file = write(dir, "empty.jsonl", "");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).isEqualTo("the file is empty (0 bytes)");
    }

    @Test
    void should_refuse_a_file_holding_only_a_byte_order_mark_and_whitespace() throws Exception {
        // given
        Path file = write(dir, "blank.csv", concat(BOM, utf8(" \r\n\t\n" + " ".repeat(20_000) + "\n")));

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).isEqualTo("the file is empty (only whitespace)");
    }

    @Test
    void should_refuse_a_binary_file() throws Exception {
        // given
        Path file = write(dir, "problems.json", new byte[] {0x1F, (byte) 0x8B, 0x08, 0x00, 0x00, 0x00});

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).startsWith("binary content (a NUL byte at offset 3)");
    }

    @Test
    void should_refuse_a_json_file_that_does_not_hold_an_array() throws Exception {
        // given
        Path file = write(dir, "single.json", "{\"question\": \"What is 1 + 1?\"}\n");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).isEqualTo(
                "a .json file must hold a JSON array of problems, found an object (for one JSON object per line, name the file .jsonl)");
    }

    @Test
    void should_refuse_a_json_file_that_is_not_json() throws Exception {
        // given
        Path file = write(dir, "prose.json", "\nWhat is 1 + 1?\n");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).startsWith("invalid JSON at line 2: Unrecognized token 'What'").doesNotContain("Source");
    }

    @Test
    void should_refuse_a_csv_file_without_a_question_column_and_say_which_columns_it_found() throws Exception {
        // given
        Path file = write(dir, "wrong-header.csv", "id, text ,answer\nq1,What is 1 + 1?,2\n");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.reason()).isEqualTo(
                "the CSV header has no 'question' column (found columns: id, text, answer); the first line must name the columns, e.g. id,question,answer");
    }

    @Test
    void should_refuse_a_file_that_does_not_exist() {
        // given
        Path file = dir.resolve("gone.jsonl");

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(file));

        // then
        assertThat(failure.getMessage()).isEqualTo("gone.jsonl: file not found");
    }

    @Test
    void should_refuse_a_file_that_cannot_be_read() throws Exception {
        // given
        Path folder = Files.createDirectory(dir.resolve("looks-like-a-file.jsonl"));

        // when
        UnreadableFileException failure = catchThrowableOfType(UnreadableFileException.class, () -> ProblemFiles.open(folder));

        // then
        assertThat(failure.reason()).startsWith("I/O error: ");
    }
}
