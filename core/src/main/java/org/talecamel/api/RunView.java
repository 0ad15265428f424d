package org.talecamel.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.talecamel.history.RunEntry;
import org.talecamel.run.BatchStatus;

/**
 * A run as the API shows it, running or finished. Fields that do not apply (yet) are left out.
 *
 * @param status      {@code running} (in this process), {@code finished} (it completed), or {@code stopped} (it did not
 *                    complete: see {@code reason})
 * @param reason      why a stopped run stopped: its endpoint down, its key refused, its spend cap, no answers, or
 *                    interrupted (the process stopped in its middle; the next start resumes it)
 * @param model       the model it asks (the first, when it asks several)
 * @param models      the labels of the models it asks, in configured order
 * @param files       the files it reads, or read
 * @param done        problems whose methods have all answered; absent for a stopped run
 * @param total       problems in the run's files as far as known (their lines, while running)
 * @param expenseUsd  what the run spent so far, or in all once ended; absent when a price is unknown
 * @param answersCostUsd once ended: what its answers cost at list prices, whoever paid (answers from the response
 *                    cache at what they first cost)
 * @param cachedAnswers once ended: calls answered from the response cache
 * @param batches     its batches at the Batch API ({@code tale.llm.mode=batch}) as last polled, with their status and
 *                    request counts: while running, or as an interrupted run left them; a finished run's are in its
 *                    summary
 * @param results     each method's accuracy (0..1), mean output tokens and mean expense per problem on each model, once
 *                    finished
 * @param gates       {@code passed}, {@code failed} or {@code none}, once finished
 * @param summary     the run's summary.json (only in {@code GET /api/runs/{id}} of a finished run)
 * @param links       the run and its files in the API
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(String id, String suite, String status, String reason, Instant startedAt, Instant finishedAt,
                      String model, List<String> models, Boolean simulated, List<String> files, List<String> methods, Long done, Long total,
                      Long outputTokens, BigDecimal expenseUsd, BigDecimal answersCostUsd, Long cachedAnswers,
                      List<BatchStatus> batches, List<RunEntry.MethodFigures> results, String gates, String note, JsonNode summary,
                      Map<String, String> links) {

    RunView withSummary(JsonNode runSummary) {
        return new RunView(id, suite, status, reason, startedAt, finishedAt, model, models, simulated, files, methods, done,
                total, outputTokens, expenseUsd, answersCostUsd, cachedAnswers, batches, results, gates, note, runSummary, links);
    }
}
