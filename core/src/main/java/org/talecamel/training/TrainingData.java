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
import org.talecamel.budget.BudgetSearch;

/**
 * TALE-PT training data from the optimal-budget search, written as the searches finish, beside the report:
 * <ul>
 *   <li>{@code sft.jsonl}: the OpenAI chat fine-tuning format, the plain CoT prompt → the answer found under the
 *       optimal budget;</li>
 *   <li>{@code sft-tale-pt.jsonl}: the same examples as the reference's {@code search_budget.py} writes them and its
 *       {@code TALE-PT.py} reads them ({@code question} → {@code prediction_budget}), with {@code ground truth},
 *       {@code prediction} (the CoT answer), {@code question_budget}, {@code budget}, {@code budget_list} and
 *       {@code token_list};</li>
 *   <li>{@code dpo.jsonl}: prompt, chosen = the answer under the optimal budget, rejected = the vanilla CoT answer.
 *       The reference has no code that builds pairs; a problem whose search accepted no smaller budget gives none.</li>
 * </ul>
 * Where no smaller budget was accepted, the reference writes the string {@code "None"} as {@code question_budget}
 * and {@code prediction_budget}, which TALE-PT would then learn to answer; we write {@code null} and the CoT answer.
 */
public final class TrainingData implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One searched problem.
     *
     * @param budgetedPrompt the prompt at the optimal budget; null when no smaller budget was accepted
     * @param groundTruth    the gold answer, as the reference's {@code ground truth}
     */
    public record Example(String systemPrompt, String cotPrompt, String budgetedPrompt, String groundTruth,
                          BudgetSearch search) {
    }

    private final Path directory;
    private BufferedWriter sft;
    private BufferedWriter talePt;
    private BufferedWriter dpo;
    private int examples;
    private int pairs;

    public TrainingData(Path directory) {
        this.directory = directory;
    }

    public synchronized void add(Example example) {
        BudgetSearch search = example.search();
        String cotAnswer = search.start().text();
        String optimalAnswer = search.optimal().text();
        try {
            if (sft == null) {
                Files.createDirectories(directory);
                sft = Files.newBufferedWriter(directory.resolve("sft.jsonl"), StandardCharsets.UTF_8);
                talePt = Files.newBufferedWriter(directory.resolve("sft-tale-pt.jsonl"), StandardCharsets.UTF_8);
                dpo = Files.newBufferedWriter(directory.resolve("dpo.jsonl"), StandardCharsets.UTF_8);
            }
            write(sft, Map.of("messages", List.of(message("system", example.systemPrompt()),
                    message("user", example.cotPrompt()), message("assistant", optimalAnswer))));
            write(talePt, talePt(example));
            examples++;
            if (example.budgetedPrompt() != null) {
                Map<String, String> pair = new LinkedHashMap<>();
                pair.put("prompt", example.cotPrompt());
                pair.put("chosen", optimalAnswer);
                pair.put("rejected", cotAnswer);
                write(dpo, pair);
                pairs++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training data in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The instance {@code search_budget.py} writes: the fields of its input, then what the search added. */
    private static Map<String, Object> talePt(Example example) {
        BudgetSearch search = example.search();
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("question", example.cotPrompt());
        record.put("ground truth", example.groundTruth());
        record.put("prediction", search.start().text());
        record.put("question_budget", example.budgetedPrompt());
        record.put("prediction_budget", search.optimal().text());
        record.put("budget", search.optimalBudget());
        record.put("budget_list", search.accepted().stream().map(BudgetSearch.Step::budget).toList());
        // search_budget.py appends the length of every budget tried, the one that ended the search included
        record.put("token_list", search.steps().stream().map(BudgetSearch.Step::tokens).toList());
        return record;
    }

    private static void write(BufferedWriter writer, Object line) throws IOException {
        writer.write(JSON.writeValueAsString(line));
        writer.newLine();
        writer.flush();
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
                talePt.close();
                dpo.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close training data in " + directory + ": " + e.getMessage(), e);
        }
    }
}
