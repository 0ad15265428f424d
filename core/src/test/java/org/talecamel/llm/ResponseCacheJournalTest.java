package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The response cache's journal: what one process writes, the next one (or another one meanwhile) finds. */
class ResponseCacheJournalTest {

    private static final String RUN = "20261202-010000-000-ab12";

    private static final String URL = "http://127.0.0.1:8000/v1/chat/completions";

    @Test
    void should_give_a_later_process_every_response_exactly_as_received(@TempDir Path folder) throws IOException {
        // given responses with line ends, quotes, non-ASCII text, and one longer than the reading chunks
        String multiline = "{\n  \"choices\": [{\"message\": {\"content\": \"Step 1\\nAnswer: [[7]]\"}}]\n}\n";
        String unicode = "{\"content\":\"Zoë paid 12 € — “quoted” \\\\ backslash\"}";
        String longOne = "{\"content\":\"" + "x".repeat(200_000) + "\"}";
        ResponseCache first = new ResponseCache(folder, URL);
        String a = first.key("a");
        String b = first.key("b");
        String c = first.key("c");
        first.put(a, RUN, multiline);
        first.put(b, RUN, longOne);
        first.put(c, RUN, unicode);
        first.close();

        // when a new process opens the cache
        ResponseCache second = new ResponseCache(folder, URL);

        // then it finds each response byte for byte, and nothing for a request never answered
        assertThat(second.get(a).map(ResponseCache.Entry::response)).contains(multiline);
        assertThat(second.get(b).map(ResponseCache.Entry::response)).contains(longOne);
        assertThat(second.get(c).map(ResponseCache.Entry::response)).contains(unicode);
        assertThat(second.get(second.key("never asked"))).isEmpty();
        // in one journal of one JSON object per line
        List<Path> journals = journals(folder);
        assertThat(journals).singleElement().satisfies(j -> assertThat(j.getFileName().toString())
                .matches("responses-\\d{8}-\\d{6}-\\d+\\.jsonl"));
        List<String> lines = Files.readAllLines(journals.get(0));
        assertThat(lines).hasSize(3);
        assertThat(new ObjectMapper().readTree(lines.get(0)).get("response").asText()).isEqualTo(multiline);
        second.close();
    }

    @Test
    void should_find_the_simulator_s_answers_after_a_restart_on_another_port(@TempDir Path folder) {
        // given: the simulator answered on one port; a real endpoint's answers are keyed by its host and port
        ResponseCache before = ResponseCache.ofSimulator(folder);
        before.put(before.key("{\"q\":1}"), RUN, "{\"n\":1}");
        before.close();

        // when the process starts again (the simulator on another port)
        ResponseCache after = ResponseCache.ofSimulator(folder);

        // then the resumed run finds it; an endpoint that moved to another port does not share its answers
        assertThat(after.get(after.key("{\"q\":1}")).map(ResponseCache.Entry::response)).contains("{\"n\":1}");
        assertThat(new ResponseCache(folder, "http://127.0.0.1:4000/v1/chat/completions").key("{\"q\":1}"))
                .isNotEqualTo(new ResponseCache(folder, "http://127.0.0.1:4001/v1/chat/completions").key("{\"q\":1}"))
                .isNotEqualTo(after.key("{\"q\":1}"));
        after.close();
    }

    @Test
    void should_keep_with_each_answer_the_run_that_asked_for_it_and_when(@TempDir Path folder) throws Exception {
        // given an entry of this version, one answered in a batch, and one line written before entries named their run
        ResponseCache first = new ResponseCache(folder, URL);
        String mine = first.key("mine");
        String batched = first.key("batched");
        String older = first.key("older");
        java.time.Instant before = java.time.Instant.now();
        first.put(mine, RUN, "{\"n\":1}");
        first.put(batched, RUN, "{\"n\":2}", true);
        first.close();
        Files.writeString(folder.resolve("responses-20260101-000000-1.jsonl"),
                "{\"key\":\"" + older + "\",\"response\":\"{}\"}\n");

        // when
        ResponseCache second = new ResponseCache(folder, URL);

        // then
        assertThat(second.get(mine)).hasValueSatisfying(entry -> {
            assertThat(entry.runId()).isEqualTo(RUN);
            assertThat(entry.storedAt()).isBetween(before.minusMillis(1), java.time.Instant.now());
            assertThat(entry.inABatch()).isFalse();
        });
        assertThat(second.get(batched)).hasValueSatisfying(entry -> {
            assertThat(entry.response()).isEqualTo("{\"n\":2}");
            assertThat(entry.inABatch()).isTrue();
        });
        assertThat(second.get(older)).hasValueSatisfying(entry -> {
            assertThat(entry.runId()).isNull();
            assertThat(entry.storedAt()).isNull();
            assertThat(entry.inABatch()).isFalse();
        });
        second.close();
    }

    @Test
    void should_find_every_entry_with_lookups_made_while_the_index_loads_in_the_background(@TempDir Path folder) {
        ResponseCache first = new ResponseCache(folder, URL);
        List<String> keys = java.util.stream.IntStream.range(0, 2_000).mapToObj(i -> first.key("q" + i)).toList();
        keys.forEach(key -> first.put(key, RUN, "{\"q\":\"" + key + "\"}"));
        first.close();

        ResponseCache second = new ResponseCache(folder, URL, Duration.ofHours(1));
        second.loadInBackground();

        // lookups made meanwhile wait for the load or make it themselves; none misses (a miss would pay again)
        assertThat(keys).allSatisfy(key -> assertThat(second.get(key).map(ResponseCache.Entry::response)).contains("{\"q\":\"" + key + "\"}"));
        second.close();
    }

    @Test
    void should_skip_a_last_line_cut_short_and_write_after_it_elsewhere(@TempDir Path folder) throws IOException {
        // given a journal whose last line lost its end (the machine lost power while it was written)
        ResponseCache first = new ResponseCache(folder, URL);
        String whole = first.key("whole");
        String cut = first.key("cut");
        first.put(whole, RUN, "{\"n\":1}");
        first.put(cut, RUN, "{\"n\":2}");
        first.close();
        Path journal = journals(folder).get(0);
        try (FileChannel channel = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            channel.truncate(Files.size(journal) - 5);
        }

        // when the next process reads it and answers the lost request again
        ResponseCache second = new ResponseCache(folder, URL);
        assertThat(second.get(whole).map(ResponseCache.Entry::response)).contains("{\"n\":1}");
        assertThat(second.get(cut)).isEmpty();
        second.put(cut, RUN, "{\"n\":3}");
        second.close();

        // then the new answer went into a journal of its own, and a third process finds both
        assertThat(journals(folder)).hasSize(2);
        ResponseCache third = new ResponseCache(folder, URL);
        assertThat(third.get(whole).map(ResponseCache.Entry::response)).contains("{\"n\":1}");
        assertThat(third.get(cut).map(ResponseCache.Entry::response)).contains("{\"n\":3}");
        third.close();
    }

    @Test
    void should_find_what_another_process_writes_meanwhile_after_a_refresh(@TempDir Path folder) {
        ResponseCache refreshing = new ResponseCache(folder, URL, Duration.ZERO);
        ResponseCache notYet = new ResponseCache(folder, URL, Duration.ofHours(1));
        ResponseCache other = new ResponseCache(folder, URL);
        String key = other.key("asked by the other process");
        // both have read the (empty) cache before the other process answers
        assertThat(refreshing.get(key)).isEmpty();
        assertThat(notYet.get(key)).isEmpty();

        other.put(key, RUN, "{\"n\":4}");

        assertThat(refreshing.get(key).map(ResponseCache.Entry::response)).contains("{\"n\":4}");
        assertThat(notYet.get(key)).isEmpty(); // within its refresh interval: it looks again later
        List.of(refreshing, notYet, other).forEach(ResponseCache::close);
    }

    @Test
    void should_tell_apart_keys_that_share_their_first_64_bits(@TempDir Path folder) {
        ResponseCache cache = new ResponseCache(folder, URL);
        String stored = "0123456789abcdef" + "0".repeat(48);
        String sameStart = "0123456789abcdef" + "f".repeat(48);
        cache.put(stored, RUN, "{\"n\":5}");

        assertThat(cache.get(stored).map(ResponseCache.Entry::response)).contains("{\"n\":5}");
        assertThat(cache.get(sameStart)).isEmpty();
        cache.close();
    }

    @Test
    void should_write_nothing_until_a_response_is_stored(@TempDir Path root) {
        Path folder = root.resolve("cache");
        ResponseCache cache = new ResponseCache(folder, URL);

        assertThat(cache.get(cache.key("x"))).isEmpty();

        assertThat(folder).doesNotExist();
        cache.close();
    }

    @Test
    void should_let_the_answer_through_when_the_cache_cannot_be_written(@TempDir Path root) throws IOException {
        // given a cache folder that cannot be made: a file is in its way
        Path folder = Files.writeString(root.resolve("cache"), "not a folder");
        ResponseCache cache = new ResponseCache(folder, URL);
        String key = cache.key("asked");

        // when an answer is stored, twice: then nothing is thrown at the call, and there is simply no entry
        assertThatCode(() -> cache.put(key, RUN, "{\"n\":6}")).doesNotThrowAnyException();
        assertThatCode(() -> cache.put(key, RUN, "{\"n\":6}")).doesNotThrowAnyException();
        assertThat(cache.get(key)).isEmpty();
        cache.close();
    }

    @Test
    void should_keep_the_key_of_the_same_request_to_another_endpoint_apart() {
        ResponseCache here = new ResponseCache(Path.of("unused"), URL);
        ResponseCache there = new ResponseCache(Path.of("unused"), "http://10.0.0.1:8000/v1/chat/completions");

        assertThat(here.key("{\"model\":\"m\"}")).hasSize(64).isEqualTo(here.key("{\"model\":\"m\"}"))
                .isNotEqualTo(there.key("{\"model\":\"m\"}")).isNotEqualTo(here.key("{\"model\":\"n\"}"));
    }

    private static List<Path> journals(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
