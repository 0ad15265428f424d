package org.talecamel.method;

import java.util.Arrays;
import java.util.List;
import org.talecamel.problems.Language;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Template;

/**
 * The prompt texts of the TALE reference implementation (GeniusHTX/TALE at eef652c), copied verbatim with their
 * {@code {question}} placeholders so that they compare line by line with {@code utils/prompt_template.py}, and Chain
 * of Draft's own instruction. The simulated endpoint recognises requests by shapes cut out of these texts.
 *
 * <p>A budget-aware prompt is the family's CoT template with the budget spliced into its last phrase, as the
 * reference's {@code create_*_prompt} functions do, with the question then put in. For Chinese cloze that is
 * {@code create_cloze_prompt}'s phrase: TALE-EP.py's {@code add_budget} knows the Chinese single-choice phrase only,
 * so the reference's TALE-EP would send the Chinese cloze CoT prompt without any budget.
 */
public final class Prompts {

    /** Where the prompt texts come from; part of a run's comparison key, so change it whenever a text changes. */
    public static final String SOURCE = "GeniusHTX/TALE@eef652c";

    public static final String SYSTEM = "You are a helpful assistant.";

    // utils/prompt_template.py: the HUMAN turn of single_choice_prompts, cloze_prompts, gsm8k_prompts, gpqa_prompts
    static final String SINGLE_CHOICE_CN_WITH_REASONING =
            "{question}\n请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n让我们一步一步思考：\n";
    static final String SINGLE_CHOICE_CN =
            "{question}\n请直接回答下面的问题并直接给出答案的选项序号。请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n";
    static final String SINGLE_CHOICE_EN_WITH_REASONING = "{question}\nPlease Give the response by strictly following"
            + " this format: [[choice]],for example: Choice: [[A]].\nLet's think step by step:\n";
    static final String SINGLE_CHOICE_EN = "Please answer the following question directly and give the answer directly"
            + " without any reasoning process. Please strictLy follow the format: [[choice]],for example: Choice: [[A]].\n"
            + "{question}\n";
    static final String CLOZE_CN = "请直接回答下面的问题并直接给出答案\nQ: {question}";
    static final String CLOZE_EN = "Please answer the following question and give the answer directly\nQ: {question}";
    static final String CLOZE_CN_WITH_REASONING = "Q: {question}\n让我们一步一步思考来回答这个问题：\n";
    static final String CLOZE_EN_WITH_REASONING = "Q: {question}\nLet's think step by step:\n";
    static final String GSM8K_REASONING = "Q: {question}\nPlease Give the response by strictly following this format:"
            + " [[answer]], for example: Answer: [[50]].Let's think step by step:\n";
    static final String GSM8K_NO_REASONING = "Please answer the following question and give the answer directly"
            + " without any reasoning process. Please Give the response by strictly following this format: [[answer]],"
            + " for example: Answer: [[50]].\nQ: {question}";
    static final String GPQA_REASONING = "Q: {question}\nPlease Give the response by strictly following this format:"
            + " [[choice]],for example: Choice: [[A]].\nLet's think step by step:\n";
    static final String GPQA_NO_REASONING = "Please answer the following question directly and give the answer directly"
            + " without any reasoning process. Please strictly follow the format: [[choice]],for example: Choice: [[A]].\n"
            + "{question}\n";

    // create_prompt, create_cloze_prompt, create_gsm8k_prompt, create_gpqa_prompt: the phrase each finds, and its
    // replacement with {budget}
    static final String STEP_BY_STEP = "Let's think step by step:\n";
    static final String STEP_BY_STEP_BUDGETED = "Let's think step by step and use less than {budget} tokens:\n";
    static final String CHOICE_CN_STEP = "让我们一步一步思考：\n";
    static final String CHOICE_CN_STEP_BUDGETED = "让我们一步一步思考并使用少于 {budget} tokens:\n";
    static final String CLOZE_CN_STEP = "让我们一步一步思考来回答这个问题：\n";
    static final String CLOZE_CN_STEP_BUDGETED = "让我们一步一步思考并使用少于 {budget} tokens来回答这个问题:\n";

    /** The estimator's task: utils/__init__.py {@code create_zero_shot_context()}. */
    public static final String ESTIMATOR_TASK =
            "Task: Analyze the given question and estimate the minimum number of tokens required to generate a complete"
            + " and accurate response. Please Give the response by strictly following this format: [[budget]],"
            + "for example: Budget: [[12]].";
    // TALE-EP.py: budget_pred_prompt
    static final String BUDGET_PRED_PROMPT = "{context}\n\nBelow is the question:\n\nQuestion: \"{question}\"\n";

    /** Chain of Draft's system prompt (Xu et al., arXiv 2502.18600), used in place of {@link #SYSTEM}. */
    public static final String CHAIN_OF_DRAFT = "Think step by step, but only keep a minimum draft for each thinking"
            + " step, with 5 words at most. Return the answer at the end of the response after a separator ####.";

    private static final String QUESTION = "{question}";
    private static final String BUDGET = "{budget}";

    private Prompts() {
    }

    /**
     * A template family of the reference: its CoT and no-reasoning templates, the phrase a budget goes into, and how
     * its data set class writes a question ({@link #question}). The methods taking {@code question} take it so written.
     */
    public enum Family {
        GSM8K(Template.GSM8K, Language.EN, GSM8K_REASONING, GSM8K_NO_REASONING, STEP_BY_STEP, STEP_BY_STEP_BUDGETED),
        CLOZE_EN(Template.CLOZE, Language.EN, CLOZE_EN_WITH_REASONING, Prompts.CLOZE_EN, STEP_BY_STEP, STEP_BY_STEP_BUDGETED),
        CLOZE_ZH(Template.CLOZE, Language.ZH, CLOZE_CN_WITH_REASONING, CLOZE_CN, CLOZE_CN_STEP, CLOZE_CN_STEP_BUDGETED),
        CHOICE_EN(Template.CHOICE, Language.EN, SINGLE_CHOICE_EN_WITH_REASONING, SINGLE_CHOICE_EN, STEP_BY_STEP,
                STEP_BY_STEP_BUDGETED),
        CHOICE_ZH(Template.CHOICE, Language.ZH, SINGLE_CHOICE_CN_WITH_REASONING, SINGLE_CHOICE_CN, CHOICE_CN_STEP,
                CHOICE_CN_STEP_BUDGETED),
        GPQA(Template.GPQA, Language.EN, GPQA_REASONING, GPQA_NO_REASONING, STEP_BY_STEP, STEP_BY_STEP_BUDGETED);

        private final Template template;
        private final Language language;
        private final String reasoning;
        private final String noReasoning;
        private final String step;
        private final String budgetedStep;

        Family(Template template, Language language, String reasoning, String noReasoning, String step,
               String budgetedStep) {
            this.template = template;
            this.language = language;
            this.reasoning = reasoning;
            this.noReasoning = noReasoning;
            this.step = step;
            this.budgetedStep = budgetedStep;
        }

        /** The family of a problem's template and language. */
        public static Family of(Problem problem) {
            return Arrays.stream(values()).filter(f -> f.template == problem.template() && f.language == problem.language())
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("no reference template '"
                            + problem.template().id() + "' in language '" + problem.language().id() + "'"));
        }

        /**
         * The question as the reference's data set class writes it: stripped; for MathBench single choice
         * ({@code math_bench.py}) followed by a line per option, each ending in a line break ({@code get_number});
         * for GPQA ({@code gpqa.py}) followed by the option lines joined by line breaks, with none at the end.
         */
        public String question(String question, List<String> choices) {
            return switch (template) {
                case GSM8K, CLOZE -> question.strip();
                case CHOICE -> question.strip() + "\n" + getNumber(choices);
                case GPQA -> withChoices(question.strip(), choices);
            };
        }

        /** Vanilla chain of thought: the reasoning template. */
        public String cot(String question) {
            return reasoning.replace(QUESTION, question);
        }

        /** Budget-aware chain of thought: the reasoning template with the budget spliced into its last phrase. */
        public String budgeted(String question, int budget) {
            if (budget <= 0) {
                throw new IllegalArgumentException("a token budget must be positive, was " + budget);
            }
            return reasoning.replace(step, budgetedStep.replace(BUDGET, String.valueOf(budget))).replace(QUESTION, question);
        }

        /** The no-reasoning template. */
        public String direct(String question) {
            return noReasoning.replace(QUESTION, question);
        }

        /** The zero-shot estimator of TALE-EP.py: the task, and the CoT prompt as {@code extract_question} leaves it. */
        public String estimator(String question) {
            return BUDGET_PRED_PROMPT.replace("{context}", ESTIMATOR_TASK).replace(QUESTION, extractQuestion(cot(question)));
        }
    }

    /** Vanilla chain of thought for a problem, in its family. */
    public static String cot(Problem problem) {
        return Family.of(problem).cot(asked(problem));
    }

    /** Budget-aware chain of thought for a problem, in its family; the budget must be positive. */
    public static String budgeted(Problem problem, int budget) {
        return Family.of(problem).budgeted(asked(problem), budget);
    }

    /** The no-reasoning prompt for a problem, in its family. */
    public static String direct(Problem problem) {
        return Family.of(problem).direct(asked(problem));
    }

    /** The zero-shot budget estimator's prompt for a problem. */
    public static String estimator(Problem problem) {
        return Family.of(problem).estimator(asked(problem));
    }

    /** The problem's question as its family's data set class writes it. */
    private static String asked(Problem problem) {
        return Family.of(problem).question(problem.question(), problem.choices());
    }

    /** The user message of Chain of Draft: the question and its option lines (its instruction is the system message). */
    public static String chainOfDraft(Problem problem) {
        return withChoices(problem.question(), problem.choices());
    }

    /**
     * utils/__init__.py {@code extract_question}, verbatim. It strips MathBench's single-choice instructions, GPQA's
     * being the same text, and nothing of the GSM8K and cloze templates: their whole CoT prompt is the question.
     */
    static String extractQuestion(String question) {
        return question.replace(
                "以下是一道关于数学的单项选择题，请你一步一步推理，并在最后用“所以答案为选项X”给出答案，其中“X”为选项A，B，C，D中你认为正确的选项。"
                + "下面是你要回答的问题\n", ""
        ).replace(
                "Here is a multiple-choice question about mathematics. Please reason through it step by step, and at the end, "
                + "provide your answer option with 'Therefore, the correct answer is option X', Where 'X' is the correct option "
                + "you think from A，B，C，D. Here is the question you need to answer:\n", ""
        ).replace(
                "请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n让我们一步一步思考：\n", ""
        ).replace(
                "Please Give the response by strictly following this format: [[choice]],"
                + "for example: Choice: [[A]].\nLet's think step by step:\n", ""
        ).replace(
                "Please answer the following question directly and give the answer directly without any reasoning process. "
                + "Please strictLy follow the format: [[choice]],for example: Choice: [[A]].\n", ""
        );
    }

    /** utils/__init__.py {@code get_number}: a line per option, {@code A. 12\n}. */
    private static String getNumber(List<String> options) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            text.append((char) ('A' + i)).append(". ").append(options.get(i)).append('\n');
        }
        return text.toString();
    }

    /** The question followed by its options, one per line, with no line break at the end: {@code q\nA. 12\nB. 15}. */
    private static String withChoices(String question, List<String> choices) {
        String options = getNumber(choices);
        return options.isEmpty() ? question : question + "\n" + options.substring(0, options.length() - 1);
    }
}
