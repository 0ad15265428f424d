package org.talecamel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.suite.Staging;

/**
 * The simulated model learns a problem as tale-camel reads it, so a file scores the same however it arrives: dropped
 * into the service's inbox, named on the command line ({@code --once FILE}, a staged inbox) or uploaded to the API.
 */
class SimulatorLearnsWhatIsReadTest {

    /** Problems of this test's own, in no file the simulator is given as knowledge (data-in/samples). */
    private static final String FRESH = String.join("\n",
            problem("f1", "Priya packs 6 boxes with 15 pencils in each box. She gives away 23 pencils. How many pencils "
                    + "does she have left?", "She packs 6 * 15 = <<6*15=90>>90 pencils.\\nShe has 90 - 23 = <<90-23=67>>67 "
                    + "pencils left.\\n#### 67"),
            problem("f2", "A ferry carries 48 cars on each trip and makes 5 trips a day. On Sunday it makes 2 trips fewer. "
                    + "How many cars does it carry on Sunday?", "On Sunday it makes 5 - 2 = <<5-2=3>>3 trips.\\nIt carries "
                    + "3 * 48 = <<3*48=144>>144 cars.\\n#### 144"),
            problem("f3", "Omar saves 35 dollars a week for 8 weeks and then spends 130 dollars on a bicycle. How many "
                    + "dollars does he have left?", "He saves 35 * 8 = <<35*8=280>>280 dollars.\\nHe has 280 - 130 = "
                    + "<<280-130=150>>150 dollars left.\\n#### 150"),
            problem("f4", "A garden has 9 rows of tulips with 14 tulips in each row, and 27 roses. How many flowers are "
                    + "in the garden?", "There are 9 * 14 = <<9*14=126>>126 tulips.\\nWith the roses there are 126 + 27 = "
                    + "<<126+27=153>>153 flowers.\\n#### 153"),
            problem("f5", "Lena reads 18 pages a day for 4 days and 25 pages on the fifth day. How many pages does she "
                    + "read in the five days?", "In four days she reads 18 * 4 = <<18*4=72>>72 pages.\\nIn all she reads "
                    + "72 + 25 = <<72+25=97>>97 pages.\\n#### 97"),
            problem("f6", "A baker makes 120 rolls and sells three quarters of them. He then bakes 40 more. How many "
                    + "rolls does he have?", "He sells 120 * 3 / 4 = <<120*3/4=90>>90 rolls.\\nHe has 120 - 90 = "
                    + "<<120-90=30>>30 left, and 30 + 40 = <<30+40=70>>70 after baking.\\n#### 70")) + "\n";

    @Test
    void should_score_a_fresh_file_the_same_through_the_inbox_the_command_line_and_the_api(@TempDir Path root)
            throws Exception {
        // given: the same file of problems the simulator has never been given
        Path file = Files.writeString(root.resolve("fresh.jsonl"), FRESH, StandardCharsets.UTF_8);

        // when: it arrives once each way, each time at a freshly started simulator
        Map<String, String> inbox = answers(throughTheInbox(root.resolve("inbox-way"), file));
        Map<String, String> commandLine = answers(throughAStagedInbox(root.resolve("command-line-way"), file));
        Map<String, String> api = answers(throughTheApi(root.resolve("api-way"), file));

        // then: every problem got the same answer each way, the answer of a model that knows the problem
        assertThat(inbox).hasSize(6 * 2);
        assertThat(inbox).as("the inbox, against --once FILE").isEqualTo(commandLine);
        assertThat(api).as("POST /api/runs, against --once FILE").isEqualTo(commandLine);
        assertThat(commandLine.values()).filteredOn(answer -> answer.endsWith("right")).hasSizeGreaterThanOrEqualTo(4);
    }

    /** A service whose inbox the file is dropped into. */
    private static Path throughTheInbox(Path root, Path file) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            NotifyBuilder done = app.whenFilesDone(1);
            app.drop(file, "fresh.jsonl");
            return app.onlyRun(done).audit();
        }
    }

    /** What {@code --once FILE} does: the file copied into a fresh inbox of its own before the application starts. */
    private static Path throughAStagedInbox(Path root, Path file) throws Exception {
        Path staged = Staging.stage(List.of(file), root.resolve("staging"));
        try (TaleTestApp app = TaleTestApp.start(root, Map.of(TaleConfiguration.STAGED_INBOX, staged.toString()))) {
            return app.onlyRun(app.whenFilesDone(1)).audit();
        }
    }

    /** A service the file is uploaded to. */
    private static Path throughTheApi(Path root, Path file) throws Exception {
        try (TaleTestApp app = TaleTestApp.start(root, Map.of())) {
            HttpApiTest.Client client = new HttpApiTest.Client(app.http, null);
            JsonNode accepted = HttpApiTest.JSON.readTree(client.upload(Files.readAllBytes(file), "fresh.jsonl").body());
            JsonNode finished = client.awaitFinished(accepted.path("id").asText());
            return app.output.resolve("runs").resolve(finished.path("id").asText()).resolve("audit.csv");
        }
    }

    /** Each problem and method's extracted answer, and whether it was right. */
    private static Map<String, String> answers(Path audit) throws Exception {
        Map<String, String> answers = new TreeMap<>();
        for (CSVRecord row : InboxToReportTest.audit(audit)) {
            if (row.get("phase").equals("answer")) {
                answers.put(row.get("problem_id") + " " + row.get("method"),
                        row.get("extracted") + " " + (Boolean.parseBoolean(row.get("correct")) ? "right" : "wrong"));
            }
        }
        return answers;
    }

    private static String problem(String id, String question, String answer) {
        return "{\"id\":\"" + id + "\",\"question\":\"" + question + "\",\"answer\":\"" + answer + "\"}";
    }
}
