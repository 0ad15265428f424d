package org.talecamel.plan;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.talecamel.llm.ContextWindow;
import org.talecamel.problems.Problem;
import org.talecamel.problems.ProblemFiles;
import org.talecamel.problems.ProblemInput;
import org.talecamel.problems.ProblemStream;
import org.talecamel.problems.Rejection;
import org.talecamel.problems.UnreadableFileException;
import org.talecamel.run.InputFile;
import org.talecamel.suite.Staging;

/**
 * The files a run would read, read as it reads them (the project's readers, the context check), without sending
 * anything: the problems, the rejected lines with their reasons, and the files it could not read at all.
 */
public final class PlanInputs {

    private PlanInputs() {
    }

    /**
     * Reads the named files, and the problem files of named folders (sorted, hidden ones left out, as staged).
     *
     * @throws IllegalArgumentException for a file that does not exist, or two files of one name, as a run refuses them
     */
    public static List<PlannedFile> read(List<Path> files, ContextWindow context) {
        List<Path> sources = Staging.sources(files);
        Set<String> names = new HashSet<>();
        List<PlannedFile> planned = new ArrayList<>();
        for (Path source : sources) {
            String name = source.getFileName().toString();
            if (!names.add(name)) {
                throw new IllegalArgumentException("two problem files are named " + name
                        + ": rename one (the report names files by their name)");
            }
            planned.add(readOne(source, name, context));
        }
        return List.copyOf(planned);
    }

    /** The files a folder holds as the inbox sees them: regular files not starting with a dot, by name. */
    public static List<Path> filesIn(Path folder) {
        return Files.isDirectory(folder) ? Staging.sources(List.of(folder)) : List.of();
    }

    private static PlannedFile readOne(Path file, String name, ContextWindow context) {
        String sha256 = InputFile.scan(file, name).sha256();
        List<Problem> problems = new ArrayList<>();
        List<Rejection> rejections = new ArrayList<>();
        try (ProblemStream stream = ProblemFiles.open(file, name)) {
            while (stream.hasNext()) {
                ProblemInput item = stream.next();
                if (item instanceof Problem problem) {
                    String tooLong = context.tooLong(problem.question());
                    if (tooLong == null) {
                        problems.add(problem);
                    } else {
                        rejections.add(new Rejection(problem.sourceFile(), problem.line(), tooLong));
                    }
                } else {
                    rejections.add((Rejection) item);
                }
            }
        } catch (UnreadableFileException e) {
            return new PlannedFile(name, sha256, List.of(), List.of(), e.reason());
        } catch (UncheckedIOException e) {
            return new PlannedFile(name, sha256, List.of(), List.of(), "I/O error: " + e.getCause().getMessage());
        }
        return new PlannedFile(name, sha256, problems, rejections, null);
    }
}
