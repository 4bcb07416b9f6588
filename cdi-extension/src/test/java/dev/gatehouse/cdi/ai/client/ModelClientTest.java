package dev.gatehouse.cdi.ai.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import org.jboss.weld.environment.se.WeldContainer;
import org.jboss.weld.junit5.WeldInitiator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.cdi.ai.testing.FakeOpenAi;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiReply;
import dev.gatehouse.cdi.ai.testing.FakeOpenAiStream;
import dev.gatehouse.cdi.ai.testing.TestGateway;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.web.AiGateways;
import dev.gatehouse.cdi.extension.ModelClientExtension;
import dev.gatehouse.cdi.testing.Tokens;
import dev.gatehouse.filter.web.CurrentCaller;

/** {@code @Inject @Model("alias") ModelClient} in a Weld container, calling a fake provider over HTTP. */
class ModelClientTest {

    /** A service bean that uses a model. */
    @ApplicationScoped
    public static class Summaries {
        @Inject
        @Model("chat")
        ModelClient chat;

        String summarise(String text) {
            return chat.complete("Summarise: " + text);
        }

        ModelClient client() {
            return chat;
        }
    }

    /** Uses an alias the configuration does not list. */
    @ApplicationScoped
    public static class Misspelt {
        @Inject
        @Model("chta")
        ModelClient chat;
    }

    /** Names no alias. */
    @ApplicationScoped
    public static class Nameless {
        @Inject
        @Model(" ")
        ModelClient chat;
    }

    private static final JsonObject SAY_HI = Json.createObjectBuilder().add("messages", Json.createArrayBuilder()
            .add(Json.createObjectBuilder().add("role", "user").add("content", "Hi"))).build();

    private FakeOpenAi openai;
    private UsageLedger ledger;

    @BeforeEach
    void start() throws Exception {
        openai = FakeOpenAi.start();
        System.setProperty("gatehouse.ai.providers", "fake");
        System.setProperty("gatehouse.ai.provider.fake.kind", "openai");
        System.setProperty("gatehouse.ai.provider.fake.base-url", openai.baseUrl().toString());
        System.setProperty("gatehouse.ai.aliases", "chat,admins");
        System.setProperty("gatehouse.ai.alias.chat.targets", "fake/gpt-4o-mini");
        System.setProperty("gatehouse.ai.alias.admins.targets", "fake/gpt-4o");
        ledger = new UsageLedger();
        AiGateways.register(Thread.currentThread().getContextClassLoader(), TestGateway.chatService(openai, ledger));
    }

    @AfterEach
    void stop() {
        openai.close();
        for (String name : List.of("gatehouse.ai.providers", "gatehouse.ai.provider.fake.kind",
                "gatehouse.ai.provider.fake.base-url", "gatehouse.ai.aliases", "gatehouse.ai.alias.chat.targets",
                "gatehouse.ai.alias.admins.targets")) {
            System.clearProperty(name);
        }
    }

    private static WeldContainer container(Class<?>... beans) {
        return WeldInitiator.createWeld().addExtension(new ModelClientExtension()).addBeanClasses(beans).initialize();
    }

    @Test
    void injectedClientCallsTheAliasAsTheCurrentCaller() {
        openai.enqueue(FakeOpenAiReply.answer("A short summary."));
        try (WeldContainer weld = container(Summaries.class);
                CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.alice())) {
            assertEquals("A short summary.", weld.select(Summaries.class).get().summarise("long text"));
        }
        assertEquals("gpt-4o-mini", openai.lastRequest().json().getString("model"));
        assertEquals(1, ledger.report("u-123").getJsonObject("totals").getInt("calls"), "usage recorded for the caller");
    }

    @Test
    void streamingClientDeliversChunksInOrder() {
        openai.enqueue(FakeOpenAiReply.answer("one two"));
        List<JsonObject> chunks = new ArrayList<>();
        try (WeldContainer weld = container(Summaries.class);
                CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.alice())) {
            ModelClient chat = weld.select(Summaries.class).get().client();
            chat.stream(SAY_HI, chunks::add);
        }
        assertTrue(chunks.size() >= 2, chunks.toString());
        assertTrue(openai.lastRequest().streaming());
    }

    @Test
    void streamingClientWhenProviderStallsAfterAChunkThenTimeoutAfterTheChunksThatArrived() {
        CountDownLatch release = new CountDownLatch(1);
        openai.enqueue(FakeOpenAiReply.stream(FakeOpenAiStream.of().content("Half").holdUntil(release)));
        List<JsonObject> chunks = new ArrayList<>();
        try (WeldContainer weld = container(Summaries.class);
                CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.alice())) {
            ModelClient chat = weld.select(Summaries.class).get().client();
            ModelCallException e = assertThrows(ModelCallException.class, () -> chat.stream(SAY_HI, chunks::add));
            assertEquals(504, e.status());
            assertEquals("upstream_stream_timeout", e.code());
        } finally {
            release.countDown();
        }
        assertEquals(1, chunks.size(), "the chunk that came before the stall");
        assertEquals("upstream_stalled", ledger.report("u-123").getJsonArray("recent").getJsonObject(0)
                .getString("end"));
    }

    @Test
    void aliasTheCallerMayNotUseIsNotFound() {
        try (WeldContainer weld = container(Summaries.class);
                CurrentCaller.Binding caller = CurrentCaller.bind(Tokens.with("bob", Set.of("buyer"), Map.of()))) {
            ModelClient chat = weld.select(Summaries.class).get().client();
            ModelClient admins = new GatewayModelClient("admins", Thread.currentThread().getContextClassLoader());
            ModelCallException e = assertThrows(ModelCallException.class, () -> admins.complete("Hi"));
            assertEquals(404, e.status());
            assertEquals("model_not_found", e.code());
            assertEquals("chat", chat.alias());
        }
        assertEquals(0, openai.requests().size());
    }

    @Test
    void unknownAliasFailsDeploymentNamingTheInjectionPoint() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> container(Misspelt.class).close());
        assertTrue(e.getMessage().contains(Misspelt.class.getName() + "#chat"), e.getMessage());
        assertTrue(e.getMessage().contains("chta"), e.getMessage());
    }

    @Test
    void blankAliasFailsDeploymentNamingTheInjectionPoint() {
        DefinitionException e = assertThrows(DefinitionException.class, () -> container(Nameless.class).close());
        assertTrue(e.getMessage().contains(Nameless.class.getName() + "#chat"), e.getMessage());
    }
}
