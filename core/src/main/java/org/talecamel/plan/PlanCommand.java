package org.talecamel.plan;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.talecamel.cost.PriceTable;
import org.talecamel.cost.PriceTableException;

/**
 * {@code --once --plan}: reads the settings and the files the run would read, prints its plan, and sends nothing.
 * It starts neither Camel nor the simulator.
 */
public final class PlanCommand {

    /** The exit code of a plan that was printed. */
    public static final int PRINTED = 0;
    /** The exit code of bad arguments or configuration, as a run's. */
    public static final int NOT_PLANNED = 2;

    private PlanCommand() {
    }

    /**
     * @param files the files and folders named (a suite's included); empty plans what is in the inbox now
     * @return {@link #PRINTED}, or {@link #NOT_PLANNED} with the reason on {@code err}
     */
    public static int run(List<Path> files, PlanSettings.Source source, PrintStream out, PrintStream err) {
        try {
            PlanSettings settings = PlanSettings.read(source);
            PriceTable prices = PriceTable.load(settings.prices());
            List<Path> named = files.isEmpty() ? PlanInputs.filesIn(settings.inbox()) : files;
            if (named.isEmpty()) {
                out.println("PLAN: the inbox " + settings.inbox() + " is empty: a run would evaluate nothing.");
                return PRINTED;
            }
            List<PlannedFile> planned = PlanInputs.read(named, settings.context());
            PlanPrinter.print(RunPlan.of(settings, planned, prices), out);
            return PRINTED;
        } catch (IllegalArgumentException | PriceTableException | UncheckedIOException e) {
            err.println("tale-camel: " + e.getMessage());
            return NOT_PLANNED;
        }
    }
}
