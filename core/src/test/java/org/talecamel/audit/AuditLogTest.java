package org.talecamel.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void should_have_a_row_in_the_file_as_soon_as_it_is_appended(@TempDir Path dir) throws Exception {
        // given an open audit
        AuditLog log = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));

        // when one row is appended, and the audit is not closed (as in a run that is killed)
        log.append(row("p1", "Answer: [[7]]"));

        // then both files already hold it
        assertThat(records(dir.resolve("audit.csv"))).extracting(r -> r.get("problem_id")).containsExactly("p1");
        assertThat(records(dir.resolve("daily/audit-2026-03-01.csv"))).extracting(r -> r.get("problem_id")).containsExactly("p1");
        log.close();
    }

    @Test
    void should_write_every_row_appended_by_many_threads_at_once_whole(@TempDir Path dir) throws Exception {
        // given an audit and 16 threads, as many as calls in flight
        AuditLog log = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));
        ExecutorService threads = Executors.newFixedThreadPool(16);

        // when each appends 500 rows, with text that needs quoting
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 16; t++) {
            int thread = t;
            done.add(threads.submit(() -> {
                for (int i = 0; i < 500; i++) {
                    log.append(row("t" + thread + "-" + i, "Step 1: \"3, then 4\"\nAnswer: [[7]]"));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        threads.shutdown();

        // then every row is in both files once, whole, even before the audit is closed
        for (Path file : List.of(dir.resolve("audit.csv"), dir.resolve("daily/audit-2026-03-01.csv"))) {
            List<CSVRecord> records = records(file);
            assertThat(records).hasSize(16 * 500);
            assertThat(records).extracting(r -> r.get("problem_id")).doesNotHaveDuplicates();
            assertThat(records).allSatisfy(r -> assertThat(r.get("response")).isEqualTo("Step 1: \"3, then 4\"\nAnswer: [[7]]"));
        }
        log.close();
    }

    private static AuditRow row(String id, String response) {
        return new AuditRow("r", NOW, "gsm.jsonl", 1, id, "gsm", "gpt-4o-mini", "cot", "answer", null, null, "m", 200, 100L, 90,
                50, "usage", "stop", new BigDecimal("0.00003"), "7", "7", true, "ok", null, response);
    }

    private static List<CSVRecord> records(Path file) throws Exception {
        try (Reader reader = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
    }
}
