/**
 * Reading problem files, one item at a time, whatever their size.
 *
 * <p>{@link org.talecamel.problems.ProblemFiles#open} picks the reader by extension: {@code .jsonl}/{@code .ndjson}
 * (one object per line), {@code .json} (an array of objects), {@code .csv} (a header row naming the columns, in any
 * order and case; other columns are ignored). A bad item becomes a {@link org.talecamel.problems.Rejection} and
 * reading goes on; a file that cannot be read at all (empty, binary, wrong shape) is an
 * {@link org.talecamel.problems.UnreadableFileException}.
 *
 * <h2>Fields</h2>
 * The same fields in every format. In JSON a field may be absent or {@code null}; in CSV a column may be missing or
 * a cell blank, which means the same.
 * <dl>
 * <dt>{@code question} (required)</dt>
 * <dd>A string: the problem as it is put to the model. Leading and trailing white space is dropped.</dd>
 * <dt>{@code id}</dt>
 * <dd>A string or a number. Default: the file name without its extension and the line, {@code gsm8k-style-L12}.</dd>
 * <dt>{@code answer}</dt>
 * <dd>A string or a number, kept as the file wrote it ({@code 48.0} stays {@code "48.0"}): a GSM8K worked solution
 *     ending in {@code #### N}, a plain value such as {@code 48.0} or {@code 0.375}, or, for a single-choice
 *     problem, the letter of the right option. May be absent: the problem is then asked but never scored right.</dd>
 * <dt>{@code choices}</dt>
 * <dd>The options of a single-choice problem, 2 to 26, labelled A, B, C... in order when put to the model. In JSON a
 *     list of strings or numbers ({@code ["12", "15", 18, "20"]}). In CSV a cell holding either a JSON array
 *     ({@code ["12","15","18","20"]}, its quotes doubled inside a quoted CSV cell) or the options separated by
 *     {@code " | "} ({@code 12 | 15 | 18 | 20}); a cell that starts with {@code [} but is not a JSON array
 *     ({@code [0, 1] | (0, 1)}) is read as separated options. Absent, blank or an empty list: an open problem.
 *     With choices, {@code answer} must be one letter among the options, in either case ({@code b} is read as
 *     {@code B}), or absent.</dd>
 * <dt>{@code dataset}</dt>
 * <dd>A string or a number naming the data set the problem belongs to ({@code gsm8k-zero}, {@code mathbench-arithmetic}),
 *     for grouping in reports, so one file can mix data sets. Default: the file name without its extension.</dd>
 * <dt>{@code template}</dt>
 * <dd>A string: the reference implementation's template family the problem is asked with. {@code gsm8k} (GSM8K's
 *     {@code [[answer]]} templates), {@code cloze} (MathBench's cloze templates, primary and arithmetic), {@code choice}
 *     (MathBench's single-choice templates) or {@code gpqa} (GPQA's single-choice templates). {@code choice} and
 *     {@code gpqa} need {@code choices}; {@code gsm8k} and {@code cloze} take none. Default: {@code choice} for a
 *     problem with choices, {@code gsm8k} for any other.</dd>
 * <dt>{@code language}</dt>
 * <dd>A string: the language of the templates, {@code en} (the default) or {@code zh}, which the reference has for
 *     {@code cloze} and {@code choice} only.</dd>
 * </dl>
 * {@code template} and {@code language} are read in any case, with spaces around them dropped.
 *
 * <h2>Rejections</h2>
 * An item is rejected, with a reason naming the field, when the question is missing; when a field has the wrong type
 * ({@code field 'answer' must be a string or a number, found an array}, {@code field 'choices' must be a list of
 * option texts}); when an option is blank; when there is one option only ({@code a single-choice problem needs at
 * least 2 choices}) or more than 26; when a single-choice answer is not one of its letters ({@code answer 'E' is not
 * one of the choices A-D}); when the template or the language is unknown ({@code field 'template' must be one of gsm8k,
 * cloze, choice, gpqa, found 'mcq'}) or does not fit the choices ({@code template 'choice' needs field 'choices'; without
 * choices use template gsm8k or cloze}) or the template ({@code field 'language' must be en with template 'gsm8k', found
 * 'zh': ...}); and when the item is not valid JSON or UTF-8.
 */
package org.talecamel.problems;
