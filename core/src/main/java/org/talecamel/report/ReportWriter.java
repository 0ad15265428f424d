package org.talecamel.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.RunSummary;

/** Writes {@code report.md}, {@code report.html} and {@code summary.json} into a run's folder. */
public final class ReportWriter {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);

    private ReportWriter() {
    }

    /** Returns the files written, the Markdown report first. */
    /** @param comparison the "compared with the previous run" tables, empty for a suite's first run */
    public static List<Path> write(RunSummary run, List<GateVerdict> gates, List<Table> comparison, Path directory) {
        try {
            Files.createDirectories(directory);
            Path markdown = Files.writeString(directory.resolve("report.md"), MarkdownReport.render(run, gates, comparison), StandardCharsets.UTF_8);
            Path html = Files.writeString(directory.resolve("report.html"), HtmlReport.render(run, gates, comparison, Charts.of(run)), StandardCharsets.UTF_8);
            Path json = directory.resolve("summary.json");
            ObjectNode summary = JSON.valueToTree(run);
            summary.set("gates", JSON.valueToTree(gates));
            JSON.writeValue(json.toFile(), summary);
            return List.of(markdown, html, json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + directory + ": " + e.getMessage(), e);
        }
    }
}
