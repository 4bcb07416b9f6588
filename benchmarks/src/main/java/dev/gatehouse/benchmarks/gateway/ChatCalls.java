package dev.gatehouse.benchmarks.gateway;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * The JDK's {@link HttpClient} (HTTP/1.1, keep-alive) as the benchmark's client ({@code client=jdk}; the load generator
 * of the runs before the sixth session), and the check that an endpoint answers the fake's completion. Timed from just
 * before {@code send}. Each thread gets its own connection from the client's pool.
 */
final class ChatCalls implements ChatClient {

    /** The request of every blocking call. */
    static final String BLOCKING_BODY = "{\"model\":\"" + GatewayRig.ALIAS + "\",\"messages\":[{\"role\":\"user\","
            + "\"content\":\"Say hello.\"}]}";
    /**
     * The request of every streamed call. It asks for the usage chunk, which the gateway asks its provider for anyway,
     * so that the fake writes the same stream for both sides.
     */
    static final String STREAM_BODY = "{\"model\":\"" + GatewayRig.ALIAS + "\",\"stream\":true,"
            + "\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Say hello.\"}]}";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public long blocking(Endpoint endpoint, int i) throws IOException, InterruptedException {
        HttpRequest request = request(endpoint, i, BLOCKING_BODY);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        long elapsed = System.nanoTime() - start;
        if (response.statusCode() != 200 || response.body().length == 0) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return elapsed;
    }

    /** Read line by line to its end. */
    @Override
    public StreamTimes stream(Endpoint endpoint, int i) throws IOException, InterruptedException {
        HttpRequest request = request(endpoint, i, STREAM_BODY);
        long start = System.nanoTime();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        long firstData = -1;
        String lastData = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data:")) {
                    if (firstData < 0) {
                        firstData = System.nanoTime() - start;
                    }
                    lastData = line;
                }
            }
        }
        long total = System.nanoTime() - start;
        if (response.statusCode() != 200 || !"data: [DONE]".equals(lastData)) {
            throw new IllegalStateException(endpoint + " answered " + response.statusCode() + ", stream ended with "
                    + lastData);
        }
        return new StreamTimes(firstData, total);
    }

    /**
     * Fails unless {@code endpoint} answers the fake's completion, blocking and streamed: what is measured must be
     * the same answer on both sides, not an error page. Returns the number of {@code data:} events streamed.
     */
    int check(Endpoint endpoint) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(request(endpoint, 0, BLOCKING_BODY),
                HttpResponse.BodyHandlers.ofString());
        String content = answer.statusCode() == 200 ? json(answer.body()).getJsonArray("choices").getJsonObject(0)
                .getJsonObject("message").getString("content") : answer.body();
        HttpResponse<String> stream = client.send(request(endpoint, 0, STREAM_BODY),
                HttpResponse.BodyHandlers.ofString());
        StringBuilder streamed = new StringBuilder();
        List<String> events = new ArrayList<>();
        for (String event : stream.body().split("\n\n")) {
            String data = event.strip().substring("data: ".length());
            events.add(data);
            if (!data.equals("[DONE]")) {
                json(data).getJsonArray("choices").forEach(c -> streamed.append(c.asJsonObject()
                        .getJsonObject("delta").getString("content", "")));
            }
        }
        if (!GatewayRig.ANSWER.equals(content) || !GatewayRig.ANSWER.contentEquals(streamed)
                || !events.get(events.size() - 1).equals("[DONE]")) {
            throw new IllegalStateException(endpoint + " answered '" + content + "' and streamed '" + streamed + "'");
        }
        return events.size();
    }

    private static HttpRequest request(Endpoint endpoint, int i, String body) {
        return HttpRequest.newBuilder(endpoint.uri())
                .header("Content-Type", "application/json")
                .header("Authorization", endpoint.authorization(i))
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    private static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }
}
