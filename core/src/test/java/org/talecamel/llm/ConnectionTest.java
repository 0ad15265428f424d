package org.talecamel.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Where calls go and which header carries the key, for OpenAI-style endpoints and Azure OpenAI's two surfaces. */
class ConnectionTest {

    private static final String KEY = "azure-key-0123456789abcdef";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ftp://bob:s3cret@llm.example.com/v1  | 'ftp://llm.example.com/v1' is not an http:// or https:// URL",
        "localhost:11434/v1                   | 'localhost:11434/v1' is not an http:// or https:// URL",
        "http://bob:s3cret@llm example.com/v1 | 'http://llm example.com/v1' is not a URL (Illegal character in authority)",
        "http:///v1?key=s3cret                | 'http:///v1' has no host name"})
    void should_refuse_a_base_url_that_is_not_http_naming_the_key_and_the_value_without_credentials(String url,
                                                                                                 String reason) {
        assertThatIllegalArgumentException().isThrownBy(() -> Connection.openai("openai", url, ""))
                .withMessageStartingWith("tale.llm.base-url: " + reason + "; give the endpoint's base URL, e.g. ")
                .withMessageNotContaining("s3cret").withMessageNotContaining("bob");
    }

    @Test
    void should_call_an_http_base_url_without_its_trailing_slash_and_with_its_scheme_in_lower_case() {
        Connection connection = Connection.openai("openai", " HTTP://127.0.0.1:8000/v1/ ", "");

        assertThat(connection.baseUrl()).isEqualTo("http://127.0.0.1:8000/v1");
        assertThat(connection.chatUrl()).isEqualTo("http://127.0.0.1:8000/v1/chat/completions");
        assertThat(connection.keySent()).isFalse();
    }

    @Test
    void should_send_an_openai_key_as_a_bearer_token_and_name_openais_key_settings() {
        Connection connection = Connection.openai("openai", "https://api.openai.com/v1", " sk-1 ");

        assertThat(connection.keyHeader()).isEqualTo("Authorization");
        assertThat(connection.keyValue()).isEqualTo("Bearer sk-1");
        assertThat(connection.keySettings()).isEqualTo("tale.llm.api-key (TALE_LLM_API_KEY) or OPENAI_API_KEY");
        assertThat(connection.modelsUrl()).hasToString("https://api.openai.com/v1/models");
        assertThat(connection.body("{\"model\":\"gpt-4o-mini\"}")).isEqualTo("{\"model\":\"gpt-4o-mini\"}");
    }

    @Test
    void should_call_an_azure_deployment_with_its_api_version_and_the_key_in_the_api_key_header() {
        Connection connection = Connection.azure("azure", "https://res.openai.azure.com/", "prod-4o", "2024-10-21", KEY);

        assertThat(connection.chatUrl())
                .isEqualTo("https://res.openai.azure.com/openai/deployments/prod-4o/chat/completions?api-version=2024-10-21");
        assertThat(connection.modelsUrl()).hasToString("https://res.openai.azure.com/openai/models?api-version=2024-10-21");
        assertThat(connection.keyHeader()).isEqualTo("api-key");
        assertThat(connection.keyValue()).isEqualTo(KEY);
        assertThat(connection.keySettings()).contains("tale.llm.api-key", "AZURE_OPENAI_API_KEY");
        assertThat(connection.baseUrl()).isEqualTo("https://res.openai.azure.com");
        // the deployment path ignores the body's model: it stays the model of prices and reports
        assertThat(connection.body("{\"model\":\"gpt-4o\",\"n\":1}")).isEqualTo("{\"model\":\"gpt-4o\",\"n\":1}");
        assertThat(connection.describe()).startsWith("Azure OpenAI deployment path, api-version 2024-10-21: POST "
                + "https://res.openai.azure.com/openai/deployments/prod-4o/chat/completions,").doesNotContain(KEY);
        assertThat(connection.toString()).doesNotContain(KEY);
    }

    @Test
    void should_call_azures_v1_api_with_the_deployment_as_the_model_when_the_api_version_is_v1() {
        Connection connection = Connection.azure("azure", "https://res.openai.azure.com", "prod-4o", "v1", KEY);

        assertThat(connection.chatUrl()).isEqualTo("https://res.openai.azure.com/openai/v1/chat/completions");
        assertThat(connection.modelsUrl()).hasToString("https://res.openai.azure.com/openai/v1/models");
        assertThat(connection.keyHeader()).isEqualTo("api-key");
        assertThat(connection.body("{\"model\":\"gpt-4o\",\"n\":1}")).isEqualTo("{\"model\":\"prod-4o\",\"n\":1}");
    }

    @Test
    void should_take_a_base_url_ending_in_openai_v1_as_the_v1_api() {
        Connection connection = Connection.azure("azure", "https://res.openai.azure.com/openai/v1/", "prod-4o", "", KEY);

        assertThat(connection.chatUrl()).isEqualTo("https://res.openai.azure.com/openai/v1/chat/completions");
        assertThat(connection.baseUrl()).isEqualTo("https://res.openai.azure.com");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // OpenAI's Batch API beside its chat URL; lines name the chat path
        "openai | https://api.openai.com/v1 | ''         | https://api.openai.com/v1/files | https://api.openai.com/v1/batches | '' | /v1/chat/completions",
        // Azure, dated: the resource's files and batches, the api-version on every URL, lines' url /chat/completions
        "azure  | https://res.openai.azure.com | 2024-10-21 | https://res.openai.azure.com/openai/files | https://res.openai.azure.com/openai/batches | ?api-version=2024-10-21 | /chat/completions",
        // Azure's v1 API: no api-version; its reference's batch endpoint /v1/chat/completions
        "azure  | https://res.openai.azure.com | v1 | https://res.openai.azure.com/openai/v1/files | https://res.openai.azure.com/openai/v1/batches | '' | /v1/chat/completions"})
    void should_send_batches_to_the_batch_api_beside_the_chat_url(String provider, String base, String version,
                                                                  String files, String batches, String query,
                                                                  String lineUrl) {
        Connection connection = provider.equals("openai") ? Connection.openai("openai", base, KEY)
                : Connection.azure("azure", base, "prod-4o", version, KEY);

        assertThat(connection.batchAddresses()).isEqualTo(new Connection.BatchAddresses(files, batches, query, lineUrl));
    }

    @Test
    void should_name_the_deployment_in_every_azure_batch_line_on_either_api() {
        String body = "{\"model\":\"gpt-4o\",\"n\":1}";

        assertThat(Connection.azure("azure", "https://res.openai.azure.com", "prod-4o", "2024-10-21", KEY)
                .batchBody(body)).isEqualTo("{\"model\":\"prod-4o\",\"n\":1}");
        assertThat(Connection.azure("azure", "https://res.openai.azure.com", "prod-4o", "v1", KEY).batchBody(body))
                .isEqualTo("{\"model\":\"prod-4o\",\"n\":1}");
        assertThat(Connection.openai("openai", "https://api.openai.com/v1", KEY).batchBody(body)).isEqualTo(body);
    }

    @Test
    void should_tell_two_deployments_of_one_resource_apart_in_the_response_cache() {
        assertThat(Connection.azure("azure", "https://res.openai.azure.com", "a", "2024-10-21", KEY).cacheScope())
                .isNotEqualTo(Connection.azure("azure", "https://res.openai.azure.com", "b", "2024-10-21", KEY).cacheScope());
        assertThat(Connection.openai("openai", "http://127.0.0.1:4000/v1", "").cacheScope()).isEqualTo("127.0.0.1:4000");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://res.openai.azure.com         | ''          | 2024-10-21 | tale.llm.azure.deployment (TALE_LLM_AZURE_DEPLOYMENT) is not set",
        "https://res.openai.azure.com         | 'a/b'       | 2024-10-21 | tale.llm.azure.deployment: 'a/b' is not a deployment name",
        "https://res.openai.azure.com         | prod        | ''         | tale.llm.azure.api-version (TALE_LLM_AZURE_API_VERSION) is not set",
        "https://res.openai.azure.com         | prod        | latest     | tale.llm.azure.api-version: 'latest' is not an api-version",
        "https://res.openai.azure.com/openai/v1 | prod      | 2024-10-21 | tale.llm.azure.api-version: '2024-10-21' is a dated version",
        "https://res.openai.azure.com/openai/deployments/prod | prod | 2024-10-21 | tale.llm.base-url: 'https://res.openai.azure.com/openai/deployments/prod' is a deployment's URL"})
    void should_refuse_azure_settings_that_cannot_make_a_call_naming_the_setting(String base, String deployment,
                                                                               String version, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Connection.azure("azure", base, deployment, version, KEY))
                .withMessageStartingWith(message);
    }

    @Test
    void should_take_the_providers_own_key_only_when_tale_llm_api_key_is_empty() {
        Map<String, String> azure = Map.of("tale.llm.provider", "azure", "tale.llm.base-url", "https://res.openai.azure.com",
                "tale.llm.openai.api-key", "sk-openai", "tale.llm.azure.api-key", "from-azure-env",
                "tale.llm.azure.deployment", "prod", "tale.llm.azure.api-version", "2024-10-21");

        assertThat(ProviderSettings.from(key -> Optional.ofNullable(azure.get(key))).connect(null).keyValue())
                .isEqualTo("from-azure-env");
        Map<String, String> explicit = new java.util.HashMap<>(azure);
        explicit.put("tale.llm.api-key", "explicit");
        assertThat(ProviderSettings.from(key -> Optional.ofNullable(explicit.get(key))).connect(null).keyValue())
                .isEqualTo("explicit");
        Map<String, String> openai = new java.util.HashMap<>(azure);
        openai.put("tale.llm.provider", "openai");
        assertThat(ProviderSettings.from(key -> Optional.ofNullable(openai.get(key))).connect(null).keyValue())
                .isEqualTo("Bearer sk-openai");
    }

    @Test
    void should_refuse_an_unknown_provider_naming_the_three() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> ProviderSettings.from(key -> key.equals("tale.llm.provider") ? Optional.of("bedrock")
                        : Optional.empty()))
                .withMessage("tale.llm.provider: unknown provider 'bedrock' (use simulator, openai or azure)");
    }
}
