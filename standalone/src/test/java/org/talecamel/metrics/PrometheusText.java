package org.talecamel.metrics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A strict parser of the Prometheus text exposition format 0.0.4, for tests: what a Prometheus server would refuse,
 * this refuses with the line number and the reason. It checks each line against the format's grammar
 * ({@code # HELP name text}, {@code # TYPE name type}, {@code name{label="value",...} value [timestamp]}, label value
 * escapes, Go float syntax), and each family's shape: one HELP and one TYPE before its samples, its samples together,
 * sample names that fit its type, no series twice, and histograms whose buckets end at {@code le="+Inf"}, never
 * decrease and agree with {@code _count}.
 */
public final class PrometheusText {

    /** One metric family: its type, help text and samples in order. */
    public record Family(String name, String type, String help, List<Sample> samples) {
    }

    /** One sample line. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    private final Map<String, Family> families;

    private PrometheusText(Map<String, Family> families) {
        this.families = families;
    }

    public Map<String, Family> families() {
        return families;
    }

    public Family family(String name) {
        Family family = families.get(name);
        if (family == null) {
            throw new AssertionError("no metric family " + name + " in " + families.keySet());
        }
        return family;
    }

    /** Every sample of every family. */
    public List<Sample> samples() {
        return families.values().stream().flatMap(f -> f.samples().stream()).toList();
    }

    /** The sum of the samples named {@code name} whose labels pass {@code labels}. */
    public double sum(String name, Predicate<Map<String, String>> labels) {
        return samples().stream().filter(s -> s.name().equals(name) && labels.test(s.labels()))
                .mapToDouble(Sample::value).sum();
    }

    public double sum(String name) {
        return sum(name, labels -> true);
    }

    /** Parses an exposition, or throws {@link IllegalArgumentException} naming the first line that breaks the format. */
    public static PrometheusText parse(String text) {
        Map<String, Family> families = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        Map<String, String> helps = new LinkedHashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> series = new HashSet<>();
        String current = null;
        String[] lines = text.split("\n", -1);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new IllegalArgumentException("the exposition does not end with a line feed");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            try {
                if (line.isEmpty()) {
                    continue;
                }
                if (line.contains("\r")) {
                    throw new IllegalArgumentException("carriage return in a line");
                }
                if (line.startsWith("#")) {
                    String[] descriptor = descriptor(line);
                    if (descriptor == null) {
                        continue; // a plain comment
                    }
                    String keyword = descriptor[0];
                    String name = descriptor[1];
                    if (!name.equals(current)) {
                        enter(name, current, closed);
                        current = name;
                    }
                    if (families.containsKey(name)) {
                        throw new IllegalArgumentException(keyword + " for " + name + " after its samples");
                    }
                    Map<String, String> seen = keyword.equals("TYPE") ? types : helps;
                    if (seen.putIfAbsent(name, descriptor[2]) != null) {
                        throw new IllegalArgumentException("a second " + keyword + " for " + name);
                    }
                    continue;
                }
                Sample sample = new LineParser(line).sample();
                String family = familyOf(sample.name(), types);
                if (!family.equals(current)) {
                    enter(family, current, closed);
                    current = family;
                }
                String type = types.getOrDefault(family, "untyped");
                checkName(sample, family, type);
                if (!series.add(sample.name() + new TreeMap<>(sample.labels()))) {
                    throw new IllegalArgumentException("series " + sample.name() + sample.labels() + " appears twice");
                }
                families.computeIfAbsent(family, f -> new Family(f, type, helps.get(f), new ArrayList<>()))
                        .samples().add(sample);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + number + ": " + e.getMessage() + ": " + line, e);
            }
        }
        for (String described : types.keySet()) {
            if (!families.containsKey(described)) {
                families.put(described, new Family(described, types.get(described), helps.get(described), List.of()));
            }
        }
        families.values().stream().filter(f -> f.type().equals("histogram")).forEach(PrometheusText::checkHistogram);
        return new PrometheusText(families);
    }

    /** {@code [keyword, name, text]} for a HELP or TYPE line, null for another comment. */
    private static String[] descriptor(String line) {
        if (!line.startsWith("# HELP ") && !line.startsWith("# TYPE ")) {
            return null;
        }
        String keyword = line.substring(2, 6);
        String rest = line.substring(7);
        int space = rest.indexOf(' ');
        String name = space < 0 ? rest : rest.substring(0, space);
        String text = space < 0 ? "" : rest.substring(space + 1);
        if (!isMetricName(name)) {
            throw new IllegalArgumentException("invalid metric name '" + name + "'");
        }
        if (keyword.equals("TYPE") && !TYPES.contains(text)) {
            throw new IllegalArgumentException("unknown type '" + text + "'");
        }
        if (keyword.equals("HELP")) {
            text = unescape(text, false);
        }
        return new String[] {keyword, name, text};
    }

    private static void enter(String family, String previous, Set<String> closed) {
        if (previous != null) {
            closed.add(previous);
        }
        if (closed.contains(family)) {
            throw new IllegalArgumentException("the lines of " + family + " are not together");
        }
    }

    /** The family a sample belongs to: a histogram's or summary's by suffix, else its own name. */
    private static String familyOf(String sample, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_sum", "_count", "_created", "_total")) {
            if (sample.endsWith(suffix)) {
                String base = sample.substring(0, sample.length() - suffix.length());
                String type = types.get(base);
                if (type != null && !types.containsKey(sample)) {
                    return base;
                }
            }
        }
        return sample;
    }

    private static void checkName(Sample sample, String family, String type) {
        String suffix = sample.name().substring(family.length());
        boolean fits = switch (type) {
            case "histogram" -> List.of("_bucket", "_sum", "_count", "_created").contains(suffix);
            case "summary" -> List.of("", "_sum", "_count", "_created").contains(suffix);
            case "counter" -> List.of("", "_total", "_created").contains(suffix);
            default -> suffix.isEmpty();
        };
        if (!fits) {
            throw new IllegalArgumentException("sample " + sample.name() + " does not fit " + type + " " + family);
        }
        if (suffix.equals("_bucket") && !sample.labels().containsKey("le")) {
            throw new IllegalArgumentException("bucket without an le label");
        }
        if (type.equals("summary") && suffix.isEmpty() && !sample.labels().containsKey("quantile")) {
            throw new IllegalArgumentException("summary quantile without a quantile label");
        }
    }

    private static void checkHistogram(Family family) {
        Map<Map<String, String>, List<Sample>> buckets = new LinkedHashMap<>();
        Map<Map<String, String>, Double> counts = new LinkedHashMap<>();
        for (Sample sample : family.samples()) {
            Map<String, String> labels = new TreeMap<>(sample.labels());
            if (sample.name().endsWith("_bucket")) {
                labels.remove("le");
                buckets.computeIfAbsent(labels, l -> new ArrayList<>()).add(sample);
            } else if (sample.name().endsWith("_count")) {
                counts.put(labels, sample.value());
            }
        }
        buckets.forEach((labels, list) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : list) {
                double bound = parseFloat(bucket.labels().get("le"));
                if (bound <= previousBound) {
                    throw new IllegalArgumentException(family.name() + labels + ": bucket bounds not increasing at le="
                            + bucket.labels().get("le"));
                }
                if (bucket.value() < previousCount) {
                    throw new IllegalArgumentException(family.name() + labels + ": bucket counts decrease at le="
                            + bucket.labels().get("le"));
                }
                previousBound = bound;
                previousCount = bucket.value();
            }
            if (previousBound != Double.POSITIVE_INFINITY) {
                throw new IllegalArgumentException(family.name() + labels + ": no le=\"+Inf\" bucket");
            }
            Double count = counts.get(labels);
            if (count == null || count != previousCount) {
                throw new IllegalArgumentException(family.name() + labels + ": _count " + count
                        + " is not the +Inf bucket's " + previousCount);
            }
        });
    }

    static boolean isMetricName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
            if (!letter && !(i > 0 && c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    static boolean isLabelName(String name) {
        return isMetricName(name) && !name.contains(":");
    }

    /** A Go {@code ParseFloat} number as Prometheus writes and reads it: decimal, exponent, NaN, ±Inf. */
    static double parseFloat(String text) {
        if (text.equals("NaN")) {
            return Double.NaN;
        }
        if (text.equals("+Inf") || text.equals("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        if (text.equals("-Inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("invalid number '" + text + "'");
        }
        return Double.parseDouble(text);
    }

    /** Undoes the format's escapes: {@code \\} and {@code \n}, and in label values also {@code \"}. */
    private static String unescape(String text, boolean quotes) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i + 1 >= text.length()) {
                throw new IllegalArgumentException("a lone backslash at the end");
            }
            char next = text.charAt(++i);
            switch (next) {
                case '\\' -> out.append('\\');
                case 'n' -> out.append('\n');
                case '"' -> {
                    if (!quotes) {
                        throw new IllegalArgumentException("escaped quote outside a label value");
                    }
                    out.append('"');
                }
                default -> throw new IllegalArgumentException("invalid escape \\" + next);
            }
        }
        return out.toString();
    }

    /** One sample line, character by character. */
    private static final class LineParser {
        private final String line;
        private int at;

        LineParser(String line) {
            this.line = line;
        }

        Sample sample() {
            String name = token(c -> c != '{' && c != ' ' && c != '\t');
            if (!isMetricName(name)) {
                throw new IllegalArgumentException("invalid metric name '" + name + "'");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
                at++;
                labels(labels);
            }
            blanks(true);
            double value = parseFloat(token(c -> c != ' ' && c != '\t'));
            if (at < line.length()) {
                blanks(true);
                String timestamp = token(c -> c != ' ' && c != '\t');
                if (!timestamp.matches("-?\\d{1,19}")) {
                    throw new IllegalArgumentException("invalid timestamp '" + timestamp + "'");
                }
                blanks(false);
                if (at < line.length()) {
                    throw new IllegalArgumentException("unexpected text after the timestamp");
                }
            }
            return new Sample(name, labels, value);
        }

        private void labels(Map<String, String> labels) {
            while (true) {
                blanks(false);
                if (peek() == '}') {
                    at++;
                    return;
                }
                String label = token(c -> c != '=' && c != ' ' && c != '\t' && c != '}' && c != ',');
                if (!isLabelName(label)) {
                    throw new IllegalArgumentException("invalid label name '" + label + "'");
                }
                blanks(false);
                expect('=');
                blanks(false);
                expect('"');
                StringBuilder raw = new StringBuilder();
                while (true) {
                    if (at >= line.length()) {
                        throw new IllegalArgumentException("unterminated label value");
                    }
                    char c = line.charAt(at++);
                    if (c == '"') {
                        break;
                    }
                    raw.append(c);
                    if (c == '\\') {
                        if (at >= line.length()) {
                            throw new IllegalArgumentException("unterminated label value");
                        }
                        raw.append(line.charAt(at++));
                    }
                }
                if (labels.put(label, unescape(raw.toString(), true)) != null) {
                    throw new IllegalArgumentException("label " + label + " given twice");
                }
                blanks(false);
                char next = peek();
                if (next == ',') {
                    at++;
                } else if (next != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' after label " + label);
                }
            }
        }

        private String token(Predicate<Character> part) {
            int start = at;
            while (at < line.length() && part.test(line.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw new IllegalArgumentException("expected a token at column " + (at + 1));
            }
            return line.substring(start, at);
        }

        private void blanks(boolean required) {
            int start = at;
            while (at < line.length() && (line.charAt(at) == ' ' || line.charAt(at) == '\t')) {
                at++;
            }
            if (required && start == at) {
                throw new IllegalArgumentException("expected a blank at column " + (at + 1));
            }
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at column " + (at + 1));
            }
            at++;
        }

        private char peek() {
            return at < line.length() ? line.charAt(at) : '\0';
        }
    }
}
