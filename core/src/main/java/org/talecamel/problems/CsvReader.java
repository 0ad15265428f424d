package org.talecamel.problems;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads {@code .csv} with a header row naming the columns (question required; id, answer, choices, dataset, template
 * and language optional).
 * A malformed record (an unclosed quote, say) leaves the parser lost, so it is the last item.
 */
final class CsvReader extends ReadAheadStream {

    // blank lines are kept as records and skipped here, so the parser's line count stays the file's
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(false).get();
    private static final Pattern LOCATION_NOISE = Pattern.compile("^\\(startline \\d+\\)\\s*|\\s*at line: \\d+, position: \\d+$");

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ProblemFields fields;
    private final int columns;
    private final int id;
    private final int question;
    private final int answer;
    private final int choices;
    private final int dataset;
    private final int template;
    private final int language;

    private CsvReader(CSVParser parser, Iterator<CSVRecord> records, List<String> header, ProblemFields fields) {
        super(parser);
        this.parser = parser;
        this.records = records;
        this.fields = fields;
        this.columns = header.size();
        this.id = header.indexOf("id");
        this.question = header.indexOf("question");
        this.answer = header.indexOf("answer");
        this.choices = header.indexOf("choices");
        this.dataset = header.indexOf("dataset");
        this.template = header.indexOf("template");
        this.language = header.indexOf("language");
    }

    /** @param in the file's bytes after any byte order mark */
    static CsvReader open(InputStream in, ProblemFields fields) throws IOException, UnreadableFileException {
        // lenient decoding: a bad byte becomes U+FFFD inside one record, which ProblemFields rejects alone
        CSVParser parser = FORMAT.parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        Iterator<CSVRecord> records = parser.iterator();
        CSVRecord header = null;
        try {
            // hasNext() reads the next record, so it must not run once the header is found: the line count would run ahead
            while ((header == null || isBlank(header)) && records.hasNext()) {
                header = records.next();
            }
        } catch (UncheckedIOException e) {
            throw new UnreadableFileException(fields.sourceFile(), "CSV syntax error in the header: " + syntaxError(e));
        }
        List<String> names = header == null ? List.of() : header.stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        if (!names.contains("question")) {
            throw new UnreadableFileException(fields.sourceFile(), "the CSV header has no 'question' column (found "
                    + (header == null ? "no header" : "columns: " + String.join(", ", header.stream().map(String::trim).toList()))
                    + "); the first line must name the columns, e.g. id,question,answer");
        }
        return new CsvReader(parser, records, names, fields);
    }

    @Override
    ProblemInput readNext() {
        while (true) {
            long line = parser.getCurrentLineNumber() + 1;
            CSVRecord record;
            try {
                if (!records.hasNext()) {
                    return null;
                }
                record = records.next();
            } catch (UncheckedIOException e) {
                return endWith(fields.reject(line, "CSV syntax error: " + syntaxError(e) + "; the rest of the file could not be read"));
            }
            if (isBlank(record)) {
                continue;
            }
            if (record.size() != columns) {
                return fields.reject(line, "expected " + columns + " columns, found " + record.size());
            }
            return fields.fromText(line, valueAt(record, id), record.get(question), valueAt(record, answer),
                    valueAt(record, choices), valueAt(record, dataset), valueAt(record, template), valueAt(record, language));
        }
    }

    /** A CSV format error is the file's fault; any other failure is real I/O and goes on up. */
    private static String syntaxError(UncheckedIOException e) {
        if (!(e.getCause() instanceof CSVException)) {
            throw e;
        }
        return LOCATION_NOISE.matcher(e.getCause().getMessage()).replaceAll("");
    }

    private static String valueAt(CSVRecord record, int column) {
        return column < 0 ? null : record.get(column);
    }

    private static boolean isBlank(CSVRecord record) {
        return record.stream().allMatch(String::isBlank);
    }
}
