package org.talecamel.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Locale;

/**
 * How a run ended: completed, or stopped with its reason. Every output of a run reads this one value: the console's
 * headline, the exit code of {@code --once}, the reports, {@code summary.json}, {@code junit.xml}, the run history
 * and its trends, the HTTP API and the dashboard.
 *
 * @param kind   what ended it
 * @param reason what a user reads about it, with what to change; null for a completed run
 */
public record RunEnding(Kind kind, String reason) {

    /** Each way a run ends, with the exit code {@code --once} gives it (a completed run's depends on its gates). */
    public enum Kind {
        /** every evaluation was attempted and at least one call got an answer */
        COMPLETED(0),
        /** the endpoint's circuit opened: calls got no response or a 5xx after their retries */
        ENDPOINT_DOWN(3),
        /** the endpoint answered 401 or 403: the API key is missing, wrong or not allowed */
        KEY_REFUSED(4),
        /**
         * the model refused a parameter the calls send (400 "Unsupported parameter" or "Unsupported value"): a row of
         * {@code config/models.csv} or a setting says otherwise than the model takes
         */
        PARAMETER_REFUSED(7),
        /** the run's spend cap ({@code tale.run.max-cost-usd}, {@code tale.run.max-output-tokens}) was reached */
        SPEND_CAP(5),
        /** every evaluation was attempted, but no call got a usable answer */
        NO_ANSWERS(6),
        /** the process was asked to stop (Ctrl-C, SIGTERM) in the run's middle; its next start resumes it */
        INTERRUPTED(130);

        private final int exitCode;

        Kind(int exitCode) {
            this.exitCode = exitCode;
        }

        /** The exit code {@code --once} gives a run that ended so (a completed run's also depends on its gates). */
        public int exitCode() {
            return exitCode;
        }

        /** {@code endpoint-down}: how summary.json names it. */
        @com.fasterxml.jackson.annotation.JsonValue
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** Exit code of a run that could not start (bad configuration or arguments, an unknown suite). */
    public static final int NOT_STARTED_EXIT_CODE = 2;
    /** Exit code of a completed run that failed a quality gate. */
    public static final int GATE_FAILED_EXIT_CODE = 1;

    public static final RunEnding COMPLETED = new RunEnding(Kind.COMPLETED, null);
    /** The process was asked to stop while the run was open: the run is left as it is, for its next start. */
    public static final RunEnding INTERRUPTED = new RunEnding(Kind.INTERRUPTED, "interrupted: the process was asked to"
            + " stop (Ctrl-C or SIGTERM) in the middle of the run; the same command run again, or the next start of the"
            + " service, finishes it");

    public RunEnding {
        if (kind == null) {
            throw new IllegalArgumentException("a run ending needs its kind");
        }
        if (kind != Kind.COMPLETED && (reason == null || reason.isBlank())) {
            throw new IllegalArgumentException("a stopped run needs its reason");
        }
    }

    public static RunEnding stopped(Kind kind, String reason) {
        return new RunEnding(kind, reason);
    }

    @JsonIgnore
    public boolean completed() {
        return kind == Kind.COMPLETED;
    }

    /** {@code finished} for a completed run, {@code stopped} otherwise: the API's and the dashboard's word. */
    public String status() {
        return completed() ? "finished" : "stopped";
    }

    /** The exit code of {@code --once} for a run that ended so. */
    public int exitCode(boolean gatesPassed) {
        if (completed()) {
            return gatesPassed ? 0 : GATE_FAILED_EXIT_CODE;
        }
        return kind.exitCode;
    }

    /** {@code completed}, or {@code stopped: endpoint down: ...}. */
    public String describe() {
        return completed() ? "completed" : "stopped: " + reason;
    }
}
