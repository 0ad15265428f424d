package org.talecamel.method;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.talecamel.problems.Language;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Template;

/**
 * Our prompts are the TALE reference implementation's, byte for byte, in every template family. Each expected string
 * is written out as the reference (GeniusHTX/TALE at eef652c) builds it for that question: the template of
 * utils/prompt_template.py, the question as the family's llm_datasets class writes it (stripped; MathBench's options
 * by get_number, each ending in a line break; GPQA's joined by line breaks), the budget spliced in by the family's
 * create_*_prompt, and TALE-EP.py's estimator prompt around extract_question of the CoT prompt.
 */
class PromptsTest {

    @Test
    void should_build_the_gsm8k_prompts_as_the_reference_does() {
        assertPrompts(problem("Janet has 3 apples. How many?", List.of(), null, null), 77,
                "Q: Janet has 3 apples. How many?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n",
                "Q: Janet has 3 apples. How many?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step and use less than 77 tokens:\n",
                "Please answer the following question and give the answer directly without any reasoning process."
                + " Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].\n"
                + "Q: Janet has 3 apples. How many?",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: Janet has 3 apples. How many?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n"
                + "\"\n");

        assertPrompts(problem("  Tom reads 12 pages a day.\nHow many pages does he read in a week?\n",
                        List.of(), null, null), 10,
                "Q: Tom reads 12 pages a day.\n"
                + "How many pages does he read in a week?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n",
                "Q: Tom reads 12 pages a day.\n"
                + "How many pages does he read in a week?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step and use less than 10 tokens:\n",
                "Please answer the following question and give the answer directly without any reasoning process."
                + " Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].\n"
                + "Q: Tom reads 12 pages a day.\n"
                + "How many pages does he read in a week?",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: Tom reads 12 pages a day.\n"
                + "How many pages does he read in a week?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n"
                + "\"\n");

        assertPrompts(problem("A sign says \"50% off\". What does a $40 shirt cost?", List.of(), null, null), 512,
                "Q: A sign says \"50% off\". What does a $40 shirt cost?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n",
                "Q: A sign says \"50% off\". What does a $40 shirt cost?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step and use less than 512 tokens:\n",
                "Please answer the following question and give the answer directly without any reasoning process."
                + " Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].\n"
                + "Q: A sign says \"50% off\". What does a $40 shirt cost?",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: A sign says \"50% off\". What does a $40 shirt cost?\n"
                + "Please Give the response by strictly following this format: [[answer]], for example: Answer:"
                + " [[50]].Let's think step by step:\n"
                + "\"\n");
    }

    @Test
    void should_build_the_english_cloze_prompts_as_the_reference_does() {
        assertPrompts(problem("Calculate 37 * 12.", List.of(), Template.CLOZE, null), 40,
                "Q: Calculate 37 * 12.\n"
                + "Let's think step by step:\n",
                "Q: Calculate 37 * 12.\n"
                + "Let's think step by step and use less than 40 tokens:\n",
                "Please answer the following question and give the answer directly\n"
                + "Q: Calculate 37 * 12.",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: Calculate 37 * 12.\n"
                + "Let's think step by step:\n"
                + "\"\n");

        assertPrompts(problem("What is 1/4 + 1/8? Answer as a decimal.", List.of(), Template.CLOZE, null), 25,
                "Q: What is 1/4 + 1/8? Answer as a decimal.\n"
                + "Let's think step by step:\n",
                "Q: What is 1/4 + 1/8? Answer as a decimal.\n"
                + "Let's think step by step and use less than 25 tokens:\n",
                "Please answer the following question and give the answer directly\n"
                + "Q: What is 1/4 + 1/8? Answer as a decimal.",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: What is 1/4 + 1/8? Answer as a decimal.\n"
                + "Let's think step by step:\n"
                + "\"\n");
    }

    @Test
    void should_build_the_chinese_cloze_prompts_as_the_reference_does() {
        assertPrompts(problem("计算 37 * 12。", List.of(), Template.CLOZE, Language.ZH), 40,
                "Q: 计算 37 * 12。\n"
                + "让我们一步一步思考来回答这个问题：\n",
                "Q: 计算 37 * 12。\n"
                + "让我们一步一步思考并使用少于 40 tokens来回答这个问题:\n",
                "请直接回答下面的问题并直接给出答案\n"
                + "Q: 计算 37 * 12。",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: 计算 37 * 12。\n"
                + "让我们一步一步思考来回答这个问题：\n"
                + "\"\n");

        assertPrompts(problem("小明有5个苹果，又买了3个，现在一共有几个苹果？", List.of(), Template.CLOZE, Language.ZH), 18,
                "Q: 小明有5个苹果，又买了3个，现在一共有几个苹果？\n"
                + "让我们一步一步思考来回答这个问题：\n",
                "Q: 小明有5个苹果，又买了3个，现在一共有几个苹果？\n"
                + "让我们一步一步思考并使用少于 18 tokens来回答这个问题:\n",
                "请直接回答下面的问题并直接给出答案\n"
                + "Q: 小明有5个苹果，又买了3个，现在一共有几个苹果？",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: 小明有5个苹果，又买了3个，现在一共有几个苹果？\n"
                + "让我们一步一步思考来回答这个问题：\n"
                + "\"\n");
    }

    @Test
    void should_build_the_english_single_choice_prompts_as_the_reference_does() {
        assertPrompts(problem("What is 15% of 80?", List.of("8", "12", "15", "20"), null, null), 30,
                "What is 15% of 80?\n"
                + "A. 8\n"
                + "B. 12\n"
                + "C. 15\n"
                + "D. 20\n"
                + "\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step:\n",
                "What is 15% of 80?\n"
                + "A. 8\n"
                + "B. 12\n"
                + "C. 15\n"
                + "D. 20\n"
                + "\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step and use less than 30 tokens:\n",
                "Please answer the following question directly and give the answer directly without any reasoning"
                + " process. Please strictLy follow the format: [[choice]],for example: Choice: [[A]].\n"
                + "What is 15% of 80?\n"
                + "A. 8\n"
                + "B. 12\n"
                + "C. 15\n"
                + "D. 20\n"
                + "\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"What is 15% of 80?\n"
                + "A. 8\n"
                + "B. 12\n"
                + "C. 15\n"
                + "D. 20\n"
                + "\n"
                + "\"\n");

        assertPrompts(problem("Which of these numbers is prime?",
                        List.of("21", "27", "29", "33", "35"), null, null), 64,
                "Which of these numbers is prime?\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "E. 35\n"
                + "\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step:\n",
                "Which of these numbers is prime?\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "E. 35\n"
                + "\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step and use less than 64 tokens:\n",
                "Please answer the following question directly and give the answer directly without any reasoning"
                + " process. Please strictLy follow the format: [[choice]],for example: Choice: [[A]].\n"
                + "Which of these numbers is prime?\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "E. 35\n"
                + "\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Which of these numbers is prime?\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "E. 35\n"
                + "\n"
                + "\"\n");
    }

    @Test
    void should_build_the_chinese_single_choice_prompts_as_the_reference_does() {
        assertPrompts(problem("下列哪个数是质数？", List.of("21", "27", "29", "33"), null, Language.ZH), 30,
                "下列哪个数是质数？\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "\n"
                + "请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n"
                + "让我们一步一步思考：\n",
                "下列哪个数是质数？\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "\n"
                + "请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n"
                + "让我们一步一步思考并使用少于 30 tokens:\n",
                "下列哪个数是质数？\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "\n"
                + "请直接回答下面的问题并直接给出答案的选项序号。请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"下列哪个数是质数？\n"
                + "A. 21\n"
                + "B. 27\n"
                + "C. 29\n"
                + "D. 33\n"
                + "\n"
                + "\"\n");

        assertPrompts(problem("解方程：3x + 5 = 20，x 等于多少？", List.of("3", "4", "5", "6"), null, Language.ZH), 45,
                "解方程：3x + 5 = 20，x 等于多少？\n"
                + "A. 3\n"
                + "B. 4\n"
                + "C. 5\n"
                + "D. 6\n"
                + "\n"
                + "请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n"
                + "让我们一步一步思考：\n",
                "解方程：3x + 5 = 20，x 等于多少？\n"
                + "A. 3\n"
                + "B. 4\n"
                + "C. 5\n"
                + "D. 6\n"
                + "\n"
                + "请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n"
                + "让我们一步一步思考并使用少于 45 tokens:\n",
                "解方程：3x + 5 = 20，x 等于多少？\n"
                + "A. 3\n"
                + "B. 4\n"
                + "C. 5\n"
                + "D. 6\n"
                + "\n"
                + "请直接回答下面的问题并直接给出答案的选项序号。请严格按照如下格式回答：[[选项]]，例如：选项: [[A]]。\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"解方程：3x + 5 = 20，x 等于多少？\n"
                + "A. 3\n"
                + "B. 4\n"
                + "C. 5\n"
                + "D. 6\n"
                + "\n"
                + "\"\n");
    }

    @Test
    void should_build_the_gpqa_prompts_as_the_reference_does() {
        assertPrompts(problem("Which particle carries the electromagnetic force?",
                        List.of("The photon", "The gluon", "The W boson", "The graviton"), Template.GPQA, null), 90,
                "Q: Which particle carries the electromagnetic force?\n"
                + "A. The photon\n"
                + "B. The gluon\n"
                + "C. The W boson\n"
                + "D. The graviton\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step:\n",
                "Q: Which particle carries the electromagnetic force?\n"
                + "A. The photon\n"
                + "B. The gluon\n"
                + "C. The W boson\n"
                + "D. The graviton\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step and use less than 90 tokens:\n",
                "Please answer the following question directly and give the answer directly without any reasoning"
                + " process. Please strictly follow the format: [[choice]],for example: Choice: [[A]].\n"
                + "Which particle carries the electromagnetic force?\n"
                + "A. The photon\n"
                + "B. The gluon\n"
                + "C. The W boson\n"
                + "D. The graviton\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: Which particle carries the electromagnetic force?\n"
                + "A. The photon\n"
                + "B. The gluon\n"
                + "C. The W boson\n"
                + "D. The graviton\n"
                + "\"\n");

        assertPrompts(problem("What is the SI unit of electric charge?",
                        List.of("Coulomb", "Volt", "Ampere", "Ohm"), Template.GPQA, null), 20,
                "Q: What is the SI unit of electric charge?\n"
                + "A. Coulomb\n"
                + "B. Volt\n"
                + "C. Ampere\n"
                + "D. Ohm\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step:\n",
                "Q: What is the SI unit of electric charge?\n"
                + "A. Coulomb\n"
                + "B. Volt\n"
                + "C. Ampere\n"
                + "D. Ohm\n"
                + "Please Give the response by strictly following this format: [[choice]],for example: Choice: [[A]].\n"
                + "Let's think step by step and use less than 20 tokens:\n",
                "Please answer the following question directly and give the answer directly without any reasoning"
                + " process. Please strictly follow the format: [[choice]],for example: Choice: [[A]].\n"
                + "What is the SI unit of electric charge?\n"
                + "A. Coulomb\n"
                + "B. Volt\n"
                + "C. Ampere\n"
                + "D. Ohm\n",
                "Task: Analyze the given question and estimate the minimum number of tokens required to generate a"
                + " complete and accurate response. Please Give the response by strictly following this format:"
                + " [[budget]],for example: Budget: [[12]].\n"
                + "\n"
                + "Below is the question:\n"
                + "\n"
                + "Question: \"Q: What is the SI unit of electric charge?\n"
                + "A. Coulomb\n"
                + "B. Volt\n"
                + "C. Ampere\n"
                + "D. Ohm\n"
                + "\"\n");
    }

    @Test
    void should_splice_the_chinese_cloze_budget_as_create_cloze_prompt_does() {
        // TALE-EP.py's add_budget knows only the single-choice phrase "让我们一步一步思考：\n" and would leave this
        // prompt without a budget; create_cloze_prompt puts it in, with an ASCII colon
        Problem problem = problem("计算 8 + 9。", List.of(), Template.CLOZE, Language.ZH);

        assertThat(Method.fixed(30).userPrompt(problem, null))
                .isEqualTo("Q: 计算 8 + 9。\n让我们一步一步思考并使用少于 30 tokens来回答这个问题:\n");
    }

    @Test
    void should_give_every_method_its_prompt_in_the_problems_family() {
        Problem problem = problem("Calculate 6 * 7.", List.of(), Template.CLOZE, null);
        String cot = "Q: Calculate 6 * 7.\nLet's think step by step:\n";
        String budgeted25 = "Q: Calculate 6 * 7.\nLet's think step by step and use less than 25 tokens:\n";

        assertThat(Method.COT.userPrompt(problem, null)).isEqualTo(cot);
        assertThat(Method.TALE_EP.userPrompt(problem, 25)).isEqualTo(budgeted25);
        assertThat(Method.fixed(25).userPrompt(problem, null)).isEqualTo(budgeted25);
        assertThat(Method.SEARCH.userPrompt(problem, null)).isEqualTo(cot);
        assertThat(Method.SEARCH.userPrompt(problem, 25)).isEqualTo(budgeted25);
        assertThat(Method.ELASTICITY.userPrompt(problem, 25)).isEqualTo(budgeted25);
        assertThat(Method.DIRECT.userPrompt(problem, null))
                .isEqualTo("Please answer the following question and give the answer directly\nQ: Calculate 6 * 7.");
        assertThat(Method.COT.systemPrompt()).isEqualTo(Prompts.SYSTEM);
    }

    @Test
    void should_have_a_family_for_every_template_and_language_a_problem_may_have() {
        for (Template template : Template.values()) {
            List<String> choices = template.withChoices() ? List.of("1", "2") : List.of();
            for (Language language : Language.values()) {
                if (template.misfit(language, !choices.isEmpty()) == null) {
                    Prompts.Family family = Prompts.Family.of(problem("Q?", choices, template, language));

                    assertThat(family.name()).startsWith(template.name());
                }
            }
        }
    }

    @Test
    void should_use_the_reference_system_message() {
        assertThat(Prompts.SYSTEM).isEqualTo("You are a helpful assistant.");
    }

    @Test
    void should_refuse_a_budget_that_is_not_positive() {
        // the reference implementation sends "less than -1 tokens" when the estimator gives no number
        Problem problem = problem("Janet has 3 apples. How many?", List.of(), null, null);

        assertThatThrownBy(() -> Prompts.budgeted(problem, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Prompts.budgeted(problem, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Method.TALE_EP.userPrompt(problem, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void should_use_chain_of_drafts_own_instruction_and_the_bare_question() {
        Problem open = problem("Janet has 3 apples. How many?", List.of(), null, null);
        Problem choice = problem("下列哪个数是质数？", List.of("21", "29"), null, Language.ZH);

        assertThat(Prompts.CHAIN_OF_DRAFT).isEqualTo("Think step by step, but only keep a minimum draft for each "
                + "thinking step, with 5 words at most. Return the answer at the end of the response after a separator ####.");
        assertThat(Method.COD.systemPrompt()).isEqualTo(Prompts.CHAIN_OF_DRAFT);
        assertThat(Method.COD.userPrompt(open, null)).isEqualTo("Janet has 3 apples. How many?");
        assertThat(Method.COD.userPrompt(choice, null)).isEqualTo("下列哪个数是质数？\nA. 21\nB. 29");
    }

    private static Problem problem(String question, List<String> choices, Template template, Language language) {
        return new Problem("f.jsonl", 1, "p", question, "", choices, null, template, language);
    }

    /** The prompts of CoT, TALE-EP's budget-aware call, direct and TALE-EP's estimator, as the methods send them. */
    private static void assertPrompts(Problem problem, int budget, String cot, String budgeted, String direct,
                                      String estimator) {
        assertThat(Method.COT.userPrompt(problem, null)).isEqualTo(cot);
        assertThat(Method.TALE_EP.userPrompt(problem, budget)).isEqualTo(budgeted);
        assertThat(Method.DIRECT.userPrompt(problem, null)).isEqualTo(direct);
        assertThat(Method.estimatorPrompt(problem)).isEqualTo(estimator);
    }
}
