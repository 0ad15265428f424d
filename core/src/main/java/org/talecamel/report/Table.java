package org.talecamel.report;

import java.util.List;

/**
 * One table of a report, rendered the same way into Markdown and HTML so both reports always agree.
 *
 * @param numeric which columns hold figures (right-aligned)
 * @param note    a sentence under the table, or null
 */
public record Table(String title, List<String> headers, List<Boolean> numeric, List<List<String>> rows, String note) {
}
