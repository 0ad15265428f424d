package org.talecamel.batchapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.talecamel.run.BatchStatus;

/**
 * A run's batches on disk, in {@code batches/} of its run folder: {@code batch-N.json} (the ids and status), and
 * {@code batch-N.input.jsonl} (the requests as uploaded), {@code batch-N.output.jsonl} and
 * {@code batch-N.errors.jsonl} (the provider's files, as downloaded).
 */
public final class BatchFolder {

    private static final Pattern RECORD = Pattern.compile("batch-(\\d+)\\.json");
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path folder;

    BatchFolder(Path runDirectory) {
        this.folder = runDirectory.resolve("batches");
    }

    /**
     * The batches of the run in this folder as last polled, by number; none when it has sent none, or when its
     * records cannot be read (what is shown of a run, not what resumes it).
     */
    public static List<BatchStatus> statuses(Path runDirectory) {
        try {
            return new BatchFolder(runDirectory).load().stream().map(BatchRecord::view).toList();
        } catch (UncheckedIOException e) {
            return List.of();
        }
    }

    /** The run's batches, by number; none when it has sent none. */
    List<BatchRecord> load() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<BatchRecord> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Matcher name = RECORD.matcher(file.getFileName().toString());
                if (name.matches()) {
                    records.add(JSON.readValue(file.toFile(), BatchRecord.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the batches of " + folder.getParent() + ": " + e.getMessage(), e);
        }
        records.sort(Comparator.comparingInt(BatchRecord::number));
        return records;
    }

    /** Writes a batch's record whole, or not at all. */
    void save(BatchRecord record) {
        Path target = folder.resolve("batch-" + record.number() + ".json");
        try {
            Files.createDirectories(folder);
            Path temporary = folder.resolve("batch-" + record.number() + ".json.tmp");
            JSON.writeValue(temporary.toFile(), record);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Writes a batch's input, one request a line; returns its size in bytes. */
    long writeInput(int number, Collection<String> lines) {
        Path input = input(number);
        try {
            Files.createDirectories(folder);
            Files.write(input, lines, StandardCharsets.UTF_8);
            return Files.size(input);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + input + ": " + e.getMessage(), e);
        }
    }

    Path input(int number) {
        return folder.resolve("batch-" + number + ".input.jsonl");
    }

    Path output(int number) {
        return folder.resolve("batch-" + number + ".output.jsonl");
    }

    Path errors(int number) {
        return folder.resolve("batch-" + number + ".errors.jsonl");
    }

    /** A file's lines; none when it is not there. */
    static List<String> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
