package org.talecamel.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.talecamel.audit.AuditLog;
import org.talecamel.audit.AuditRow;
import org.talecamel.run.GateVerdict;
import org.talecamel.run.Measures;
import org.talecamel.run.RunEnding;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** junit.xml as Jenkins' junit step reads it, validated against the JUnit schema of Jenkins' xunit plugin. */
class JunitReportTest {

    private static final Path SCHEMA = Path.of("../shared/schemas/junit-10.xsd");
    private static final Instant NOW = Instant.parse("2026-11-26T02:00:00Z");

    @Test
    void should_write_a_testcase_per_problem_a_failure_per_wrong_answer_and_an_error_per_failed_call(@TempDir Path dir)
            throws Exception {
        // given
        Path audit = audit(dir,
                new AuditRow("r", NOW, "gsm.jsonl", 1, "p1", "gsm", "gpt-4o-mini", "cot", "answer", null, null, null, 429, 3L, null,
                        null, "", "", null, null, null, null, "retry", "attempt 1 failed (HTTP 429); retried after 1000 ms", null),
                answer("p1", "cot", true, "18", "Answer: [[18]]"),
                answer("p2", "cot", false, "20", "So 4 + 16 = 20. Answer: [[20]]"),
                answer("p1", "tale-ep", true, "18", "Answer: [[18]]"),
                new AuditRow("r", NOW, "gsm.jsonl", 3, "p3", "gsm", "gpt-4o-mini", "cot", "answer", null, null, null, 503, 9L, null,
                        null, "", "", null, null, null, null, "error", "HTTP 503: overloaded", null),
                AuditRow.rejected("r", NOW, "gsm.jsonl", 7, "missing field 'question'"));
        List<GateVerdict> gates = List.of(
                new GateVerdict("min-accuracy.cot", false, "33.3%", "≥ 80.0%", "cot accuracy 33.3% fails ≥ 80.0%"),
                new GateVerdict("min-token-reduction.tale-ep", true, "75.0%", "≥ 50.0%", "fine"));

        // when
        Path xml = JunitReport.write(audit, "nightly", "r", RunEnding.COMPLETED, gates, Measures.DEFAULT, dir.resolve("junit.xml"));

        // then
        Document doc = parse(xml);
        assertThat(suite(doc, "nightly.gsm.cot")).satisfies(s -> {
            assertThat(s.getAttribute("tests")).isEqualTo("3");
            assertThat(s.getAttribute("failures")).isEqualTo("1");
            assertThat(s.getAttribute("errors")).isEqualTo("1");
        });
        assertThat(suite(doc, "nightly.gsm.tale-ep").getAttribute("tests")).isEqualTo("1");
        Element wrong = testcase(doc, "nightly.gsm.cot", "p2");
        Element failure = (Element) wrong.getElementsByTagName("failure").item(0);
        assertThat(failure.getAttribute("message")).isEqualTo("expected 18, extracted 20, budget 60, 50 output tokens");
        assertThat(failure.getTextContent()).contains("4 + 16 = 20");
        Element error = (Element) testcase(doc, "nightly.gsm.cot", "p3").getElementsByTagName("error").item(0);
        assertThat(error.getAttribute("message")).isEqualTo("HTTP 503: overloaded");
        assertThat(error.getAttribute("type")).isEqualTo("EndpointError");
        assertThat(testcase(doc, "nightly.input", "gsm.jsonl:7").getElementsByTagName("error").getLength()).isOne();
        assertThat(testcase(doc, "nightly.gates", "min-accuracy.cot").getElementsByTagName("failure").getLength()).isOne();
        assertThat(testcase(doc, "nightly.gates", "min-token-reduction.tale-ep").getElementsByTagName("failure").getLength())
                .isZero();
        assertValid(xml);
    }

    @Test
    void should_say_in_its_name_and_properties_that_a_simulated_endpoint_answered(@TempDir Path dir) throws Exception {
        Path audit = audit(dir, answer("p1", "cot", true, "7", "Answer: [[7]]"));
        String endpoint = "SIMULATED gpt-4o-mini (tale-camel's built-in simulator at http://127.0.0.1:1/v1, not a real"
                + " model)";

        Path xml = JunitReport.write(audit, "inbox", "r", RunEnding.COMPLETED, List.of(), Measures.DEFAULT, false,
                endpoint, true, dir.resolve("junit.xml"));

        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getAttribute("name")).isEqualTo("tale-camel inbox r, SIMULATED endpoint");
        Element property = (Element) doc.getElementsByTagName("property").item(2);
        assertThat(property.getAttribute("name")).isEqualTo("tale.endpoint");
        assertThat(property.getAttribute("value")).isEqualTo(endpoint);
        assertValid(xml);
    }

    @Test
    void should_strip_characters_xml_forbids_from_model_output(@TempDir Path dir) throws Exception {
        // given a wrong answer full of control characters, a non-character and a lone surrogate
        Path audit = audit(dir, answer("p\u0001", "cot", false, "7", "bad\u0000 \u0007bytes\uFFFE \uD800 and \"quotes\" <tags> & \uD83D\uDE00"));

        // when
        Path xml = JunitReport.write(audit, "inbox", "r", RunEnding.COMPLETED, List.of(), Measures.DEFAULT, dir.resolve("junit.xml"));

        // then
        Document doc = parse(xml);
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertThat(failure.getTextContent()).isEqualTo("bad bytes \uFFFD and \"quotes\" <tags> & \uD83D\uDE00");
        assertValid(xml);
    }

    @Test
    void should_write_a_large_audit_without_holding_it(@TempDir Path dir) throws Exception {
        // given 100,000 problems with two methods
        AuditLog log = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));
        for (int i = 0; i < 100_000; i++) {
            log.append(answer("p" + i, "cot", i % 5 != 0, "7", "Answer: [[7]]"));
            log.append(answer("p" + i, "tale-ep", i % 4 != 0, "7", "Answer: [[7]]"));
        }
        log.close();

        // when
        Path xml = JunitReport.write(dir.resolve("audit.csv"), "big", "r", RunEnding.COMPLETED, List.of(), Measures.DEFAULT, dir.resolve("junit.xml"));

        // then
        Document doc = parse(xml);
        assertThat(doc.getDocumentElement().getAttribute("tests")).isEqualTo("200000");
        assertThat(suite(doc, "big.gsm.cot").getAttribute("failures")).isEqualTo("20000");
        try (var leftovers = Files.list(dir)) {
            assertThat(leftovers.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("audit.csv", "daily", "junit.xml");
        }
    }

    private static AuditRow answer(String id, String method, boolean correct, String extracted, String response) {
        return new AuditRow("r", NOW, "gsm.jsonl", 1, id, "gsm", "gpt-4o-mini", method, "answer", 60, "estimated", "m", 200, 1500L, 90,
                50, "usage", "stop", new BigDecimal("0.00003"), "18", extracted, correct, "ok", null, response);
    }

    private static Path audit(Path dir, AuditRow... rows) {
        AuditLog log = AuditLog.open(dir.resolve("audit.csv"), dir.resolve("daily"));
        for (AuditRow row : rows) {
            log.append(row);
        }
        log.close();
        return dir.resolve("audit.csv");
    }

    private static Document parse(Path xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
    }

    private static Element suite(Document doc, String name) {
        NodeList suites = doc.getElementsByTagName("testsuite");
        for (int i = 0; i < suites.getLength(); i++) {
            Element suite = (Element) suites.item(i);
            if (suite.getAttribute("name").equals(name)) {
                return suite;
            }
        }
        throw new AssertionError("no testsuite " + name);
    }

    private static Element testcase(Document doc, String classname, String name) {
        NodeList cases = doc.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            if (testcase.getAttribute("classname").equals(classname) && testcase.getAttribute("name").equals(name)) {
                return testcase;
            }
        }
        throw new AssertionError("no testcase " + classname + " " + name);
    }

    private static void assertValid(Path xml) throws Exception {
        assumeTrue(Files.isRegularFile(SCHEMA), "schema check skipped: ../shared/schemas/junit-10.xsd is not beside this clone");
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI).newSchema(SCHEMA.toFile()).newValidator()
                .validate(new StreamSource(xml.toFile()));
    }
}
