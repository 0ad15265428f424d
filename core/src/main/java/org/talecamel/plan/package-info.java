/**
 * Plan: {@code --once --plan}, what a run would do and cost, worked out before anything is sent.
 *
 * <p>{@link org.talecamel.plan.PlanCommand} reads the settings as the run would ({@link org.talecamel.plan.PlanSettings},
 * whose {@code models} is the one place the run's model list is read), the files with the project's readers
 * ({@link org.talecamel.plan.PlanInputs}), and the earlier runs over the same inputs and model
 * ({@link org.talecamel.plan.RunHistoryReader}). {@link org.talecamel.plan.RunPlan} has a line per model and method
 * ({@link org.talecamel.plan.MethodPlan}): the input tokens are jtokkit counts of the prompts the method builds
 * ({@link org.talecamel.plan.PromptTokens}); the output tokens come from the history, else from the TALE paper's
 * figures and the assumptions in {@link org.talecamel.plan.PaperFigures}, and each line says which
 * ({@link org.talecamel.plan.Basis}). {@link org.talecamel.plan.PlanPrinter} writes it for the console.
 *
 * <p>Nothing here starts Camel, the simulator or a connection: the plan is plain Java over files, so it can run
 * where a run could not (no key, endpoint down) and cost nothing. Its input counts match a run's {@code usage} on the
 * simulator exactly, and on OpenAI's endpoints as far as their chat format counts as documented; a budget that is only
 * known during the run (TALE-EP's estimate, a search step) is counted at its expected value.
 */
package org.talecamel.plan;
