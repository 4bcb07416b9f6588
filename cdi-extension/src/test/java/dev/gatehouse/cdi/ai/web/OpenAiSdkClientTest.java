package dev.gatehouse.cdi.ai.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;

import dev.gatehouse.cdi.ai.testing.FakeAnthropic;
import dev.gatehouse.cdi.ai.testing.FakeAnthropicReply;
import dev.gatehouse.filter.testing.TestConfig;
import dev.gatehouse.filter.testing.TestTokens;

/**
 * The official OpenAI Java SDK as the gateway's client: the encrypted access token is its API key, the gateway its
 * base URL, and an Anthropic model answers in OpenAI's shape, blocking and streamed.
 */
class OpenAiSdkClientTest {

    @TempDir
    Path dir;
    private FakeAnthropic anthropic;
    private EmbeddedGateway gateway;

    @BeforeEach
    void start() throws Exception {
        anthropic = FakeAnthropic.start();
        Map<String, String> params = new HashMap<>(TestConfig.in(dir).properties());
        params.put("gatehouse.ai.providers", "claude");
        params.put("gatehouse.ai.provider.claude.kind", "anthropic");
        params.put("gatehouse.ai.provider.claude.base-url", anthropic.baseUrl().toString());
        params.put("gatehouse.ai.provider.claude.api-key", anthropic.apiKey());
        params.put("gatehouse.ai.aliases", "chat");
        params.put("gatehouse.ai.alias.chat.targets", "claude/claude-3-5-haiku-latest");
        gateway = EmbeddedGateway.start(dir, params);
    }

    @AfterEach
    void stop() throws Exception {
        gateway.close();
        anthropic.close();
    }

    private OpenAIClient client(String token) {
        return OpenAIOkHttpClient.builder().apiKey(token).baseUrl(gateway.base() + "/v1").maxRetries(0).build();
    }

    private static ChatCompletionCreateParams hello(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello").build();
    }

    @Test
    void sdkCreateWhenTokenIsTheApiKeyThenAnswered() {
        anthropic.enqueue(FakeAnthropicReply.text("Hello from Claude"));
        ChatCompletion completion = client(TestTokens.valid().mint()).chat().completions().create(hello("chat"));
        assertEquals("Hello from Claude", completion.choices().get(0).message().content().orElse(null));
        assertEquals(ChatCompletion.Choice.FinishReason.STOP, completion.choices().get(0).finishReason());
        assertTrue(completion.usage().isPresent());
    }

    @Test
    void sdkStreamWhenTokenIsTheApiKeyThenChunksInOrder() {
        anthropic.enqueue(FakeAnthropicReply.text("Hello", " from", " Claude"));
        String text;
        try (StreamResponse<ChatCompletionChunk> stream = client(TestTokens.valid().mint()).chat().completions()
                .createStreaming(hello("chat"))) {
            text = stream.stream().flatMap(chunk -> chunk.choices().stream())
                    .map(choice -> choice.delta().content().orElse("")).collect(Collectors.joining());
        }
        assertEquals("Hello from Claude", text);
        assertTrue(anthropic.lastRequest().json().getBoolean("stream"));
    }

    @Test
    void sdkModelsListsTheAliases() {
        List<String> ids = client(TestTokens.valid().mint()).models().list().data().stream()
                .map(model -> model.id()).toList();
        assertEquals(List.of("chat"), ids);
    }

    @Test
    void sdkWithInvalidTokenThenUnauthorized() {
        assertThrows(UnauthorizedException.class,
                () -> client("not-a-token").chat().completions().create(hello("chat")));
        assertFalse(anthropic.requests().size() > 0, "nothing reached the provider");
    }

    @Test
    void sdkWithUnknownModelThenNotFound() {
        assertThrows(NotFoundException.class,
                () -> client(TestTokens.valid().mint()).chat().completions().create(hello("gpt-5")));
    }
}
