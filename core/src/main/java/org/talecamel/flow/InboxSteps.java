package org.talecamel.flow;

import java.io.File;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.talecamel.audit.AuditRow;
import org.talecamel.problems.ProblemFiles;
import org.talecamel.problems.ProblemStream;
import org.talecamel.problems.UnreadableFileException;
import org.talecamel.run.InputFile;
import org.talecamel.run.Run;
import org.talecamel.run.RunCoordinator;

/** The steps of the inbox route: a file joins the poll's run, is opened as a stream, fails, or ends the run. */
public final class InboxSteps {

    private final RunCoordinator runs;
    private final Path inbox;

    /** @param inbox the folder the inbox route watches */
    public InboxSteps(RunCoordinator runs, Path inbox) {
        this.runs = runs;
        this.inbox = inbox;
    }

    /** Puts the file into the open run (opening one for the first file of a poll). */
    public void arrived(@Header(Exchange.FILE_NAME_ONLY) String fileName, @org.apache.camel.Body File file,
                        @ExchangeProperty(Exchange.BATCH_COMPLETE) Boolean lastOfPoll, Exchange exchange) {
        Run run = runs.fileArrived(InputFile.scan(file.toPath(), fileName), file.toPath(),
                Boolean.TRUE.equals(lastOfPoll));
        exchange.setProperty(EvaluationSteps.RUN, run);
    }

    /**
     * The file as a stream of problems and rejections, for the streaming split; named as the user named it. A file the
     * inbox read before is refused, so that it lands in failed/ with its reason instead of being read twice. The
     * stream ends early if the run is interrupted: its next start reads the file again.
     */
    public ProblemStream open(@org.apache.camel.Body File file, @Header(Exchange.FILE_NAME_ONLY) String fileName,
                              @ExchangeProperty(Exchange.DUPLICATE_MESSAGE) Boolean readBefore,
                              @ExchangeProperty(EvaluationSteps.RUN) Run run)
            throws UnreadableFileException {
        if (Boolean.TRUE.equals(readBefore)) {
            throw new UnreadableFileException(fileName, "already read: a file of this name, size and modification time "
                    + "was read before (see state/inbox-files-read.txt under tale.output); touch or rename it to read it again");
        }
        return ProblemFiles.open(file.toPath(), fileName).endingWhen(run::isInterrupted);
    }

    /** Records a file that cannot be read at all, and returns the text of its {@code .error.txt} (inbox files). */
    public String unreadable(@Header(Exchange.FILE_NAME_ONLY) String fileName, @ExchangeProperty(EvaluationSteps.RUN) Run run,
                             @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception cause) {
        String reason = cause instanceof UnreadableFileException unreadable ? unreadable.reason() : String.valueOf(cause);
        run.fileFailed(fileName, reason);
        run.record(AuditRow.rejected(run.id(), run.now(), fileName, 0, "file not read: " + reason));
        return fileName + ": " + reason + "\nThe file was moved here, unread, by tale-camel run " + run.id() + ".\n";
    }

    /**
     * Whether the run ends with this file, now read: the last of its poll's files to be read, or of those it was
     * reading when the process was asked to stop (Camel takes no other file of the poll then).
     */
    public boolean endsRun(@ExchangeProperty(EvaluationSteps.RUN) Run run) {
        return runs.fileRead(run);
    }

    /**
     * Where a file goes that its exchange failed: {@code failed}, unless its run was interrupted. Asked to stop, Camel
     * forces the routes down once the calls in flight outlast {@code camel.main.shutdown-timeout}, and fails the file
     * that was being read; its run is left for the next start, which looks for the file in {@code done}.
     */
    public String failedFolder(@ExchangeProperty(EvaluationSteps.RUN) Run run) {
        return interrupted(run) ? "done" : "failed";
    }

    private static boolean interrupted(Run run) {
        return run != null && run.isInterrupted();
    }

    /** Ends the run after the last file of the poll. */
    public void finish() {
        runs.finishRun();
    }

    public void idle() {
        runs.inboxIdle(inbox);
    }
}
