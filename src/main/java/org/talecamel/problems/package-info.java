/**
 * Reading problem files, one item at a time, whatever their size.
 *
 * <p>{@link org.talecamel.problems.ProblemFiles#open} picks the reader by extension: {@code .jsonl}/{@code .ndjson}
 * (one object per line), {@code .json} (an array of objects), {@code .csv} (a header row naming the columns).
 * Every format has the fields {@code question} (required), {@code answer} and {@code id} (optional).
 * A bad item becomes a {@link org.talecamel.problems.Rejection} and reading goes on; a file that cannot be read at
 * all (empty, binary, wrong shape) is an {@link org.talecamel.problems.UnreadableFileException}.
 */
package org.talecamel.problems;
