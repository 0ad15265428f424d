package org.talecamel.flow;

import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.talecamel.llm.ChatMessage;
import org.talecamel.llm.ChatRequest;
import org.talecamel.llm.ChatResponseParser;
import org.talecamel.llm.ChatResult;
import org.talecamel.llm.ResponseCache;
import org.talecamel.llm.TokenCounter;
import org.talecamel.method.Method;
import org.talecamel.problems.Problem;
import org.talecamel.scoring.Scorer;

/**
 * Runs the code every answer call goes through, on made-up problems, on a spare core while Camel starts: the prompt,
 * the request's JSON and cache key, the parsing of a response and its score. Loaded and compiled before the first
 * file arrives, this code no longer holds back the first wave of calls. It sends nothing, writes nothing and counts in
 * no metric.
 */
public final class Warmup {

    private static final Logger LOG = LoggerFactory.getLogger(Warmup.class);
    /** Enough calls for C1 to compile the methods on the way (bin/tale-camel compiles after 100 to 200). */
    static final int ROUNDS = 250;

    private Warmup() {
    }

    /** Starts the warm-up on a daemon thread of its own, and returns at once. */
    public static void startInBackground() {
        Thread thread = new Thread(() -> {
            try {
                run();
            } catch (RuntimeException e) {
                LOG.warn("The start-up warm-up failed ({}); runs are not affected, only their first calls may be slower",
                        e.toString());
            }
        }, "tale-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    /** One made-up problem per round, answered correctly; returns how many were scored correct (all of them). */
    static int run() {
        long started = System.nanoTime();
        // the key is made in memory; nothing is read from or written to this folder
        ResponseCache keys = new ResponseCache(Path.of("warm-up"), "http://localhost/v1/chat/completions");
        int correct = 0;
        for (int i = 1; i <= ROUNDS; i++) {
            Problem problem = new Problem("warm-up", i, "w" + i,
                    "Ann has " + i + " apples and buys 3 more. How many apples does she have now?", String.valueOf(i + 3));
            ChatRequest request = new ChatRequest("warm-up", List.of(ChatMessage.system(Method.COT.systemPrompt()),
                    ChatMessage.user(Method.COT.userPrompt(problem, null))), 0.0, null);
            keys.key(request.json());
            ChatResult reply = ChatResponseParser.parse(200, response(i + 3), 100, request);
            // every answer is counted in cl100k (paper_tokens): its vocabulary is read here, not by the first answer
            TokenCounter.count(reply.content());
            if (Scorer.score(problem, reply.content()).correct()) {
                correct++;
            }
        }
        LOG.debug("Warm-up: {} made-up problems in {} ms", ROUNDS, (System.nanoTime() - started) / 1_000_000);
        return correct;
    }

    private static String response(int answer) {
        return "{\"id\":\"warm-up\",\"object\":\"chat.completion\",\"model\":\"warm-up\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"She has 3 more apples than before.\\nThe answer is [["
                + answer + "]]\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":90,\"completion_tokens\":20,"
                + "\"total_tokens\":110}}";
    }
}
