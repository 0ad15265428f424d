package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.run.MethodSummary;
import org.talecamel.run.RunOutcome;

/** The whole GSM8K test split through the inbox: every problem in the audit for each method. */
class Gsm8kTestSplitTest {

    private static final Path GSM8K_TEST = Path.of("../shared/datasets/gsm8k/test.jsonl");

    @Test
    void should_audit_every_gsm8k_test_problem_for_each_method(@TempDir Path root) throws Exception {
        assumeTrue(Files.isRegularFile(GSM8K_TEST), "skipped: ../shared/datasets/gsm8k/test.jsonl is not beside this clone");
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            // given
            NotifyBuilder done = app.whenFilesDone(1);

            // when
            app.drop(GSM8K_TEST, "gsm8k-test.jsonl");
            RunOutcome run = app.onlyRun(done);

            // then
            List<CSVRecord> answers = InboxToReportTest.audit(run.audit()).stream()
                    .filter(r -> r.get("phase").equals("answer")).toList();
            Map<String, Set<String>> linesByMethod = answers.stream().collect(Collectors.groupingBy(
                    r -> r.get("method"), Collectors.mapping(r -> r.get("line"), Collectors.toSet())));
            assertThat(linesByMethod.get("cot")).hasSize(1319);
            assertThat(linesByMethod.get("tale-ep")).hasSize(1319);
            assertThat(answers).hasSize(2 * 1319);
            assertThat(run.summary().rejected()).isZero();
            assertThat(run.summary().callErrors()).isZero();

            MethodSummary cot = run.summary().results().get(0);
            MethodSummary tale = run.summary().results().get(1);
            System.out.printf("GSM8K test split, simulated: cot %.1f%% %.1f tokens; tale-ep %.1f%% %.1f tokens%n",
                    100 * cot.accuracy(), cot.meanOutputTokens(), 100 * tale.accuracy(), tale.meanOutputTokens());
            assertThat(tale.meanOutputTokens()).isLessThan(cot.meanOutputTokens() / 2);
        }
    }
}
