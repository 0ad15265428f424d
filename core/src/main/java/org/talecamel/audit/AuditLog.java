package org.talecamel.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.csv.CSVFormat;

/**
 * Writes audit rows to the run's {@code audit.csv} and appends them to the day's {@code audit/audit-YYYY-MM-DD.csv}
 * (UTC date of each row). Rows are flushed to the operating system as they are written (not forced to disk), so a
 * killed run leaves a readable audit with every finished call but those still in flight.
 * <p>
 * Calls finish on many threads at once, and none of them waits for another's write: a row goes into a queue, and
 * whichever thread holds the files writes every queued row, then flushes. A row that arrives while another thread
 * writes is written by that thread before it lets go, within the same moment.
 */
public final class AuditLog implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Writer runCsv;
    private final Path dailyDirectory;
    private final Queue<AuditRow> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock files = new ReentrantLock();
    private LocalDate dailyDate;
    private Writer dailyCsv;

    private AuditLog(Writer runCsv, Path dailyDirectory) {
        this.runCsv = runCsv;
        this.dailyDirectory = dailyDirectory;
    }

    /** Creates {@code runAudit} (with its header) and appends daily rows under {@code dailyDirectory}. */
    public static AuditLog open(Path runAudit, Path dailyDirectory) {
        try {
            Files.createDirectories(runAudit.toAbsolutePath().getParent());
            Files.createDirectories(dailyDirectory);
            Writer run = Files.newBufferedWriter(runAudit, StandardCharsets.UTF_8);
            FORMAT.printRecord(run, AuditRow.COLUMNS.toArray());
            return new AuditLog(run, dailyDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit at " + runAudit + ": " + e.getMessage(), e);
        }
    }

    /** Writes the row, or leaves it to the thread writing now, which writes it before it lets go of the files. */
    public void append(AuditRow row) {
        queued.add(row);
        while (!queued.isEmpty() && files.tryLock()) {
            try {
                writeQueued();
            } finally {
                files.unlock();
            }
        }
    }

    /** How many calls an audit file records and what they cost, e.g. "412 calls, $0.0123": a run's earlier part. */
    public static String describe(Path csv) throws IOException {
        long calls = 0;
        java.math.BigDecimal cost = java.math.BigDecimal.ZERO;
        try (var reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             var records = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true)
                     .get().parse(reader)) {
            for (var record : records) {
                if (!record.isConsistent()) {
                    continue; // the last row, cut off by the kill
                }
                String outcome = record.get("outcome");
                if (outcome.equals("rejected") || outcome.equals("not-attempted") || outcome.equals("cached")) {
                    continue;
                }
                calls++;
                if (!record.get("cost_usd").isEmpty()) {
                    cost = cost.add(new java.math.BigDecimal(record.get("cost_usd")));
                }
            }
        }
        return calls + " calls, $" + cost.stripTrailingZeros().toPlainString();
    }

    private void writeQueued() {
        try {
            boolean wrote = false;
            for (AuditRow row = queued.poll(); row != null; row = queued.poll()) {
                Object[] cells = row.cells().toArray();
                FORMAT.printRecord(runCsv, cells);
                FORMAT.printRecord(dailyFor(row.timestamp().atZone(ZoneOffset.UTC).toLocalDate()), cells);
                wrote = true;
            }
            if (wrote) {
                runCsv.flush();
                dailyCsv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit: " + e.getMessage(), e);
        }
    }

    private Writer dailyFor(LocalDate date) throws IOException {
        if (!date.equals(dailyDate)) {
            if (dailyCsv != null) {
                dailyCsv.close();
            }
            Path file = dailyFile(date);
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            dailyCsv = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                FORMAT.printRecord(dailyCsv, AuditRow.COLUMNS.toArray());
            }
            dailyDate = date;
        }
        return dailyCsv;
    }

    /**
     * The day's audit: {@code audit-<date>.csv}, or {@code audit-<date>-2.csv} and so on when a file of the day has
     * other columns (written by an earlier version the same day), so that no file mixes two headers.
     */
    private Path dailyFile(LocalDate date) throws IOException {
        String header = String.join(",", AuditRow.COLUMNS);
        for (int n = 1; ; n++) {
            Path file = dailyDirectory.resolve("audit-" + date + (n == 1 ? "" : "-" + n) + ".csv");
            if (!Files.exists(file) || Files.size(file) == 0) {
                return file;
            }
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                if (header.equals(reader.readLine())) {
                    return file;
                }
            }
        }
    }

    @Override
    public void close() {
        files.lock();
        try {
            writeQueued();
            runCsv.close();
            if (dailyCsv != null) {
                dailyCsv.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit: " + e.getMessage(), e);
        } finally {
            files.unlock();
        }
    }
}
