package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.talecamel.run.RunEnding;

/**
 * The README's exit codes and Jenkinsfile are what users paste into their pipelines: they must say what the code does.
 */
class ReadmePipelineTest {

    private static final Path README = Path.of("README.md");

    @Test
    void should_document_one_exit_code_for_each_way_a_run_ends() throws Exception {
        // given the README's exit-code table
        Map<String, String> table = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `(\\d+)`(?:, `(\\d+)`)? \\| (.+) \\|$").matcher(section("Command line"));
        while (row.find()) {
            table.put(row.group(1), row.group(3));
            if (row.group(2) != null) {
                table.put(row.group(2), row.group(3));
            }
        }

        // then it has each ending's code, and the codes of a run that passed, failed a gate, or never started
        assertThat(table).containsKeys("0", "1", String.valueOf(RunEnding.NOT_STARTED_EXIT_CODE), "143");
        for (RunEnding.Kind kind : RunEnding.Kind.values()) {
            if (kind == RunEnding.Kind.COMPLETED) {
                continue;
            }
            String code = String.valueOf(RunEnding.stopped(kind, "why").exitCode(true));
            assertThat(table).as(kind.toString()).containsKey(code);
            assertThat(table.get(code)).as(kind.toString()).containsAnyOf("stopped", "interrupted");
        }
        assertThat(Arrays.stream(RunEnding.Kind.values()).map(k -> k == RunEnding.Kind.COMPLETED ? 0
                : RunEnding.stopped(k, "why").exitCode(true)).distinct().count())
                .as("each ending has a code of its own").isEqualTo(RunEnding.Kind.values().length);
    }

    @Test
    void should_give_the_jenkins_build_the_result_of_the_run_not_of_its_wrong_answers() throws Exception {
        String jenkins = section("Jenkins");
        String pipeline = jenkins.substring(jenkins.indexOf("```groovy"), jenkins.indexOf("```", jenkins.indexOf("```groovy") + 3));

        // a failed gate is UNSTABLE, any other code not 0 FAILURE
        assertThat(pipeline).contains("returnStatus: true", "if (code == 1) {", "unstable(", "} else if (code != 0) {",
                "error(");
        // wrong answers are failures in junit.xml: the junit step must not mark the build unstable for them
        assertThat(pipeline).containsPattern("junit testResults: \"data-out/runs/\\$\\{run}/junit.xml\", "
                + "skipMarkingBuildUnstable: true");
        // this build's run only: latest is read after --once, which clears it first
        assertThat(pipeline).contains("readFile('data-out/runs/latest')", "--once");
        assertThat(jenkins).contains("skipMarkingBuildUnstable", "`data-out/` must persist between builds");
    }

    /** The README's section under this heading, up to the next heading of its level or above. */
    private static String section(String heading) throws Exception {
        String readme = Files.readString(README);
        Matcher start = Pattern.compile("(?m)^(#+) " + Pattern.quote(heading) + "$").matcher(readme);
        assertThat(start.find()).as("README has a section " + heading).isTrue();
        int level = start.group(1).length();
        Matcher next = Pattern.compile("(?m)^#{1," + level + "} ").matcher(readme);
        int end = next.find(start.end()) ? next.start() : readme.length();
        return readme.substring(start.end(), end);
    }
}
