package org.talecamel.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://bob:s3cret@llm.example.com/v1  | 'ftp://llm.example.com/v1' is not an http:// or https:// URL",
        "localhost:11434/v1                   | 'localhost:11434/v1' is not an http:// or https:// URL",
        "http://bob:s3cret@llm example.com/v1 | 'http://llm example.com/v1' is not a URL (Illegal character in authority)",
        "http:///v1?key=s3cret                | 'http:///v1' has no host name"})
    void should_refuse_a_base_url_that_is_not_http_naming_the_key_and_the_value_without_credentials(String url,
                                                                                                 String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> Endpoint.openai(url, "m"))
                .withMessageStartingWith("tale.llm.base-url: " + reason + "; give the endpoint's base URL, e.g. ")
                .withMessageNotContaining("s3cret").withMessageNotContaining("bob");
    }

    @Test
    void should_call_an_http_base_url_without_its_trailing_slash_and_with_its_scheme_in_lower_case() {
        assertThat(Endpoint.openai(" HTTP://127.0.0.1:8000/v1/ ", "m").baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
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
