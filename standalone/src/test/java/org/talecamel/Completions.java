package org.talecamel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Canned OpenAI chat completions for the WireMock stand-ins of the endpoint tests: 60 prompt and 12 answer tokens. */
final class Completions {

    private Completions() {
    }

    /** A 200 answer whose message is {@code content}. */
    static ResponseDefinitionBuilder answering(String content) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body(content));
    }

    static String body(String content) {
        return "{\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + content
                + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":60,\"completion_tokens\":12,\"total_tokens\":72}}";
    }
}
