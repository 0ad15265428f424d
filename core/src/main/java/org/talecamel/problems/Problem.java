package org.talecamel.problems;

import java.util.List;

/**
 * A problem to put to the model.
 *
 * @param answer   the reference answer as the file gave it: a GSM8K worked solution ending in {@code #### N},
 *                 a plain value such as {@code 48.0}, or a choice letter such as {@code B}; empty when the file gave none
 * @param choices  the options of a single-choice problem, labelled A, B, C, D... in order; empty for other problems
 * @param dataset  the data set the problem belongs to, for grouping in reports: the file's own {@code dataset} field,
 *                 else the file name without its extension
 * @param template the reference template family it is asked with; null means {@link Template#defaultFor the default}
 * @param language the language of its templates; null means English
 */
public record Problem(String sourceFile, long line, String id, String question, String answer, List<String> choices,
                      String dataset, Template template, Language language) implements ProblemInput {

    /** Refuses, with an {@link IllegalArgumentException}, a template that does not fit the language or the choices. */
    public Problem {
        choices = choices == null ? List.of() : List.copyOf(choices);
        dataset = dataset == null || dataset.isBlank() ? datasetOf(sourceFile) : dataset.strip();
        template = template == null ? Template.defaultFor(choices) : template;
        language = language == null ? Language.EN : language;
        String misfit = template.misfit(language, !choices.isEmpty());
        if (misfit != null) {
            throw new IllegalArgumentException(misfit);
        }
    }

    /** A problem in English, with the default template for its choices. */
    public Problem(String sourceFile, long line, String id, String question, String answer, List<String> choices,
                   String dataset) {
        this(sourceFile, line, id, question, answer, choices, dataset, null, null);
    }

    /** A problem with no choices, in the data set named after its file. */
    public Problem(String sourceFile, long line, String id, String question, String answer) {
        this(sourceFile, line, id, question, answer, List.of(), null);
    }

    /** True for a single-choice problem, answered with a letter. */
    public boolean isChoice() {
        return !choices.isEmpty();
    }

    /** The file name without its extension: {@code gsm8k-style.jsonl} is data set {@code gsm8k-style}. */
    public static String datasetOf(String sourceFile) {
        int dot = sourceFile.lastIndexOf('.');
        return dot > 0 ? sourceFile.substring(0, dot) : sourceFile;
    }
}
