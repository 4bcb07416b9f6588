package dev.gatehouse.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.filter.testing.TestTokens;
import dev.gatehouse.it.app.GreetingPrompt;
import dev.gatehouse.it.app.ModelClientResource;

/**
 * Application code using the gateway in process, on the server: {@code @Inject @Model("chat") ModelClient} in a JAX-RS
 * resource ({@link ModelClientResource}) and a {@code @PromptEndpoint} ({@link GreetingPrompt}), in a copy of the
 * sample deployed beside it (the sample itself has no AI configuration by default, and an unknown alias would fail
 * its deployment). Part of {@link SampleApplicationTests}, so it runs on every server.
 */
interface ModelApplicationTests {

    /** What the tests ask {@link ModelClientResource} to send to the model. */
    String MESSAGE = "Say hi";

    /** The copy of the sample with the model client resource and the prompt endpoint. */
    Http modelApplication();

    @Test
    default void injectedModelClientWhenCalledThenAnswersWithTheProvidersTextUsingOnlyTheProviderKey() {
        String token = TestTokens.valid().mint();

        HttpResponse<String> response = askModelClientResource("complete", token);

        assertEquals(200, response.statusCode(), response::body);
        assertEquals(FakeProvider.ANSWER, Http.object(response.body()).getString("text"));
        JsonObject sent = FakeProvider.server().lastRequest().json();
        assertEquals(MESSAGE, sent.getJsonArray("messages").getJsonObject(0).getString("content"));
        FakeProvider.assertLastRequestCarriedOnlyTheProviderKey(token);
    }

    @Test
    default void injectedModelClientWhenStreamingThenDeliversTheChunksOfTheAnswer() {
        String token = TestTokens.valid().mint();

        HttpResponse<String> response = askModelClientResource("stream", token);

        assertEquals(200, response.statusCode(), response::body);
        List<JsonObject> chunks = Http.object(response.body()).getJsonArray("chunks").getValuesAs(JsonObject.class);
        assertAll(() -> assertEquals(FakeProvider.ANSWER, EventStream.content(chunks), response::body),
                () -> assertTrue(chunks.size() > 2, response::body),
                () -> assertTrue(FakeProvider.server().lastRequest().streaming(), "the provider was asked to stream"));
        FakeProvider.assertLastRequestCarriedOnlyTheProviderKey(token);
    }

    @Test
    default void promptEndpointWhenAllVariablesGivenThenProviderGetsTheFilledTemplate() {
        HttpResponse<String> response = modelApplication().post(prompt(), TestTokens.valid().mint(),
                "{\"name\":\"Ada {{language}}\",\"words\":5,\"language\":\"French\"}");

        assertEquals(200, response.statusCode(), response::body);
        JsonObject answer = Http.object(response.body());
        assertAll(() -> assertEquals(FakeProvider.ANSWER, answer.getString("output")),
                () -> assertEquals("chat", answer.getString("model")),
                () -> assertEquals(29, answer.getJsonObject("usage").getInt("total_tokens")));
        JsonArray messages = FakeProvider.server().lastRequest().json().getJsonArray("messages");
        assertEquals(Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add("role", "system").add("content", "You answer in French."))
                .add(Json.createObjectBuilder().add("role", "user")
                        .add("content", "Greet Ada {{language}} in 5 words."))
                .build(), messages, "values are inserted once, as plain text");
    }

    @Test
    default void promptEndpointWhenVariablesMissingThen400NamingThemAndNoProviderCall() {
        int before = FakeProvider.server().requests().size();

        HttpResponse<String> response = modelApplication().post(prompt(), TestTokens.valid().mint(),
                "{\"name\":\"Ada\"}");

        assertEquals(400, response.statusCode(), response::body);
        JsonObject error = Http.object(response.body()).getJsonObject("error");
        assertAll(() -> assertEquals("Missing template variables: words, language", error.getString("message")),
                () -> assertEquals("invalid_request_error", error.getString("type")),
                () -> assertEquals("missing_variables", error.getString("code")));
        assertEquals(before, FakeProvider.server().requests().size());
    }

    @Test
    default void promptEndpointWhenNoTokenThenChallengeAndNoProviderCall() {
        int before = FakeProvider.server().requests().size();

        HttpResponse<String> response = modelApplication().post(prompt(), null, greeting());

        assertEquals(401, response.statusCode(), response::body);
        assertEquals(SampleApplicationTests.CHALLENGE, Http.challenge(response));
        assertEquals(before, FakeProvider.server().requests().size());
    }

    @Test
    default void promptEndpointWhenCallerLacksTheRoleThenInsufficientScopeAndNoProviderCall() {
        int before = FakeProvider.server().requests().size();

        HttpResponse<String> response = modelApplication().post(prompt(), TestTokens.valid().groups("ops").mint(),
                greeting());

        assertEquals(403, response.statusCode(), response::body);
        assertEquals(SampleApplicationTests.FORBIDDEN, Http.challenge(response));
        assertEquals(before, FakeProvider.server().requests().size());
    }

    /** POST {@code {"message": MESSAGE}} to {@link ModelClientResource}'s {@code operation}. */
    private HttpResponse<String> askModelClientResource(String operation, String token) {
        return modelApplication().post("api/it/model/" + operation, token,
                Json.createObjectBuilder().add("message", MESSAGE).build().toString());
    }

    private static String prompt() {
        return GreetingPrompt.PATH.substring(1);
    }

    private static String greeting() {
        return "{\"name\":\"Ada\",\"words\":5,\"language\":\"French\"}";
    }
}
