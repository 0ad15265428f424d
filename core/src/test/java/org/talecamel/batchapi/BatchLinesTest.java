package org.talecamel.batchapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A batch's output is matched to its requests by custom_id, whatever the order of its lines. */
class BatchLinesTest {

    @Test
    void should_key_output_lines_by_custom_id_whatever_their_order() {
        String output = """
                {"id":"r3","custom_id":"tale-c","response":{"status_code":200,"body":{"n":3}},"error":null}
                {"id":"r1","custom_id":"tale-a","response":{"status_code":200,"body":{"n":1}},"error":null}

                {"id":"r2","custom_id":"tale-b","response":null,"error":{"code":"batch_expired","message":"late"}}
                """;

        var lines = BatchCalls.byCustomId(output);

        assertThat(lines).containsOnlyKeys("tale-a", "tale-b", "tale-c");
        assertThat(lines.get("tale-a")).contains("\"n\":1");
        assertThat(lines.get("tale-c")).contains("\"n\":3");
        assertThat(BatchCalls.answers(lines.get("tale-a"))).isTrue();
        assertThat(BatchCalls.answers(lines.get("tale-b"))).isFalse();
    }

    @Test
    void should_skip_a_line_that_is_not_json_or_names_no_request() {
        var lines = BatchCalls.byCustomId("not json\n{\"id\":\"r9\",\"response\":{}}\n"
                + "{\"custom_id\":\"tale-x\",\"response\":{\"status_code\":200,\"body\":{}}}\n");

        assertThat(lines).containsOnlyKeys("tale-x");
    }

    @Test
    void should_write_an_input_line_the_batch_api_takes() {
        String line = BatchCalls.inputLine("tale-a", "/v1/chat/completions", "{\"model\":\"m\",\"messages\":[]}");

        assertThat(line).isEqualTo("{\"custom_id\":\"tale-a\",\"method\":\"POST\",\"url\":\"/v1/chat/completions\","
                + "\"body\":{\"model\":\"m\",\"messages\":[]}}");
    }
}
