package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
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

    @Test
    void should_show_an_azure_deployment_and_tell_deployments_apart() {
        Endpoint azure = Endpoint.of(org.talecamel.llm.Connection.azure("azure", "https://res.openai.azure.com/",
                "prod-4o", "2024-10-21", "k3y-azure"), "gpt-4o");

        assertThat(azure.describe()).isEqualTo("gpt-4o at https://res.openai.azure.com (azure, deployment prod-4o)");
        assertThat(azure.identity()).isEqualTo("azure https://res.openai.azure.com deployment prod-4o");
    }

    @Test
    void should_write_the_deployment_into_json_only_for_azure() throws Exception {
        Endpoint azure = new Endpoint("azure", "https://res.openai.azure.com", "gpt-4o", false, "prod-4o");

        assertThat(new ObjectMapper().writeValueAsString(azure)).contains("\"deployment\":\"prod-4o\"");
        assertThat(new ObjectMapper().writeValueAsString(withCredentials)).doesNotContain("deployment");
    }

    @Test
    void should_warn_about_a_base_url_the_simulator_ignores_only_when_it_is_not_the_default() {
        assertThat(Endpoint.ignoredBySimulator(Endpoint.OPENAI_BASE_URL)).isEmpty();
        assertThat(Endpoint.ignoredBySimulator("http://user:pw@localhost:11434/v1")).hasValueSatisfying(warning ->
                assertThat(warning).startsWith("tale.llm.base-url http://localhost:11434/v1 is ignored because "
                        + "tale.llm.provider=simulator").contains("TALE_LLM_PROVIDER=openai").doesNotContain("pw"));
    }

    @Test
    void should_know_the_default_base_url_of_the_shipped_configuration() throws Exception {
        // the warning above tells the user's base URL from this default
        Properties shipped = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("config/application.properties"))) {
            shipped.load(reader);
        }
        assertThat(shipped.getProperty("tale.llm.base-url")).isEqualTo(Endpoint.OPENAI_BASE_URL);
    }
}
