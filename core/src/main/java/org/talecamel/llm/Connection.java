package org.talecamel.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to reach one chat endpoint: where calls go, where the health check asks, which header carries the key, and
 * what the messages about a refused key name. Built once from the settings ({@link ProviderSettings}); the chat route
 * and the health check both use it, so a run with several endpoints needs only several of these.
 *
 * <p>Two schemes: OpenAI's ({@code POST {base}/chat/completions}, {@code Authorization: Bearer}), which OpenAI,
 * vLLM, Ollama, llama.cpp and the OpenAI-compatible endpoints of other vendors share, and Azure OpenAI's, on its
 * deployment path ({@code POST {resource}/openai/deployments/{deployment}/chat/completions?api-version=...}) or its
 * v1 API ({@code POST {resource}/openai/v1/chat/completions}, the deployment named as the model), both with an
 * {@code api-key} header. The key is never shown: {@link #toString} and {@link #describe} leave it out, and every URL
 * they show is without user info or query.
 */
public final class Connection {

    /** The key settings OpenAI-style endpoints read, as the messages name them. */
    public static final String OPENAI_KEY_SETTINGS = "tale.llm.api-key (TALE_LLM_API_KEY) or OPENAI_API_KEY";
    /** The key settings Azure OpenAI reads, as the messages name them. */
    public static final String AZURE_KEY_SETTINGS = "tale.llm.api-key (TALE_LLM_API_KEY) or AZURE_OPENAI_API_KEY";
    /** The api-version that selects Azure's v1 API instead of a dated one. */
    public static final String AZURE_V1 = "v1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern USER_INFO = Pattern.compile("//[^/?#]*@");
    private static final Pattern QUERY = Pattern.compile("[?#].*$", Pattern.DOTALL);
    /** Azure's own rule for deployment names, and nothing that could leave the path segment. */
    private static final Pattern DEPLOYMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern DATED_VERSION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(-preview)?");
    private static final String V1_PATH = "/openai/v1";

    private final String provider;
    private final String baseUrl;
    private final String chatUrl;
    private final URI modelsUrl;
    private final String keyHeader;
    private final String keyValue;
    private final String keySettings;
    private final String deployment;
    private final String bodyModel;
    private final String scheme;

    private Connection(String provider, String baseUrl, String chatUrl, URI modelsUrl, String keyHeader,
                       String keyValue, String keySettings, String deployment, String bodyModel, String scheme) {
        this.provider = provider;
        this.baseUrl = baseUrl;
        this.chatUrl = chatUrl;
        this.modelsUrl = modelsUrl;
        this.keyHeader = keyHeader;
        this.keyValue = keyValue;
        this.keySettings = keySettings;
        this.deployment = deployment;
        this.bodyModel = bodyModel;
        this.scheme = scheme;
    }

    /**
     * An OpenAI-compatible endpoint: {@code {base}/chat/completions}, {@code GET {base}/models}, the key as a bearer
     * token.
     *
     * @param provider what reports call it ({@code openai}, or {@code simulator} for the built-in one)
     * @param apiKey   blank for none
     */
    public static Connection openai(String provider, String baseUrl, String apiKey) {
        String base = normalised(baseUrl, "https://api.openai.com/v1 or http://localhost:11434/v1");
        String key = apiKey == null ? "" : apiKey.strip();
        return new Connection(provider, base, appended(base, "/chat/completions"), uri(appended(base, "/models")),
                "Authorization",
                key.isEmpty() ? "" : "Bearer " + key, OPENAI_KEY_SETTINGS, null, null, "OpenAI API");
    }

    /**
     * An Azure OpenAI resource. A dated {@code apiVersion} (such as {@code 2024-10-21}) calls the deployment path with
     * it in the query; {@code v1}, or a base URL ending in {@code /openai/v1}, calls the v1 API, which takes no
     * api-version and reads the deployment from the body's {@code model}. Refused, naming the setting, when the
     * deployment or the api-version is missing or malformed.
     *
     * @param baseUrl the resource endpoint, {@code https://NAME.openai.azure.com} (or a gateway in front of it)
     */
    public static Connection azure(String provider, String baseUrl, String deployment, String apiVersion,
                                   String apiKey) {
        String base = normalised(baseUrl, "https://NAME.openai.azure.com");
        if (base.contains("/openai/deployments/")) {
            throw new IllegalArgumentException("tale.llm.base-url: '" + shown(base) + "' is a deployment's URL; give "
                    + "the resource endpoint, e.g. https://NAME.openai.azure.com, and the deployment in "
                    + "tale.llm.azure.deployment (TALE_LLM_AZURE_DEPLOYMENT)");
        }
        String name = deployment == null ? "" : deployment.strip();
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tale.llm.azure.deployment (TALE_LLM_AZURE_DEPLOYMENT) is not set: "
                    + "tale.llm.provider=azure calls a deployment of your Azure OpenAI resource; set it to the "
                    + "deployment's name, as the Azure portal lists it");
        }
        if (!DEPLOYMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("tale.llm.azure.deployment: '" + name + "' is not a deployment name "
                    + "(letters, digits, '.', '_' and '-')");
        }
        String version = apiVersion == null ? "" : apiVersion.strip();
        boolean v1Base = base.endsWith(V1_PATH);
        boolean v1 = v1Base || version.equals(AZURE_V1);
        if (v1Base && !version.isEmpty() && !version.equals(AZURE_V1)) {
            throw new IllegalArgumentException("tale.llm.azure.api-version: '" + version + "' is a dated version, "
                    + "for the deployment path, but tale.llm.base-url ends in " + V1_PATH + " (Azure's v1 API, which "
                    + "takes none): set tale.llm.azure.api-version to v1, or the base URL to the resource endpoint");
        }
        if (!v1 && version.isEmpty()) {
            throw new IllegalArgumentException("tale.llm.azure.api-version (TALE_LLM_AZURE_API_VERSION) is not set: "
                    + "give a dated version such as 2024-10-21 (the deployment path), or v1 for Azure's v1 API");
        }
        if (!v1 && !DATED_VERSION.matcher(version).matches()) {
            throw new IllegalArgumentException("tale.llm.azure.api-version: '" + version + "' is not an api-version; "
                    + "give a dated one such as 2024-10-21 or 2025-04-01-preview, or v1 for Azure's v1 API");
        }
        String key = apiKey == null ? "" : apiKey.strip();
        if (v1) {
            String root = v1Base ? base.substring(0, base.length() - V1_PATH.length()) : base;
            return new Connection(provider, root, root + V1_PATH + "/chat/completions", uri(root + V1_PATH + "/models"),
                    "api-key", key, AZURE_KEY_SETTINGS, name, name, "Azure OpenAI v1 API");
        }
        String query = "?api-version=" + URLEncoder.encode(version, StandardCharsets.UTF_8);
        return new Connection(provider, base, base + "/openai/deployments/" + name + "/chat/completions" + query,
                uri(base + "/openai/models" + query), "api-key", key, AZURE_KEY_SETTINGS, name, null,
                "Azure OpenAI deployment path, api-version " + version);
    }

    /** What reports call the endpoint: {@code openai}, {@code azure} or {@code simulator}. */
    public String provider() {
        return provider;
    }

    /** The base URL, as configured (without a trailing slash; for Azure, the resource endpoint). */
    public String baseUrl() {
        return baseUrl;
    }

    /** Where every chat call goes, its query included. */
    public String chatUrl() {
        return chatUrl;
    }

    /** The chat URL without its query: the endpoint the chat route sends to. */
    public String chatAddress() {
        int query = chatUrl.indexOf('?');
        return query < 0 ? chatUrl : chatUrl.substring(0, query);
    }

    /** The chat URL's query, as sent ({@code api-version=2024-10-21}), or null for none. */
    public String chatQuery() {
        int query = chatUrl.indexOf('?');
        return query < 0 ? null : chatUrl.substring(query + 1);
    }

    /**
     * Where this endpoint's Batch API is: the files and batches URLs beside the chat URL (with its query: Azure's
     * api-version), and the {@code url} each line of a batch's input names: the chat URL's path for OpenAI-style
     * endpoints ({@code /v1/chat/completions}); on Azure's deployment path {@code /chat/completions}, as its batch
     * how-to for dated api-versions has it; on Azure's v1 API {@code /v1/chat/completions}, the endpoint its v1
     * reference names for a batch (and its how-to for every line).
     */
    public BatchAddresses batchAddresses() {
        String address = chatAddress();
        String root = address.substring(0, address.length() - "/chat/completions".length());
        String query = chatQuery() == null ? "" : "?" + chatQuery();
        String lineUrl = uri(address).getPath();
        if (deployment != null && bodyModel == null) {
            // the deployment path: the files and batches are the resource's, not the deployment's
            root = baseUrl + "/openai";
            lineUrl = "/chat/completions";
        } else if (deployment != null) {
            lineUrl = "/v1/chat/completions";
        }
        return new BatchAddresses(root + "/files", root + "/batches", query, lineUrl);
    }

    /**
     * A request body as a line of a batch takes it: Azure's batch lines name the deployment in {@code model}, on
     * either API; elsewhere as {@link #body}.
     */
    public String batchBody(String json) {
        return deployment == null ? body(json) : withModel(json, deployment);
    }

    /**
     * The Batch API of an endpoint.
     *
     * @param query   appended to every URL: {@code ?api-version=...}, or ""
     * @param lineUrl the {@code url} of each input line, and the batch's {@code endpoint}
     */
    public record BatchAddresses(String filesUrl, String batchesUrl, String query, String lineUrl) {
    }

    /** What the health check asks: the endpoint's list of models. */
    public URI modelsUrl() {
        return modelsUrl;
    }

    /** The Azure deployment called, or null for an OpenAI-style endpoint. */
    public String deployment() {
        return deployment;
    }

    /** The header that carries the key: {@code Authorization} or {@code api-key}. */
    public String keyHeader() {
        return keyHeader;
    }

    /** Its value, never to be shown; empty when no key is sent. */
    public String keyValue() {
        return keyValue;
    }

    public boolean keySent() {
        return !keyValue.isEmpty();
    }

    /** The settings that give the key, for the messages about a missing or refused one. */
    public String keySettings() {
        return keySettings;
    }

    /**
     * The request body as this endpoint takes it: Azure's v1 API reads the deployment from {@code model}, so it
     * replaces the model named in the settings (which stays the model of prices and reports).
     */
    public String body(String json) {
        return bodyModel == null ? json : withModel(json, bodyModel);
    }

    private static String withModel(String json, String model) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(json);
            body.put("model", model);
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("a chat request is not a JSON object: " + e.getMessage(), e);
        }
    }

    /**
     * What names the endpoint in the response cache's keys: its host and port, and for Azure the deployment, whose
     * answers are another model's even with the same body.
     */
    public String cacheScope() {
        URI chat = uri(chatUrl);
        String hostAndPort = chat.getHost() + ":" + chat.getPort();
        return deployment == null ? hostAndPort : hostAndPort + " deployment " + deployment;
    }

    /** "Azure OpenAI deployment path, api-version 2024-10-21: POST https://NAME.openai.azure.com/openai/...". */
    public String describe() {
        return scheme + ": POST " + shown(chatUrl) + (keySent() ? ", key in the " + keyHeader + " header" : ", no key");
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * A base URL as calls use it, refused at start unless it is an http:// or https:// URL with a host (Camel would
     * otherwise fail to build the chat route, or look for an ftp component): without a trailing slash, its scheme in
     * lower case (Camel finds its http component by the scheme's name).
     */
    static String normalised(String baseUrl, String example) {
        String url = baseUrl == null ? "" : baseUrl.strip();
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        String problem;
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            problem = !scheme.equals("http") && !scheme.equals("https") ? "is not an http:// or https:// URL"
                    : uri.getHost() == null ? "has no host name" : null;
            url = scheme + url.substring(scheme.length());
        } catch (URISyntaxException e) {
            problem = "is not a URL (" + e.getReason() + ")";
        }
        if (problem != null) {
            throw new IllegalArgumentException("tale.llm.base-url: '" + shown(url) + "' " + problem
                    + "; give the endpoint's base URL, e.g. " + example);
        }
        return url;
    }

    /** A URL without user info or query (where some servers take credentials), even one that cannot be parsed. */
    public static String shown(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            }
        } catch (URISyntaxException e) {
            // shown as written, without what could be credentials
        }
        return USER_INFO.matcher(QUERY.matcher(url).replaceFirst("")).replaceFirst("//");
    }

    /** {@code path} added to the URL's path, before its query (some servers take a version or a key there). */
    static String appended(String url, String path) {
        int query = url.indexOf('?');
        return query < 0 ? url + path : url.substring(0, query) + path + url.substring(query);
    }

    private static URI uri(String url) {
        try {
            return new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("tale.llm.base-url is not a URL: " + shown(url), e);
        }
    }
}
