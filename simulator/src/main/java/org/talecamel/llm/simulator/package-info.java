/**
 * A SIMULATED large language model behind an OpenAI-compatible endpoint, so that tale-camel runs end to end
 * where no real model can be reached (tests, demos, a laptop without an API key).
 *
 * <p><b>Nothing it produces is a measurement of a real model.</b> Its replies are written from the reference
 * solutions of the problems it was given as knowledge, and its lengths and accuracy are tuned to resemble the
 * figures the TALE paper (Han et al., arXiv 2412.18547) reports for GPT-4o-mini on GSM8K: about 318 output
 * tokens at 81% accuracy with vanilla chain of thought, about 77 tokens at 84% with TALE-EP's estimated budgets,
 * and replies that grow when a budget is far too small. It also answers directly (short, far less accurate on
 * multi-step problems), in Chain of Draft's terse drafts, and single-choice problems with {@code Choice: [[B]]};
 * questions that state their own answer (GSM8K-Zero) and written-out calculations get short, nearly always right
 * replies. To keep that visible, every reply names its model
 * {@code simulated-<requested model>}, carries the system fingerprint {@code tale-camel-simulator}, and every
 * log line says "SIMULATED".
 *
 * <ul>
 *   <li>{@link org.talecamel.llm.simulator.SimulatedLlmServer}: the HTTP endpoint
 *       ({@code POST /v1/chat/completions}, {@code GET /v1/models}) with real cl100k_base token counts; also Azure
 *       OpenAI's paths (a deployment's, with its api-version, and the v1 API's), which want an {@code api-key}
 *       header and refuse a call without one with Azure's 401 body ({@code tale.simulator.imitate=azure}).</li>
 *   <li>{@link org.talecamel.llm.simulator.SimulatedBatchApi}: the Batch API it serves, OpenAI's under {@code /v1}
 *       and Azure OpenAI's under {@code /openai} and {@code /openai/v1}.</li>
 *   <li>{@link org.talecamel.llm.simulator.SimulatedModel}: the behaviour, without HTTP, for unit tests.</li>
 *   <li>{@link org.talecamel.llm.simulator.Knowledge}: the problems the model "has seen": the files it is given at
 *       start, and every problem tale-camel reads, learned as it is read.</li>
 *   <li>{@code TalePrompt} recognises the prompt, in any of the reference's template families (GSM8K, MathBench
 *       cloze and single choice in English and Chinese, GPQA; replies are in English whatever the family),
 *       {@code Understanding} and {@code Format} say what the model makes
 *       of the problem, {@code ReplyWriter} and {@code DraftWriter} write the reply, {@code Slips} its mistakes.</li>
 * </ul>
 *
 * <p>Replies are deterministic for a seed (the request's {@code seed}, else the configured one) and ignore
 * temperature. Each model name asked is another draw of the same simulated model (its seed mixed with the name; not
 * for {@code gpt-4o-mini}, the name it is tuned on), so that a run of several models shows them answering
 * differently. A question the model does not know gets a plausible, usually wrong, guess (a letter picked at random
 * for a single-choice one), except a bare calculation such as "Calculate 37 * 12.", which it works out.
 */
package org.talecamel.llm.simulator;
