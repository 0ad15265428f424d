package org.talecamel.llm.simulator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.talecamel.problems.Problem;
import org.talecamel.problems.ProblemFiles;
import org.talecamel.problems.ProblemInput;
import org.talecamel.problems.ProblemStream;
import org.talecamel.problems.UnreadableFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The problems the simulated model "has seen": question → reference answer (and options, for a single-choice
 * problem). It starts with the problem files it is given ({@code tale.simulator.knowledge}: the samples), and learns
 * each problem tale-camel reads as tale-camel reads it, before its first question is asked, whatever way the problem
 * arrived (inbox, files named on the command line, a suite, an upload). A single-choice problem is known by its
 * question without the options.
 */
public final class Knowledge {

    private static final Logger LOG = LoggerFactory.getLogger(Knowledge.class);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /**
     * What a problem file says about a question.
     *
     * @param answer  as the file gave it: a worked solution ending in {@code #### N}, a value, or a choice letter
     * @param choices the options of a single-choice problem, A first; empty for any other problem
     */
    public record Reference(String answer, List<String> choices) {

        public Reference {
            choices = List.copyOf(choices);
        }
    }

    // Only the reference is kept per question; the question itself is the key.
    private final Map<String, Reference> references = new ConcurrentHashMap<>();

    private Knowledge() {
    }

    /** Knows the given problems, and those it learns later. */
    public static Knowledge of(Collection<Problem> problems) {
        Knowledge knowledge = new Knowledge();
        problems.forEach(knowledge::learn);
        LOG.info("[SIMULATED LLM] given {} problems: the simulated model knows their solutions", knowledge.size());
        return knowledge;
    }

    /** Reads every problem file in {@code sources} (files, or directories of .jsonl/.json/.csv files), once. */
    public static Knowledge load(List<Path> sources) {
        Knowledge knowledge = new Knowledge();
        List<Path> files = problemFiles(sources);
        for (Path file : files) {
            int learned = knowledge.learn(file);
            LOG.debug("[SIMULATED LLM] learned {} problems from {}", learned, file);
        }
        if (!sources.isEmpty()) {
            LOG.info("[SIMULATED LLM] learned {} problems from {} files: the simulated model knows their solutions",
                    knowledge.size(), files.size());
        }
        return knowledge;
    }

    /** The reference of a question, if the model has seen it. */
    public Optional<Reference> referenceOf(String question) {
        return Optional.ofNullable(references.get(key(question)));
    }

    /**
     * The model has seen this problem from now on.
     *
     * @return false for a problem without a question or an answer, which teaches nothing
     */
    public boolean learn(Problem problem) {
        if (problem.question().isBlank() || problem.answer().isBlank()) {
            return false;
        }
        references.put(key(problem.question()), new Reference(problem.answer(), problem.choices()));
        return true;
    }

    public int size() {
        return references.size();
    }

    /** Questions match whatever their line breaks and runs of spaces. */
    static String key(String question) {
        return SPACES.matcher(question).replaceAll(" ").strip();
    }

    private static List<Path> problemFiles(List<Path> sources) {
        List<Path> files = new ArrayList<>();
        for (Path source : sources) {
            if (Files.isDirectory(source)) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(source, Knowledge::isProblemFile)) {
                    entries.forEach(files::add);
                } catch (IOException e) {
                    LOG.warn("[SIMULATED LLM] cannot list knowledge directory {}: {}", source, e.getMessage());
                }
            } else if (Files.isRegularFile(source)) {
                files.add(source);
            } else {
                LOG.warn("[SIMULATED LLM] knowledge path {} does not exist (tale.simulator.knowledge)", source);
            }
        }
        return files;
    }

    // Hidden files are skipped: writers often use them for files still being written.
    private static boolean isProblemFile(Path path) {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.startsWith(".") && (name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".csv"))
                && Files.isRegularFile(path);
    }

    private int learn(Path file) {
        int learned = 0;
        try (ProblemStream problems = ProblemFiles.open(file)) {
            while (problems.hasNext()) {
                ProblemInput input = problems.next();
                if (input instanceof Problem problem && learn(problem)) {
                    learned++;
                }
            }
        } catch (UnreadableFileException e) {
            LOG.warn("[SIMULATED LLM] cannot learn from {}: {}", file, e.reason());
        } catch (RuntimeException e) {
            LOG.warn("[SIMULATED LLM] stopped learning from {} after {} problems: {}", file, learned, e.getMessage());
        }
        return learned;
    }
}
