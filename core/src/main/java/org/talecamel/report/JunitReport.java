package org.talecamel.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.Measures;
import org.talecamel.run.RunEnding;

/**
 * {@code junit.xml} for Jenkins' junit step, from a run's audit: one testsuite per data set and method
 * ({@code suite.dataset.method}; in a run of several models, per model too: {@code suite.model.dataset.method}, the
 * model's dots written as {@code _}, as Jenkins reads a dot as a package separator), one testcase per problem named by its id; a wrong answer is a failure giving
 * expected, extracted, budget and tokens, a failed call an error. Rejected input lines are errors of
 * {@code suite.input}, each quality gate is a testcase of {@code suite.gates}, and a run that stopped before it
 * completed is an error of {@code suite.run}. Search steps, elasticity sweeps
 * and estimates are measurements, not verdicts: they are in the report, not here.
 * The audit is streamed: each testsuite's testcases go to a temporary file, so memory stays flat.
 */
public final class JunitReport {

    private static final int RESPONSE_CHARS = 2_000;

    private JunitReport() {
    }

    /**
     * @param ending   a stopped run is an error of {@code suite.run} naming why, so that no build passes on a run that
     *                 did not complete, whatever its answers
     * @param measures the scoring and preset the verdicts were made with: each testsuite's properties
     */
    public static Path write(Path auditCsv, String suite, String runId, RunEnding ending, List<GateVerdict> gates,
                             Measures measures, Path output) {
        return write(auditCsv, suite, runId, ending, gates, measures, false, null, false, output);
    }

    /**
     * @param perModel  true for a run of several models: each has its own testsuites
     * @param endpoint  what answered, as the reports say it: each testsuite's {@code tale.endpoint} property; null
     *                  for none
     * @param simulated the built-in simulator answered: the testsuites' name says SIMULATED, as the reports do
     */
    public static Path write(Path auditCsv, String suite, String runId, RunEnding ending, List<GateVerdict> gates,
                             Measures measures, boolean perModel, String endpoint, boolean simulated, Path output) {
        Map<String, SuiteFile> suites = new LinkedHashMap<>();
        try {
            Path work = Files.createTempDirectory(output.toAbsolutePath().getParent(), ".junit");
            try {
                if (!ending.completed()) {
                    suiteFile(suites, suite + ".run", work).add(runId, 0, failure("error", "RunStopped",
                            "the run did not complete: " + ending.describe(), null), false, true);
                }
                try (Reader reader = Files.newBufferedReader(auditCsv, StandardCharsets.UTF_8)) {
                    for (CSVRecord row : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                        testcase(row, suite, perModel, suites, work);
                    }
                }
                if (!gates.isEmpty()) {
                    SuiteFile gateSuite = suiteFile(suites, suite + ".gates", work);
                    for (GateVerdict gate : gates) {
                        gateSuite.add(gate.name(), 0, gate.passed() ? null
                                : failure("failure", "QualityGate", gate.message() + " (measured " + gate.measured()
                                        + ", limit " + gate.limit() + ")", null), !gate.passed(), false);
                    }
                }
                Path temp = output.resolveSibling(output.getFileName() + ".tmp");
                try (Writer xml = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
                    long tests = suites.values().stream().mapToLong(s -> s.tests).sum();
                    long failures = suites.values().stream().mapToLong(s -> s.failures).sum();
                    long errors = suites.values().stream().mapToLong(s -> s.errors).sum();
                    double time = suites.values().stream().mapToDouble(s -> s.seconds).sum();
                    xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\""
                            + attr("tale-camel " + suite + " " + runId + (simulated ? ", SIMULATED endpoint" : ""))
                            + "\" tests=\"" + tests + "\" failures=\""
                            + failures + "\" errors=\"" + errors + "\" time=\"" + seconds(time) + "\">\n");
                    for (SuiteFile s : suites.values()) {
                        s.close();
                        xml.write("  <testsuite name=\"" + attr(s.name) + "\" tests=\"" + s.tests + "\" failures=\""
                                + s.failures + "\" errors=\"" + s.errors + "\" skipped=\"0\" time=\"" + seconds(s.seconds)
                                + "\">\n");
                        xml.write("    <properties>\n      <property name=\"tale.scoring\" value=\""
                                + attr(measures.scoring().id()) + "\"/>\n      <property name=\"tale.preset\" value=\""
                                + attr(measures.presetId()) + "\"/>\n"
                                + (endpoint == null ? "" : "      <property name=\"tale.endpoint\" value=\""
                                        + attr(endpoint) + "\"/>\n")
                                + "    </properties>\n");
                        try (Reader cases = Files.newBufferedReader(s.file, StandardCharsets.UTF_8)) {
                            cases.transferTo(xml);
                        }
                        xml.write("  </testsuite>\n");
                    }
                    xml.write("</testsuites>\n");
                }
                return Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                for (SuiteFile s : suites.values()) {
                    s.close();
                    Files.deleteIfExists(s.file);
                }
                Files.deleteIfExists(work);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private static void testcase(CSVRecord row, String suite, boolean perModel, Map<String, SuiteFile> suites, Path work)
            throws IOException {
        String outcome = row.get("outcome");
        if (outcome.equals("rejected")) {
            String where = row.get("source_file") + (row.get("line").isEmpty() ? "" : ":" + row.get("line"));
            suiteFile(suites, suite + ".input", work).add(where, 0,
                    failure("error", "RejectedInput", where + ": " + row.get("error"), null), false, true);
            return;
        }
        if (!row.get("phase").equals("answer") || outcome.equals("retry")) {
            return; // a retried attempt is not the problem's answer: the row after it is
        }
        String model = perModel && row.isMapped("asked_model") ? row.get("asked_model").replace('.', '_') + "." : "";
        SuiteFile s = suiteFile(suites, suite + "." + model + row.get("dataset") + "." + row.get("method"), work);
        double time = row.get("latency_ms").isEmpty() ? 0 : Long.parseLong(row.get("latency_ms")) / 1000.0;
        if (outcome.equals("error")) {
            s.add(row.get("problem_id"), time, failure("error", "EndpointError", row.get("error"), null), false, true);
        } else if (!Boolean.parseBoolean(row.get("correct"))) {
            String message = "expected " + row.get("expected") + ", extracted "
                    + (row.get("extracted").isEmpty() ? "nothing" : row.get("extracted"))
                    + (row.get("budget").isEmpty() ? "" : ", budget " + row.get("budget"))
                    + ", " + row.get("completion_tokens") + " output tokens";
            String response = row.get("response");
            if (response.length() > RESPONSE_CHARS) {
                response = response.substring(0, RESPONSE_CHARS) + "…";
            }
            s.add(row.get("problem_id"), time, failure("failure", "WrongAnswer", message, response), true, false);
        } else {
            s.add(row.get("problem_id"), time, null, false, false);
        }
    }

    private static String failure(String element, String type, String message, String text) {
        return "<" + element + " type=\"" + type + "\" message=\"" + attr(message) + "\">"
                + (text == null ? "" : text(text)) + "</" + element + ">";
    }

    private static SuiteFile suiteFile(Map<String, SuiteFile> suites, String name, Path work) throws IOException {
        SuiteFile s = suites.get(name);
        if (s == null) {
            s = new SuiteFile(name, Files.createTempFile(work, "suite", ".xml"));
            suites.put(name, s);
        }
        return s;
    }

    private static String seconds(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** Text content: escaped, and stripped of the characters XML 1.0 forbids (model output can hold anything). */
    static String text(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                out.append(c).append(value.charAt(++i));
            } else if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)) {
                switch (c) {
                    case '<' -> out.append("&lt;");
                    case '>' -> out.append("&gt;");
                    case '&' -> out.append("&amp;");
                    default -> out.append(c);
                }
            }
        }
        return out.toString();
    }

    static String attr(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
    }

    /** One testsuite's testcases, written as they come. */
    private static final class SuiteFile {
        final String name;
        final Path file;
        final BufferedWriter out;
        long tests;
        long failures;
        long errors;
        double seconds;
        boolean closed;

        SuiteFile(String name, Path file) throws IOException {
            this.name = name;
            this.file = file;
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }

        void add(String testName, double time, String verdict, boolean failure, boolean error) throws IOException {
            tests++;
            failures += failure ? 1 : 0;
            errors += error ? 1 : 0;
            seconds += time;
            out.write("    <testcase classname=\"" + attr(name) + "\" name=\"" + attr(testName) + "\" time=\""
                    + seconds(time) + "\"" + (verdict == null ? "/>\n" : ">" + verdict + "</testcase>\n"));
        }

        void close() throws IOException {
            if (!closed) {
                out.close();
                closed = true;
            }
        }
    }
}
