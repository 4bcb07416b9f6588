package dev.gatehouse.filter.web;

import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;

import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.ConfigReader;
import dev.gatehouse.filter.config.FilterSettings;
import dev.gatehouse.filter.config.SettingsLoader;
import dev.gatehouse.filter.logging.AuditLog;
import dev.gatehouse.filter.logging.AuditLogs;
import dev.gatehouse.filter.logging.AuditSettings;

/**
 * Activates Gatehouse in every web application that has the jar in {@code WEB-INF/lib}: reads the configuration,
 * loads keys, and registers {@link BearerAuthFilter} ahead of the application's own filters. A configuration problem
 * fails the deployment with one log line naming the property.
 */
public final class GatehouseInitializer implements ServletContainerInitializer {

    /** Servlet context attribute holding the {@link FilterSettings} in force (for the CDI extension). */
    public static final String SETTINGS_ATTRIBUTE = FilterSettings.class.getName();

    private static final Logger LOG = Logger.getLogger(GatehouseInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        SettingsLoader loader = new SettingsLoader(ConfigReader.forApplication(context.getClassLoader(),
                context::getInitParameter));
        try {
            if (!loader.enabled()) {
                LOG.warning("Gatehouse is disabled (" + ConfigKeys.ENABLED + "=false): requests are not authenticated");
                return;
            }
            FilterSettings settings = loader.load();
            RequestGate gate = RequestGate.from(settings, context.getClassLoader(), Clock.systemUTC());
            BearerChallenge challenge = new BearerChallenge(settings.realm());
            AuditLog audit = startAudit(settings.audit(), context.getClassLoader());
            FilterRegistration.Dynamic registration = context.addFilter("gatehouse", new BearerAuthFilter(gate,
                    challenge, new AuditRecorder(audit, settings.trustedProxies(), Clock.systemUTC())));
            if (registration == null) {
                audit.close();
                throw new ServletException("Gatehouse: a filter named 'gatehouse' is already registered");
            }
            registration.setAsyncSupported(true);
            registration.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false,
                    settings.urlPatterns().toArray(String[]::new));
            context.setAttribute(SETTINGS_ATTRIBUTE, settings);
            context.setAttribute(BearerChallenge.CONTEXT_ATTRIBUTE, challenge);
            String application = context.getContextPath().isEmpty() ? "/" : context.getContextPath();
            LOG.info(() -> "Gatehouse protects " + settings.urlPatterns() + " of " + application
                    + " (issuer " + settings.claims().issuer() + ")");
        } catch (ConfigException e) {
            LOG.severe("Gatehouse configuration error: " + e.getMessage());
            throw new ServletException("Gatehouse configuration error: " + e.getMessage());
        }
    }

    private static AuditLog startAudit(AuditSettings settings, ClassLoader loader) {
        try {
            return AuditLogs.start(settings, loader);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(ConfigKeys.AUDIT_SINK, e.getMessage());
        }
    }
}
