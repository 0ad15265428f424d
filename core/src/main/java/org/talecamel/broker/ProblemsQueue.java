package org.talecamel.broker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.talecamel.api.UploadName;

/**
 * Problems that arrive as JMS messages on {@code tale.broker.problems-queue} become files in the inbox, and are read,
 * audited and reported as any file dropped there (routes/broker.camel.yaml). A message is one whole file, named by
 * its {@code taleFileName} property (whose extension gives the format: .jsonl, .json or .csv), or one problem: a JSON
 * object with no such property, kept as a one-line {@code .jsonl} file. A message that is neither is kept as it came,
 * so that the inbox rejects it with its file, line and reason, and nothing sent is lost.
 */
public final class ProblemsQueue {

    /** JMS property of a message that holds a whole file: the file's name. */
    public static final String FILE_NAME = "taleFileName";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path inbox;

    public ProblemsQueue(Path inbox) {
        this.inbox = inbox;
    }

    /** Sets the name the message is written under in the inbox, and a single problem's body as one line. */
    public void toFile(Exchange exchange) {
        String body = exchange.getMessage().getBody(String.class);
        String requested = UploadName.sanitise(exchange.getMessage().getHeader(FILE_NAME, String.class));
        String id = exchange.getMessage().getHeader("JMSMessageID", String.class);
        String name = requested;
        if (name.isEmpty()) {
            name = "jms-" + (id == null ? Long.toString(System.nanoTime()) : id.replaceAll("[^A-Za-z0-9-]", "-"))
                    + ".jsonl";
            JsonNode problem = parsed(body);
            if (problem != null && problem.isObject()) {
                body = problem.toString() + "\n";
            }
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setBody(body == null ? "" : body);
        exchange.getMessage().setHeader(Exchange.FILE_NAME, unused(name));
    }

    /** The name, or the name with -2, -3... before its extension when a file of that name waits in the inbox. */
    private String unused(String name) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        String candidate = name;
        for (int n = 2; Files.exists(inbox.resolve(candidate)); n++) {
            candidate = base + "-" + n + extension;
        }
        return candidate;
    }

    private static JsonNode parsed(String body) {
        try {
            return body == null ? null : JSON.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
