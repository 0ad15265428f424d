package org.talecamel.problems;

import com.carrotsearch.hppc.LongIntHashMap;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/** Turns the fields of one item (a JSON object or a CSV record) into a {@link Problem}, or says why it cannot. */
final class ProblemFields {

    static final int MAX_CHOICES = 26;
    private static final String NOT_A_LIST = "field 'choices' must be a list of option texts";
    private static final String CSV_SEPARATOR = " | ";
    private static final ObjectReader STRICT_JSON = Json.MAPPER.readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final String sourceFile;
    private final String defaultIdPrefix;
    private long lastDefaultIdLine = -1;
    private int sameLineCount;
    /** Each id of the file so far, as a 64-bit hash, with the line it came first on: a million ids take ~25 MB. */
    private final LongIntHashMap firstLineOfId = new LongIntHashMap();

    ProblemFields(String sourceFile) {
        this.sourceFile = sourceFile;
        this.defaultIdPrefix = Problem.datasetOf(sourceFile);
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
        for (String field : new String[] {"template", "language"}) {
            JsonNode value = item.path(field);
            if (!value.isTextual() && !isAbsent(value)) {
                return reject(line, "field '" + field + "' must be a string, found " + Json.kindOf(value.asToken()));
            }
        }
        for (String field : new String[] {"id", "answer", "dataset"}) {
            JsonNode value = item.path(field);
            if (!value.isTextual() && !value.isNumber() && !isAbsent(value)) {
                return reject(line, "field '" + field + "' must be a string or a number, found " + Json.kindOf(value.asToken()));
            }
        }
        try {
            return problem(line, textOf(item.path("id")), question.textValue(), textOf(item.path("answer")),
                    choicesOf(item.path("choices")), textOf(item.path("dataset")), textOf(item.path("template")),
                    textOf(item.path("language")));
        } catch (Invalid e) {
            return reject(line, e.getMessage());
        }
    }

    /**
     * A CSV record's cells, each null when the file has no such column. {@code choices} holds a JSON array
     * ({@code ["12","15"]}) or options separated by {@code " | "}; blank means an open problem.
     */
    ProblemInput fromText(long line, String id, String question, String answer, String choices, String dataset,
                          String template, String language) {
        try {
            return problem(line, id, question, answer, choicesOf(choices), dataset, template, language);
        } catch (Invalid e) {
            return reject(line, e.getMessage());
        }
    }

    Rejection reject(long line, String reason) {
        return new Rejection(sourceFile, line, reason);
    }

    private ProblemInput problem(long line, String id, String question, String answer, List<String> choices,
                                 String dataset, String templateName, String languageName) throws Invalid {
        if (question == null || question.isBlank()) {
            return reject(line, "missing field 'question'");
        }
        // CSV and JSON array files are decoded leniently so one bad byte does not end the file: it shows up as U+FFFD
        if (Stream.concat(Stream.of(id, question, answer, dataset, templateName, languageName), choices.stream())
                .anyMatch(text -> text != null && text.indexOf('\uFFFD') >= 0)) {
            return reject(line, "invalid UTF-8");
        }
        Template template = isBlank(templateName) ? Template.defaultFor(choices) : Template.of(templateName)
                .orElseThrow(() -> unknown("template", Template.ids(), templateName));
        Language language = isBlank(languageName) ? Language.EN : Language.of(languageName)
                .orElseThrow(() -> unknown("language", Language.ids(), languageName));
        String misfit = template.misfit(language, !choices.isEmpty());
        if (misfit != null) {
            return reject(line, misfit);
        }
        if (!choices.isEmpty()) {
            checkCount(choices);
            answer = choiceLetter(answer, choices.size());
        }
        String problemId = isBlank(id) ? defaultId(line) : id.trim();
        long idHash = hash64(problemId);
        int first = firstLineOfId.getOrDefault(idHash, 0);
        if (first != 0) {
            return reject(line, "duplicate id '" + problemId + "': line " + first + " has it already");
        }
        firstLineOfId.put(idHash, (int) Math.min(line, Integer.MAX_VALUE));
        return new Problem(sourceFile, line, problemId, question.trim(), answer == null ? "" : answer, choices, dataset,
                template, language);
    }

    private static Invalid unknown(String field, String known, String found) {
        return new Invalid("field '" + field + "' must be one of " + known + ", found '" + found.strip() + "'");
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }

    /** FNV-1a over the id's characters; two ids of a million-problem file share a hash with odds of about 3e-8. */
    private static long hash64(String id) {
        long hash = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            hash = (hash ^ id.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    /** An empty list or an absent field is an open problem, not a broken single-choice one. */
    private static List<String> choicesOf(JsonNode value) throws Invalid {
        if (isAbsent(value)) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new Invalid(NOT_A_LIST);
        }
        List<String> options = new ArrayList<>();
        for (JsonNode option : value) {
            if (!option.isTextual() && !option.isNumber()) {
                throw new Invalid(NOT_A_LIST);
            }
            options.add(option.asText());
        }
        return options(options);
    }

    /** JSON array text first; a cell that only looks like one ({@code [0, 1] | (0, 1)}) is read as separated options. */
    private static List<String> choicesOf(String cell) throws Invalid {
        if (cell == null || cell.isBlank()) {
            return List.of();
        }
        String text = cell.strip();
        if (text.startsWith("[")) {
            try {
                return choicesOf(STRICT_JSON.readTree(text));
            } catch (JsonProcessingException notJson) {
                if (!text.contains(CSV_SEPARATOR)) {
                    throw new Invalid("column 'choices' must hold a JSON array of option texts or options separated by '"
                            + CSV_SEPARATOR + "'");
                }
            }
        }
        return options(Arrays.asList(text.split(" \\| ", -1)));
    }

    private static List<String> options(List<String> texts) throws Invalid {
        List<String> options = new ArrayList<>();
        for (String text : texts) {
            if (text.isBlank()) {
                throw new Invalid("option " + letter(options.size()) + " of field 'choices' is empty");
            }
            options.add(text.strip());
        }
        return options;
    }

    private static void checkCount(List<String> choices) throws Invalid {
        if (choices.size() < 2) {
            throw new Invalid("a single-choice problem needs at least 2 choices");
        }
        if (choices.size() > MAX_CHOICES) {
            throw new Invalid("a single-choice problem has at most " + MAX_CHOICES + " choices (A-Z), found " + choices.size());
        }
    }

    /** The answer of a single-choice problem as an upper-case letter within its options; no answer stays empty. */
    private static String choiceLetter(String answer, int choices) throws Invalid {
        if (answer == null || answer.isBlank()) {
            return "";
        }
        String letter = answer.strip().toUpperCase(Locale.ROOT);
        if (letter.length() != 1 || letter.charAt(0) < 'A' || letter.charAt(0) >= 'A' + choices) {
            throw new Invalid("answer '" + answer.strip() + "' is not one of the choices A-" + letter(choices - 1));
        }
        return letter;
    }

    private static char letter(int index) {
        return (char) ('A' + index);
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

    /** Why a field cannot be used; caught within this class and turned into a {@link Rejection}. */
    private static final class Invalid extends Exception {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
