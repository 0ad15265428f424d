package org.talecamel.audit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes audit rows to the run's {@code audit.csv} and appends them to the day's {@code audit/audit-YYYY-MM-DD.csv}
 * (UTC date of each row). Every row is flushed as it is written, so a killed run leaves a readable audit.
 */
public final class AuditLog implements AutoCloseable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();

    private final CSVPrinter runCsv;
    private final Path dailyDirectory;
    private LocalDate dailyDate;
    private CSVPrinter dailyCsv;

    private AuditLog(CSVPrinter runCsv, Path dailyDirectory) {
        this.runCsv = runCsv;
        this.dailyDirectory = dailyDirectory;
    }

    /** Creates {@code runAudit} (with its header) and appends daily rows under {@code dailyDirectory}. */
    public static AuditLog open(Path runAudit, Path dailyDirectory) {
        try {
            Files.createDirectories(runAudit.toAbsolutePath().getParent());
            Files.createDirectories(dailyDirectory);
            CSVPrinter run = new CSVPrinter(Files.newBufferedWriter(runAudit, StandardCharsets.UTF_8), FORMAT);
            run.printRecord(AuditRow.COLUMNS);
            return new AuditLog(run, dailyDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit at " + runAudit + ": " + e.getMessage(), e);
        }
    }

    public synchronized void append(AuditRow row) {
        try {
            runCsv.printRecord(row.cells());
            runCsv.flush();
            CSVPrinter daily = dailyFor(row.timestamp().atZone(ZoneOffset.UTC).toLocalDate());
            daily.printRecord(row.cells());
            daily.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the audit: " + e.getMessage(), e);
        }
    }

    private CSVPrinter dailyFor(LocalDate date) throws IOException {
        if (!date.equals(dailyDate)) {
            if (dailyCsv != null) {
                dailyCsv.close();
            }
            Path file = dailyDirectory.resolve("audit-" + date + ".csv");
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            dailyCsv = new CSVPrinter(writer, FORMAT);
            if (fresh) {
                dailyCsv.printRecord(AuditRow.COLUMNS);
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
