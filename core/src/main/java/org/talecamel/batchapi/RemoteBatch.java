package org.talecamel.batchapi;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A batch as the provider describes it ({@code GET /batches/{id}}).
 *
 * @param errors the messages of its {@code errors.data}, such as why it failed validation; empty when none
 */
public record RemoteBatch(String id, String status, int total, int completed, int failed, String outputFileId,
                          String errorFileId, List<String> errors) {

    /** Statuses after which the batch changes no more. */
    private static final Set<String> ENDED = Set.of("completed", "failed", "expired", "cancelled");

    static RemoteBatch of(JsonNode node) throws BatchApi.BatchApiException {
        String id = node.path("id").asText("");
        if (id.isBlank()) {
            throw new BatchApi.BatchApiException(0, "the answer describes no batch: " + node);
        }
        List<String> errors = new ArrayList<>();
        node.path("errors").path("data").forEach(error -> errors.add(error.path("code").asText("") + ": "
                + error.path("message").asText("")));
        JsonNode counts = node.path("request_counts");
        return new RemoteBatch(id, node.path("status").asText("unknown"), counts.path("total").asInt(),
                counts.path("completed").asInt(), counts.path("failed").asInt(), textOrNull(node, "output_file_id"),
                textOrNull(node, "error_file_id"), List.copyOf(errors));
    }

    /** It changes no more: its output and error files are final. */
    public boolean ended() {
        return ENDED.contains(status);
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
