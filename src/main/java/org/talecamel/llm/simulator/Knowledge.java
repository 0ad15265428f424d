package org.talecamel.llm.simulator;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 * problem), read from problem files. A single-choice problem is known by its question without the options.
 *
 * <p>Files dropped into a knowledge directory later are learned too: a question that is not known triggers a
 * rescan for new or changed files (by size and modification time). Only new or changed files are read, and
 * rescans are at most 100 ms apart, so a run full of unknown questions does not keep listing directories,
 * while a file that has just arrived in the inbox is learned before its first question is asked.
 */
public final class Knowledge {

    private static final Logger LOG = LoggerFactory.getLogger(Knowledge.class);
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final long RESCAN_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

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

    private record Stamp(long size, long modified) {
    }

    private final List<Path> sources;
    private final LongSupplier nanoClock;
    // Only the reference is kept per question; the question itself is the key.
    private final Map<String, Reference> references = new ConcurrentHashMap<>();
    private final Map<Path, Stamp> scanned = new HashMap<>(); // guarded by this
    private final Set<Path> reportedMissing = new HashSet<>(); // guarded by this
    private long lastScan;                                    // guarded by this

    Knowledge(List<Path> sources, LongSupplier nanoClock) {
        this.sources = List.copyOf(sources);
        this.nanoClock = nanoClock;
        synchronized (this) {
            scan();
        }
        if (!sources.isEmpty()) {
            LOG.info("[SIMULATED LLM] learned {} problems from {} files: the simulated model knows their solutions",
                    references.size(), scanned.size());
        }
    }

    /** Knows the given problems and nothing else: no files, so nothing is learned later. */
    public static Knowledge of(Collection<Problem> problems) {
        Knowledge knowledge = new Knowledge(List.of(), System::nanoTime);
        problems.forEach(knowledge::learn);
        LOG.info("[SIMULATED LLM] given {} problems: the simulated model knows their solutions", knowledge.size());
        return knowledge;
    }

    /** Reads every problem file in {@code sources} (files, or directories of .jsonl/.json/.csv files). */
    public static Knowledge load(List<Path> sources) {
        return new Knowledge(sources, System::nanoTime);
    }

    /** The reference of a question, looking for new problem files first if it is not known yet. */
    public Optional<Reference> referenceOf(String question) {
        String key = key(question);
        Reference known = references.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        synchronized (this) {
            // A caller that waited here while another scanned finds what that scan learned.
            known = references.get(key);
            if (known == null && nanoClock.getAsLong() - lastScan >= RESCAN_INTERVAL_NANOS) {
                scan();
                known = references.get(key);
            }
        }
        return Optional.ofNullable(known);
    }

    public int size() {
        return references.size();
    }

    /** Questions match whatever their line breaks and runs of spaces. */
    static String key(String question) {
        return SPACES.matcher(question).replaceAll(" ").strip();
    }

    private void scan() {
        lastScan = nanoClock.getAsLong();
        for (Path file : problemFiles()) {
            Stamp stamp = stampOf(file);
            if (stamp != null && !stamp.equals(scanned.get(file))) {
                scanned.put(file, stamp);
                int learned = learn(file);
                LOG.debug("[SIMULATED LLM] learned {} problems from {}", learned, file);
            }
        }
    }

    private List<Path> problemFiles() {
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
            } else if (reportedMissing.add(source)) {
                // Absent now, perhaps created later (an inbox); say so once.
                LOG.warn("[SIMULATED LLM] knowledge path {} does not exist (yet)", source);
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

    private static Stamp stampOf(Path file) {
        try {
            return new Stamp(Files.size(file), Files.getLastModifiedTime(file).toMillis());
        } catch (IOException e) {
            return null; // vanished between listing and reading
        }
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

    private boolean learn(Problem problem) {
        if (problem.question().isBlank() || problem.answer().isBlank()) {
            return false;
        }
        references.put(key(problem.question()), new Reference(problem.answer(), problem.choices()));
        return true;
    }
}
