package dev.gatehouse.cdi.ai.provider;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The Gemini API address of a model's method: {@code {baseUrl}/models/{model}:generateContent}, or
 * {@code :streamGenerateContent?alt=sse} for a stream. The key never goes in the address (it is sent in the
 * {@code x-goog-api-key} header), so addresses can be logged.
 *
 * @see <a href="https://ai.google.dev/api/generate-content">generateContent, streamGenerateContent</a>
 */
final class GeminiEndpoint {

    /** A model id ({@code gemini-2.5-flash}), or a resource name ({@code models/...}, {@code tunedModels/...}). */
    private static final Pattern MODEL =
            Pattern.compile("(?:(?:models|tunedModels)/)?[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private GeminiEndpoint() {
    }

    /**
     * @throws IllegalArgumentException when the model is not a plain id or resource name (a configuration error), or
     *         the base URL has a query or fragment
     */
    static URI of(URI baseUrl, String model, boolean stream) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new IllegalArgumentException("The Gemini model name is not a valid model id");
        }
        if (baseUrl.getRawQuery() != null || baseUrl.getRawFragment() != null) {
            throw new IllegalArgumentException("The Gemini base URL must not have a query or fragment");
        }
        String base = baseUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String resource = model.contains("/") ? model : "models/" + model;
        return URI.create(base + "/" + resource + (stream ? ":streamGenerateContent?alt=sse" : ":generateContent"));
    }
}
