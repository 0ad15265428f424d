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
import org.apache.commons.csv.CSVFormat;

/**
 * Writes audit rows to the run's {@code audit.csv} and appends them to the day's {@code audit/audit-YYYY-MM-DD.csv}
 * (UTC date of each row). Every row is flushed to the operating system as it is written (not forced to disk), so a
 * killed run leaves a readable audit with every finished call.
 */
public final class AuditLog implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final Writer runCsv;
    private final Path dailyDirectory;
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
            run.write(format(AuditRow.COLUMNS.toArray()));
            return new AuditLog(run, dailyDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit at " + runAudit + ": " + e.getMessage(), e);
        }
    }

    /** Formats the row once, outside the lock, and writes it to both files. */
    public void append(AuditRow row) {
        String record = format(row.cells().toArray());
        LocalDate date = row.timestamp().atZone(ZoneOffset.UTC).toLocalDate();
        synchronized (this) {
            try {
                runCsv.write(record);
                runCsv.flush();
                Writer daily = dailyFor(date);
                daily.write(record);
                daily.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot append to the audit: " + e.getMessage(), e);
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

    private static String format(Object[] cells) {
        StringBuilder record = new StringBuilder(512);
        try {
            FORMAT.printRecord(record, cells);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // appending to a StringBuilder does not fail
        }
        return record.toString();
    }

    private Writer dailyFor(LocalDate date) throws IOException {
        if (!date.equals(dailyDate)) {
            if (dailyCsv != null) {
                dailyCsv.close();
            }
            Path file = dailyDirectory.resolve("audit-" + date + ".csv");
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            dailyCsv = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                dailyCsv.write(format(AuditRow.COLUMNS.toArray()));
            }
            dailyDate = date;
        }
        return dailyCsv;
    }

    @Override
    public synchronized void close() {
        try {
            runCsv.close();
            if (dailyCsv != null) {
                dailyCsv.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the audit: " + e.getMessage(), e);
        }
    }
}
