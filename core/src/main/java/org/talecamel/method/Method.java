package org.talecamel.method;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.talecamel.problems.Problem;

/**
 * A way of prompting the model for one problem, as named in {@code tale.methods}.
 *
 * @param fixedBudget the budget of {@code fixed:N}; 0 for every other method
 */
public record Method(Kind kind, int fixedBudget) {

    /** The kinds of method; {@code fixed} takes a budget, {@code fixed:50}. */
    public enum Kind {
        /** No reasoning: the answer directly. */
        DIRECT("direct"),
        /** Vanilla chain of thought: no budget. */
        COT("cot"),
        /** TALE with a zero-shot estimated budget: one estimator call, then a budget-aware CoT call. */
        TALE_EP("tale-ep"),
        /**
         * TALE-EP's estimate given to the model as its own limit (its {@code native_budget} parameter in
         * {@code config/models.csv}, e.g. {@code max_completion_tokens}), with the plain CoT prompt: no budget in it.
         */
        TALE_NATIVE("tale-native"),
        /** Budget-aware CoT with the same budget for every problem. */
        FIXED("fixed"),
        /** The paper's optimal-budget search: halve the budget while the answer stays right and gets shorter. */
        SEARCH("search"),
        /** A sweep of budgets per problem: actual tokens and accuracy per budget (token elasticity). */
        ELASTICITY("elasticity"),
        /** The reference's elasticity walk (the paper's Figure 2): halve the budget while the answer stays right. */
        WALK("elasticity-walk"),
        /** Chain of Draft (Xu et al., 2025): minimal drafts of at most five words per step. */
        COD("cod");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    public static final Method DIRECT = new Method(Kind.DIRECT, 0);
    public static final Method COT = new Method(Kind.COT, 0);
    public static final Method TALE_EP = new Method(Kind.TALE_EP, 0);
    public static final Method TALE_NATIVE = new Method(Kind.TALE_NATIVE, 0);
    public static final Method SEARCH = new Method(Kind.SEARCH, 0);
    public static final Method ELASTICITY = new Method(Kind.ELASTICITY, 0);
    public static final Method WALK = new Method(Kind.WALK, 0);
    public static final Method COD = new Method(Kind.COD, 0);

    public Method {
        if (kind == Kind.FIXED && fixedBudget <= 0) {
            throw new IllegalArgumentException("fixed:N needs a positive budget N, was " + fixedBudget);
        }
        if (kind != Kind.FIXED) {
            fixedBudget = 0;
        }
    }

    public static Method fixed(int budget) {
        return new Method(Kind.FIXED, budget);
    }

    /** As written in {@code tale.methods}: {@code cot}, {@code fixed:50}... */
    public String id() {
        return kind == Kind.FIXED ? "fixed:" + fixedBudget : kind.id();
    }

    public boolean estimatesBudget() {
        return kind == Kind.TALE_EP || kind == Kind.TALE_NATIVE;
    }

    /** The budget goes to the model as its own limit, not into the prompt ({@code tale-native}). */
    public boolean givesNativeBudget() {
        return kind == Kind.TALE_NATIVE;
    }

    /** Search, elasticity and the walk start from each problem's vanilla CoT answer. */
    public boolean needsCot() {
        return kind == Kind.SEARCH || kind == Kind.ELASTICITY || kind == Kind.WALK;
    }

    /** Elasticity and the walk measure budgets against lengths: they have figures per budget, no answer to score. */
    public boolean measuresElasticity() {
        return kind == Kind.ELASTICITY || kind == Kind.WALK;
    }

    /** The system message: Chain of Draft's instruction for {@code cod}, the reference one otherwise. */
    public String systemPrompt() {
        return kind == Kind.COD ? Prompts.CHAIN_OF_DRAFT : Prompts.SYSTEM;
    }

    /**
     * The user message for a problem, in its template family. {@code budget} is required by budget-aware methods
     * (TALE-EP, fixed, and the steps of search and elasticity) and ignored by the others; null asks search and
     * elasticity for plain CoT.
     */
    public String userPrompt(Problem problem, Integer budget) {
        return switch (kind) {
            case DIRECT -> Prompts.direct(problem);
            case COD -> Prompts.chainOfDraft(problem);
            case COT, TALE_NATIVE -> Prompts.cot(problem);
            case FIXED -> budgeted(problem, fixedBudget);
            case TALE_EP -> budgeted(problem, budget);
            case SEARCH, ELASTICITY, WALK -> budget == null ? COT.userPrompt(problem, null) : budgeted(problem, budget);
        };
    }

    /** The TALE-EP estimator's prompt for a problem, in its template family. */
    public static String estimatorPrompt(Problem problem) {
        return Prompts.estimator(problem);
    }

    private static String budgeted(Problem problem, Integer budget) {
        if (budget == null) {
            throw new IllegalArgumentException("a budget-aware prompt needs a budget");
        }
        return Prompts.budgeted(problem, budget);
    }

    public static Method of(String id) {
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        if (wanted.startsWith("fixed:")) {
            try {
                return fixed(Integer.parseInt(wanted.substring("fixed:".length()).strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + id.strip() + "': fixed:N needs a whole number of tokens, e.g. fixed:50");
            }
        }
        return Arrays.stream(Kind.values()).filter(k -> k != Kind.FIXED && k.id().equals(wanted)).findFirst()
                .map(k -> new Method(k, 0))
                .orElseThrow(() -> new IllegalArgumentException("unknown method '" + id.strip() + "' (known: "
                        + Arrays.stream(Kind.values()).map(k -> k == Kind.FIXED ? "fixed:N" : k.id())
                                .collect(Collectors.joining(", ")) + ")"));
    }

    /**
     * Parses a comma-separated list such as {@code cot,tale-ep}, keeping its order and dropping repeats.
     * Search and elasticity start from CoT's answer, so {@code cot} is put first when they need it and it is missing.
     */
    public static List<Method> listOf(String ids) {
        List<Method> methods = new ArrayList<>();
        for (String id : ids.split(",")) {
            if (!id.isBlank()) {
                Method method = of(id);
                if (!methods.contains(method)) {
                    methods.add(method);
                }
            }
        }
        if (methods.isEmpty()) {
            throw new IllegalArgumentException("no methods given: set tale.methods, e.g. cot,tale-ep");
        }
        int cot = methods.indexOf(COT);
        int firstNeedingCot = methods.stream().filter(Method::needsCot).findFirst().map(methods::indexOf).orElse(-1);
        if (firstNeedingCot >= 0 && (cot < 0 || cot > firstNeedingCot)) {
            methods.remove(COT);
            methods.add(0, COT);
        }
        return List.copyOf(methods);
    }
}
