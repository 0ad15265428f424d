package org.talecamel.health;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.talecamel.llm.Connection;

/**
 * The LLM endpoint is up when {base}/models gets an HTTP answer other than 401 or 403; a 401 or 403 is the key
 * refused, and no answer at all is down. The probe sends the key the calls send.
 */
class LlmEndpointProbeTest {

    private static final String KEY = "sk-health-probe-0123456789abcdef";

    @RegisterExtension
    final WireMockExtension endpoint = WireMockExtension.newInstance()
            .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort()).build();

    @Test
    void should_be_up_with_any_other_http_answer_and_send_the_configured_key() {
        // given: a server without /models (a 404 is still an answer)
        endpoint.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(404)));

        // when
        LlmEndpointProbe.Answer answer = probe(KEY).probe();

        // then
        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.UP);
        assertThat(answer.up()).isTrue();
        assertThat(answer.message()).isEqualTo(server() + " answered HTTP 404");
        endpoint.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", equalTo("Bearer " + KEY)));
    }

    @Test
    void should_tell_an_endpoint_that_refuses_the_key_apart_from_one_that_is_up() {
        // given
        endpoint.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"message\":\"Incorrect API key provided\"}}")));

        // when
        LlmEndpointProbe.Answer answer = probe(KEY).probe();

        // then: answered, but refused; the message names the settings, never the key
        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.REFUSED_KEY);
        assertThat(answer.up()).isFalse();
        assertThat(answer.message()).isEqualTo(server() + " answered, but refused the API key (HTTP 401): set "
                + "tale.llm.api-key (TALE_LLM_API_KEY) or OPENAI_API_KEY").doesNotContain(KEY);
    }

    @Test
    void should_say_no_key_was_sent_when_the_endpoint_refuses_a_request_without_one() {
        // given
        endpoint.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(403)));

        // when
        LlmEndpointProbe.Answer answer = probe(" ").probe();

        // then
        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.REFUSED_KEY);
        assertThat(answer.message()).contains("refused the request without an API key (HTTP 403)");
        endpoint.verify(getRequestedFor(urlEqualTo("/v1/models")).withHeader("Authorization", absent()));
    }

    @Test
    void should_make_the_health_check_down_with_the_state_when_the_key_is_refused() {
        // given
        endpoint.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(401)));
        LlmEndpointHealthCheck check = new LlmEndpointHealthCheck(probe(KEY));

        // when
        HealthCheck.Result result = check.call(Map.of());

        // then
        assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(result.getMessage()).hasValueSatisfying(message -> assertThat(message)
                .contains("answered, but refused the API key (HTTP 401)"));
        assertThat(result.getDetails()).containsEntry("state", "refused-key")
                .containsEntry("url", endpoint.baseUrl() + "/v1/models");
        assertThat(result.getDetails().values()).allSatisfy(value -> assertThat(String.valueOf(value)).doesNotContain(KEY));
    }

    @Test
    void should_keep_the_health_check_up_when_the_endpoint_answers() {
        endpoint.stubFor(get(urlEqualTo("/v1/models")).willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));

        HealthCheck.Result result = new LlmEndpointHealthCheck(probe(KEY)).call(Map.of());

        assertThat(result.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(result.getDetails()).containsEntry("state", "up");
    }

    @Test
    void should_not_count_a_refused_connection() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LlmEndpointProbe.Answer answer = new LlmEndpointProbe(Connection.openai("openai", "http://127.0.0.1:" + port
                + "/v1", KEY), Duration.ofMillis(500)).probe();

        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.NO_ANSWER);
        assertThat(answer.message()).startsWith("no answer from 127.0.0.1:" + port + " within 500 ms (ConnectException");
    }

    @Test
    void should_ask_the_base_urls_models_keeping_its_query_and_show_the_url_without_user_info_or_query() {
        Connection connection = Connection.openai("openai", "https://me:secret@llm.example.com:8443/openai/v1?api-key=k", "");

        assertThat(connection.modelsUrl()).hasToString("https://me:secret@llm.example.com:8443/openai/v1/models?api-key=k");
        assertThat(new LlmEndpointProbe(connection, Duration.ofSeconds(1)).url())
                .isEqualTo("https://llm.example.com:8443/openai/v1/models");
    }

    @Test
    void should_ask_an_azure_resource_for_its_models_with_the_api_version_and_the_api_key_header() {
        // given
        endpoint.stubFor(get(urlEqualTo("/openai/models?api-version=2024-10-21"))
                .willReturn(aResponse().withStatus(200).withBody("{\"data\":[]}")));

        // when
        LlmEndpointProbe.Answer answer = new LlmEndpointProbe(Connection.azure("azure", endpoint.baseUrl(), "prod-4o",
                "2024-10-21", KEY), Duration.ofSeconds(2)).probe();

        // then: the key in api-key, never as a bearer token; the URL shown without its query
        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.UP);
        assertThat(answer.url()).isEqualTo(endpoint.baseUrl() + "/openai/models");
        endpoint.verify(getRequestedFor(urlEqualTo("/openai/models?api-version=2024-10-21"))
                .withHeader("api-key", equalTo(KEY)).withHeader("Authorization", absent()));
    }

    @Test
    void should_ask_azures_v1_api_for_its_models_and_name_the_azure_key_when_it_is_refused() {
        // given: Azure's refusal of a wrong key
        endpoint.stubFor(get(urlEqualTo("/openai/v1/models")).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key\"}}")));

        // when
        LlmEndpointProbe.Answer answer = new LlmEndpointProbe(Connection.azure("azure", endpoint.baseUrl() + "/openai/v1/",
                "prod-4o", "", KEY), Duration.ofSeconds(2)).probe();

        // then
        assertThat(answer.state()).isEqualTo(LlmEndpointProbe.State.REFUSED_KEY);
        assertThat(answer.message()).isEqualTo(server() + " answered, but refused the API key (HTTP 401): set "
                + "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY").doesNotContain(KEY);
        endpoint.verify(getRequestedFor(urlEqualTo("/openai/v1/models")).withHeader("api-key", equalTo(KEY)));
    }

    private LlmEndpointProbe probe(String key) {
        return new LlmEndpointProbe(Connection.openai("openai", endpoint.baseUrl() + "/v1/", key), Duration.ofSeconds(2));
    }

    private String server() {
        return "localhost:" + endpoint.getPort();
    }
}
