package org.talecamel.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingTest {

    @TempDir
    Path dir;

    @Test
    void should_remove_the_run_s_staging_folder_with_what_the_inbox_route_left_in_it() throws Exception {
        // given: a staged file that the inbox route has read and moved to done/
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"question\":\"q\",\"answer\":\"1\"}\n");
        Path inbox = Staging.stage(List.of(file), dir.resolve("staging"));
        Files.move(inbox.resolve("a.jsonl"), Files.createDirectories(inbox.resolveSibling("done")).resolve("a.jsonl"));

        // when
        boolean removed = Staging.remove(inbox);

        // then: the run's folder is gone, the staging root and the original stay
        assertThat(removed).isTrue();
        assertThat(inbox.getParent()).doesNotExist();
        assertThat(dir.resolve("staging")).isEmptyDirectory();
        assertThat(file).exists();
    }

    @Test
    void should_leave_nothing_staged_when_staging_is_refused() throws Exception {
        // given: two files of the same name
        Path one = Files.writeString(Files.createDirectories(dir.resolve("one")).resolve("a.jsonl"), "{}\n");
        Path two = Files.writeString(Files.createDirectories(dir.resolve("two")).resolve("a.jsonl"), "{}\n");

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> Staging.stage(List.of(one, two), dir.resolve("staging")))
                .withMessageContaining("two problem files are named a.jsonl");
        assertThat(dir.resolve("staging")).isEmptyDirectory();
    }

    @Test
    void should_leave_alone_a_folder_that_is_no_staged_inbox() throws Exception {
        // given: an inbox of the user's, in a folder that is no run's staging folder
        Path inbox = Files.createDirectories(dir.resolve("project/inbox"));
        Files.writeString(inbox.resolve("a.jsonl"), "{}\n");

        // when
        Staging.remove(inbox);

        // then
        assertThat(inbox.resolve("a.jsonl")).exists();
    }
}
