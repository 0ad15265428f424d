package org.talecamel.run;

/**
 * The verdict of one quality gate on a run.
 *
 * @param name     e.g. {@code min-accuracy.tale-ep}
 * @param measured the run's figure, as shown to users ("83.7%")
 * @param limit    the gate's limit, as configured ("≥ 80%")
 * @param message  one sentence saying what was measured against what
 */
public record GateVerdict(String name, boolean passed, String measured, String limit, String message) {
}
