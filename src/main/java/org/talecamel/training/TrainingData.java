package org.talecamel.training;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TALE-PT training data from the optimal-budget search, written as the searches finish:
 * {@code sft.jsonl} in the OpenAI chat fine-tuning format (the plain CoT prompt → the answer found under the optimal
 * budget) and {@code dpo.jsonl} (prompt, chosen = that answer, rejected = the vanilla CoT answer), as the paper
 * builds them. A problem whose search accepted no smaller budget gives no preference pair.
 */
public final class TrainingData implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private BufferedWriter sft;
    private BufferedWriter dpo;
    private int examples;
    private int pairs;

    public TrainingData(Path directory) {
        this.directory = directory;
    }

    /** Adds one searched problem. */
    public synchronized void add(String systemPrompt, String cotPrompt, String optimalAnswer, String cotAnswer) {
        try {
            if (sft == null) {
                Files.createDirectories(directory);
                sft = Files.newBufferedWriter(directory.resolve("sft.jsonl"), StandardCharsets.UTF_8);
                dpo = Files.newBufferedWriter(directory.resolve("dpo.jsonl"), StandardCharsets.UTF_8);
            }
            sft.write(JSON.writeValueAsString(Map.of("messages", List.of(
                    message("system", systemPrompt), message("user", cotPrompt), message("assistant", optimalAnswer)))));
            sft.newLine();
            sft.flush();
            examples++;
            if (!optimalAnswer.equals(cotAnswer)) {
                Map<String, String> pair = new LinkedHashMap<>();
                pair.put("prompt", cotPrompt);
                pair.put("chosen", optimalAnswer);
                pair.put("rejected", cotAnswer);
                dpo.write(JSON.writeValueAsString(pair));
                dpo.newLine();
                dpo.flush();
                pairs++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training data in " + directory + ": " + e.getMessage(), e);
        }
    }

    public synchronized int examples() {
        return examples;
    }

    public synchronized int pairs() {
        return pairs;
    }

    private static Map<String, String> message(String role, String content) {
        Map<String, String> message = new LinkedHashMap<>();
        message.put("role", role);
        message.put("content", content);
        return message;
    }

    @Override
    public synchronized void close() {
        try {
            if (sft != null) {
                sft.close();
                dpo.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close training data in " + directory + ": " + e.getMessage(), e);
        }
    }
}
