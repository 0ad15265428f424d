package org.talecamel.plan;

import java.util.List;
import org.talecamel.problems.Problem;
import org.talecamel.problems.Rejection;

/**
 * One problem file as the run would read it.
 *
 * @param sha256     the hash of its content, what runs over the same inputs share; null when it cannot be read
 * @param unreadable why the run could not read the file at all (it would go to failed/), or null
 */
public record PlannedFile(String name, String sha256, List<Problem> problems, List<Rejection> rejections,
                          String unreadable) {

    public PlannedFile {
        problems = List.copyOf(problems);
        rejections = List.copyOf(rejections);
    }
}
