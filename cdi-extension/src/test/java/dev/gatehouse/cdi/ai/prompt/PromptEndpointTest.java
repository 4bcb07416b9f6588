package dev.gatehouse.cdi.ai.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.JsonObject;
import jakarta.servlet.ReadListener;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.TestGateway;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.web.ChatService;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.authz.AccessDeniedException;
import dev.gatehouse.filter.testing.ServletFakes;
import dev.gatehouse.filter.testing.ServletFakes.RecordingResponse;
import dev.gatehouse.filter.web.CurrentCaller;

/** A prompt template as a REST endpoint: registration checks, variables, roles, the call through the gateway. */
class PromptEndpointTest {

    @PromptEndpoint(path = "/prompts/summary", model = "chat", system = "Answer in {{language}}.",
            template = "Summarise in {{words}} words:\n{{text}}", maxTokens = 200)
    @RolesAllowed("buyer")
    public interface SummaryPrompt {
    }

    @PromptEndpoint(path = "/prompts/x", model = "no-such-alias", template = "Hi {{name}")
    public interface BrokenPrompt {
    }

    private FakeOpenAi openai;
    private ChatService chats;
    private final List<Servlet> registered = new ArrayList<>();
    private final List<String> mappings = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        chats = TestGateway.chatService(openai, new UsageLedger());
    }

    @AfterEach
    void stop() {
        openai.close();
    }

    private List<String> register(Class<?>... types) {
        ServletContext context = mock(ServletContext.class);
        ServletRegistration.Dynamic dynamic = mock(ServletRegistration.Dynamic.class);
        when(context.addServlet(anyString(), any(Servlet.class))).thenAnswer(i -> {
            registered.add(i.getArgument(1));
            return dynamic;
        });
        when(dynamic.addMapping(any(String[].class))).thenAnswer(i -> {
            mappings.add(i.getArgument(0));
            return Set.of();
        });
        return PromptEndpoints.register(context, Set.of(types), TestGateway.settings(openai), chats);
    }

    private RecordingResponse post(String json) throws Exception {
        HttpServletRequest request = ServletFakes.request("POST", "/prompts/summary");
        ByteArrayInputStream bytes = new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8));
        when(request.getInputStream()).thenReturn(new ServletInputStream() {
            @Override
            public int read() {
                return bytes.read();
            }

            @Override
            public boolean isFinished() {
                return bytes.available() == 0;
            }

            @Override
            public boolean isReady() {
                return true;
            }

            @Override
            public void setReadListener(ReadListener listener) {
            }
        });
        RecordingResponse response = new RecordingResponse();
        ((PromptServlet) registered.get(0)).service(request, response.mock);
        return response;
    }

    @Test
    void registerWhenValidThenServletAtThePath() {
        assertEquals(List.of(), register(SummaryPrompt.class));
        assertEquals(List.of("/prompts/summary"), mappings);
    }

    @Test
    void registerWhenAliasUnknownOrTemplateMalformedThenProblemsNameTheType() {
        List<String> problems = register(BrokenPrompt.class);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(BrokenPrompt.class.getName()) && p.contains("no-such-alias")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("template")), problems.toString());
        assertTrue(registered.isEmpty(), "nothing registered when something is wrong");
    }

    @Test
    void postWhenVariablesGivenThenRenderedPromptAnswered() throws Exception {
        register(SummaryPrompt.class);
        openai.enqueue(FakeOpenAiReply.answer("Ein kurzer Text."));
        RecordingResponse response;
        try (CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.with("bob", Set.of("buyer"), Map.of()))) {
            response = post("{\"words\":10,\"language\":\"German\",\"text\":\"A long text about {{words}}.\"}");
        }
        assertEquals(200, response.status, response.body());
        assertTrue(response.body().contains("\"output\":\"Ein kurzer Text.\""), response.body());
        JsonObject sent = openai.lastRequest().json();
        assertEquals("Answer in German.", sent.getJsonArray("messages").getJsonObject(0).getString("content"));
        assertEquals("Summarise in 10 words:\nA long text about {{words}}.",
                sent.getJsonArray("messages").getJsonObject(1).getString("content"), "values are not expanded again");
        assertEquals(200, sent.getInt("max_tokens"));
    }

    @Test
    void postWhenVariablesMissingThen400NamingThem() throws Exception {
        register(SummaryPrompt.class);
        RecordingResponse response;
        try (CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.with("bob", Set.of("buyer"), Map.of()))) {
            response = post("{\"words\":10}");
        }
        assertEquals(400, response.status);
        assertTrue(response.body().contains("Missing template variables: text, language"), response.body());
        assertEquals(0, openai.requests().size());
    }

    @Test
    void postWhenCallerLacksRoleThenRefusedAsTheFilterAnswers() throws Exception {
        register(SummaryPrompt.class);
        try (CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.with("eve", Set.of("guest"), Map.of()))) {
            AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> post("{}"));
            assertTrue(e.authenticated());
        }
        AccessDeniedException anonymous = assertThrows(AccessDeniedException.class, () -> post("{}"));
        assertFalse(anonymous.authenticated());
        assertEquals(0, openai.requests().size());
    }
}
