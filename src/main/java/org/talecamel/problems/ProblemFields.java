package org.talecamel.problems;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;

/** Turns the fields of one item (a JSON object or a CSV record) into a {@link Problem}, or says why it cannot. */
final class ProblemFields {

    private final String sourceFile;
    private final String defaultIdPrefix;
    private long lastDefaultIdLine = -1;
    private int sameLineCount;

    ProblemFields(String sourceFile) {
        this.sourceFile = sourceFile;
        int dot = sourceFile.lastIndexOf('.');
        this.defaultIdPrefix = dot > 0 ? sourceFile.substring(0, dot) : sourceFile;
    }

    String sourceFile() {
        return sourceFile;
    }

    ProblemInput fromJson(long line, JsonNode item) {
        if (!item.isObject()) {
            return reject(line, "expected a JSON object, found " + Json.kindOf(item.asToken()));
        }
        JsonNode question = item.path("question");
        if (!question.isTextual() && !isAbsent(question)) {
            return reject(line, "field 'question' must be a string, found " + Json.kindOf(question.asToken()));
        }
        for (String field : new String[] {"id", "answer"}) {
            JsonNode value = item.path(field);
            if (!value.isTextual() && !value.isNumber() && !isAbsent(value)) {
                return reject(line, "field '" + field + "' must be a string or a number, found " + Json.kindOf(value.asToken()));
            }
        }
        return fromText(line, textOf(item.path("id")), question.textValue(), textOf(item.path("answer")));
    }

    /** Each of id, question and answer is null when the item does not have that field. */
    ProblemInput fromText(long line, String id, String question, String answer) {
        if (question == null || question.isBlank()) {
            return reject(line, "missing field 'question'");
        }
        // CSV and JSON array files are decoded leniently so one bad byte does not end the file: it shows up as U+FFFD
        if (Stream.of(id, question, answer).anyMatch(text -> text != null && text.indexOf('\uFFFD') >= 0)) {
            return reject(line, "invalid UTF-8");
        }
        String problemId = id == null || id.isBlank() ? defaultId(line) : id.trim();
        return new Problem(sourceFile, line, problemId, question.trim(), answer == null ? "" : answer);
    }

    Rejection reject(long line, String reason) {
        return new Rejection(sourceFile, line, reason);
    }

    /** "gsm8k-style-L12"; elements of a JSON array written on one line get "-L1", "-L1-2", "-L1-3"... so ids stay apart. */
    private String defaultId(long line) {
        sameLineCount = line == lastDefaultIdLine ? sameLineCount + 1 : 1;
        lastDefaultIdLine = line;
        return defaultIdPrefix + "-L" + line + (sameLineCount > 1 ? "-" + sameLineCount : "");
    }

    private static boolean isAbsent(JsonNode value) {
        return value.isMissingNode() || value.isNull();
    }

    /** Numbers as Jackson writes them: 48.0 stays "48.0" and 7 stays "7", so the answer reads as the file wrote it. */
    private static String textOf(JsonNode value) {
        return value.isTextual() || value.isNumber() ? value.asText() : null;
    }
}
