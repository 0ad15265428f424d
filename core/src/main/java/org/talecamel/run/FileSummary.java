package org.talecamel.run;

/**
 * One input file of a run.
 *
 * @param status {@code processed} or {@code failed} (the file could not be read at all and went to the failed folder)
 */
public record FileSummary(String name, String status, long problems, long rejected, String error) {
}
