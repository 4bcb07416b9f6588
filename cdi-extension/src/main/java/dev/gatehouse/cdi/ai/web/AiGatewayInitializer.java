package dev.gatehouse.cdi.ai.web;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.annotation.HandlesTypes;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AiSettingsLoader;
import dev.gatehouse.cdi.ai.prompt.PromptEndpoint;
import dev.gatehouse.cdi.ai.prompt.PromptEndpoints;
import dev.gatehouse.cdi.ai.provider.AnthropicAdapter;
import dev.gatehouse.cdi.ai.provider.GeminiAdapter;
import dev.gatehouse.cdi.ai.provider.OpenAiAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderAdapter;
import dev.gatehouse.cdi.ai.provider.ProviderSettings;
import dev.gatehouse.cdi.ai.routing.Backoff;
import dev.gatehouse.cdi.ai.routing.ChatRouter;
import dev.gatehouse.cdi.ai.routing.ProviderClients;
import dev.gatehouse.cdi.ai.routing.StreamWatchdog;
import dev.gatehouse.cdi.ai.routing.TargetHealth;
import dev.gatehouse.cdi.ai.routing.TargetOrder;
import dev.gatehouse.cdi.ai.budget.Budgets;
import dev.gatehouse.cdi.ai.cache.ResponseCache;
import dev.gatehouse.cdi.ai.usage.UsageFile;
import dev.gatehouse.cdi.ai.usage.UsageLedger;
import dev.gatehouse.cdi.ai.usage.UsageStoreSettings;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.ConfigReader;

/**
 * Serves the AI gateway in every application that configures a provider ({@code gatehouse.ai.providers}): reads and
 * validates {@code gatehouse.ai.*} (a problem fails the deployment naming the property), reads the usage file back
 * into the usage totals and budgets when one is configured, creates the stream watchdog and the provider clients
 * (closed with the usage file when the application stops), and registers {@link ChatCompletionsServlet} at
 * {@code <base-path>/*}. Behind Gatehouse's filter like any other path, so callers need an accepted token.
 */
@HandlesTypes(PromptEndpoint.class)
public final class AiGatewayInitializer implements ServletContainerInitializer {

    private static final Logger LOG = Logger.getLogger(AiGatewayInitializer.class.getName());
    /** Cached answers kept at most, all aliases together. */
    private static final int CACHE_ENTRIES = 10_000;

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        ConfigReader config = ConfigReader.forApplication(context.getClassLoader(), context::getInitParameter);
        AiSettings settings;
        try {
            if (!config.get(ConfigKeys.ENABLED).map(Boolean::parseBoolean).orElse(true)) {
                return;
            }
            settings = new AiSettingsLoader(config).load();
        } catch (ConfigException e) {
            LOG.severe("Gatehouse configuration error: " + e.getMessage());
            throw new ServletException("Gatehouse configuration error: " + e.getMessage());
        }
        Set<Class<?>> prompts = classes == null ? Set.of() : classes;
        if (!settings.enabled()) {
            fail(PromptEndpoints.register(context, prompts, settings, null));
            return;
        }
        Clock clock = Clock.systemUTC();
        SecureRandom random = new SecureRandom();
        TargetHealth health = new TargetHealth(settings.routing(), clock);
        Map<String, ProviderAdapter> adapters = Map.of("openai", new OpenAiAdapter(),
                "anthropic", new AnthropicAdapter(), "gemini", new GeminiAdapter());
        Budgets budgets = new Budgets(settings.budgets(), clock);
        UsageFile usageFile = openUsageFile(settings.usageStore(), budgets, clock);
        StreamWatchdog watchdog = new StreamWatchdog(shortestStreamLimit(settings));
        ProviderClients clients = ProviderClients.create(connectTimeout(settings));
        ServletContextListener stop = stopping(watchdog, clients, usageFile);
        try {
            ChatRouter router = new ChatRouter(settings, adapters, clients, watchdog, health,
                    new TargetOrder(health, random), new Backoff(settings.routing(), random),
                    d -> Thread.sleep(d.toMillis()), clock);
            UsageLedger ledger = usageFile == null ? new UsageLedger() : usageFile.ledger();
            ChatService chats = new ChatService(settings, router, ledger, budgets,
                    new ResponseCache(CACHE_ENTRIES, clock), clock);
            register(context, settings, chats, prompts);
            context.addListener(stop);
        } catch (ServletException | RuntimeException e) {
            stop.contextDestroyed(null);
            throw e;
        }
        LOG.info(() -> "Gatehouse AI gateway serves " + settings.basePath() + " with aliases "
                + List.copyOf(settings.aliases().keySet()) + " over providers "
                + List.copyOf(settings.providers().keySet()));
    }

    private static void register(ServletContext context, AiSettings settings, ChatService chats,
            Set<Class<?>> prompts) throws ServletException {
        AiGateways.register(context.getClassLoader(), chats);
        ServletRegistration.Dynamic servlet = context.addServlet("gatehouse-ai", new ChatCompletionsServlet(chats));
        if (servlet == null) {
            throw new ServletException("Gatehouse: a servlet named 'gatehouse-ai' is already registered");
        }
        servlet.setAsyncSupported(true);
        Set<String> conflicts = servlet.addMapping(settings.basePath() + "/*");
        if (!conflicts.isEmpty()) {
            throw new ServletException("Gatehouse configuration error: " + AiSettingsLoader.BASE_PATH + ": "
                    + settings.basePath() + "/* is already mapped to another servlet");
        }
        fail(PromptEndpoints.register(context, prompts, settings, chats));
    }

    /**
     * Stops what the gateway started, when the application stops: the stream watchdog (streams still running are
     * cancelled), the provider clients' threads, then the usage file (which writes what is queued first).
     */
    private static ServletContextListener stopping(StreamWatchdog watchdog, ProviderClients clients,
            UsageFile usageFile) {
        return new ServletContextListener() {
            @Override
            public void contextDestroyed(ServletContextEvent event) {
                watchdog.close();
                clients.close();
                if (usageFile != null) {
                    usageFile.close();
                }
            }
        };
    }

    /**
     * The usage file with what it read back already in {@code budgets} and its ledger, or null when records are kept
     * in memory only.
     */
    private static UsageFile openUsageFile(UsageStoreSettings store, Budgets budgets, Clock clock)
            throws ServletException {
        if (store.file() == null) {
            return null;
        }
        try {
            return UsageFile.open(store.file(), store.replayWindow(), budgets, clock);
        } catch (IOException e) {
            String message = "Gatehouse configuration error: "
                    + new ConfigException(AiSettingsLoader.USAGE_FILE, e.getMessage()).getMessage();
            LOG.severe(message);
            throw new ServletException(message);
        }
    }

    private static void fail(List<String> problems) throws ServletException {
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.severe("Gatehouse prompt endpoint: " + p));
            throw new ServletException("Gatehouse prompt endpoints: " + String.join("; ", problems));
        }
    }

    /** The JDK client has one connect timeout: the longest any provider allows. */
    /** The shortest time any provider's stream may stay silent, which sets how often the watchdog looks. */
    /** The watchdog also bounds a non-streamed answer's body by the response timeout. */
    private static Duration shortestStreamLimit(AiSettings settings) {
        return settings.providers().values().stream()
                .flatMap(p -> java.util.stream.Stream.of(p.streamFirstChunkTimeout(), p.streamIdleTimeout(),
                        p.responseTimeout()))
                .filter(java.util.Objects::nonNull)
                .min(Duration::compareTo).orElse(Duration.ofSeconds(1));
    }

    private static Duration connectTimeout(AiSettings settings) {
        return settings.providers().values().stream().map(ProviderSettings::connectTimeout)
                .max(Duration::compareTo).orElse(Duration.ofSeconds(5));
    }
}
