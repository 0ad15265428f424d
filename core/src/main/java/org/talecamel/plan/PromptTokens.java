package org.talecamel.plan;

import org.talecamel.llm.TokenCounter;
import org.talecamel.method.Method;
import org.talecamel.method.Prompts;
import org.talecamel.problems.Problem;

/**
 * The prompt tokens of one call, counted with jtokkit (cl100k) on the messages the method would send: each message
 * costs its role and content plus {@value #PER_MESSAGE} tokens, and the reply is primed with {@value #PER_REPLY}, as
 * OpenAI counts a chat request (and as the simulator reports {@code usage.prompt_tokens}). Other vendors' tokenizers
 * count the same text somewhat differently.
 */
public final class PromptTokens {

    static final int PER_MESSAGE = 3;
    static final int PER_REPLY = 3;

    private PromptTokens() {
    }

    /** A request of a system and a user message, as every call of a method is. */
    public static int of(String system, String user) {
        return PER_REPLY + message("system", system) + message("user", user);
    }

    /** The answer call of {@code method} on a problem; {@code budget} for budget-aware calls, else ignored. */
    public static int answer(Method method, Problem problem, Integer budget) {
        return of(method.systemPrompt(), method.userPrompt(problem, budget));
    }

    /** TALE-EP's estimator call on a problem. */
    public static int estimate(Problem problem) {
        return of(Prompts.SYSTEM, Method.estimatorPrompt(problem));
    }

    private static int message(String role, String content) {
        return PER_MESSAGE + TokenCounter.count(role) + TokenCounter.count(content);
    }
}
