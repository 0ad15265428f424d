package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private final Endpoint withCredentials =
            new Endpoint("openai", "https://someone:pass-word@llm.example.com:8443/v1?api-key=k3y", "m", false);

    @Test
    void should_show_the_url_without_user_info_or_query() {
        assertThat(withCredentials.describe()).isEqualTo("m at https://llm.example.com:8443/v1 (openai)");
    }

    @Test
    void should_write_no_credentials_into_json() throws Exception {
        String json = new ObjectMapper().writeValueAsString(withCredentials);
        assertThat(json).contains("\"baseUrl\":\"https://llm.example.com:8443/v1\"").doesNotContain("pass-word", "k3y");
    }

    @Test
    void should_keep_the_url_calls_go_to() {
        assertThat(withCredentials.baseUrl()).isEqualTo("https://someone:pass-word@llm.example.com:8443/v1?api-key=k3y");
    }
}
