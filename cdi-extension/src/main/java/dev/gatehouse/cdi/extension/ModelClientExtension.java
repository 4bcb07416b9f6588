package dev.gatehouse.cdi.extension;

import java.lang.reflect.Member;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.spi.AfterBeanDiscovery;
import jakarta.enterprise.inject.spi.AfterDeploymentValidation;
import jakarta.enterprise.inject.spi.DefinitionException;
import jakarta.enterprise.inject.spi.DeploymentException;
import jakarta.enterprise.inject.spi.Extension;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.enterprise.inject.spi.ProcessInjectionPoint;

import dev.gatehouse.cdi.ai.client.Model;
import dev.gatehouse.cdi.ai.client.ModelClient;
import dev.gatehouse.cdi.ai.client.ModelClients;
import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AiSettingsLoader;
import dev.gatehouse.filter.config.ConfigException;
import dev.gatehouse.filter.config.ConfigReader;

/**
 * {@code @Inject @Model("alias") ModelClient}: collects the injection points, registers one dependent producer for all
 * of them, and fails the deployment for an alias that {@code gatehouse.ai.aliases} does not list or a blank one,
 * naming the injection point.
 */
public class ModelClientExtension implements Extension {

    private final Queue<InjectionPoint> injectionPoints = new ConcurrentLinkedQueue<>();

    void collect(@Observes ProcessInjectionPoint<?, ModelClient> event) {
        injectionPoints.add(event.getInjectionPoint());
    }

    void register(@Observes AfterBeanDiscovery abd) {
        for (InjectionPoint ip : injectionPoints) {
            if (ModelClients.alias(ip).isBlank()) {
                abd.addDefinitionError(new DefinitionException(element(ip) + ": @Model needs an alias"));
            }
        }
        ClassLoader application = Thread.currentThread().getContextClassLoader();
        abd.addBean()
                .beanClass(ModelClient.class)
                .id(ModelClientExtension.class.getName() + ".ModelClient")
                .types(ModelClient.class, Object.class)
                .qualifiers(Model.Literal.ANY, Any.Literal.INSTANCE)
                .scope(Dependent.class)
                .produceWith(lookup -> ModelClients.forInjectionPoint(lookup.select(InjectionPoint.class).get(),
                        application));
    }

    void checkAliases(@Observes AfterDeploymentValidation adv) {
        if (injectionPoints.isEmpty()) {
            return;
        }
        AiSettings settings;
        try {
            settings = new AiSettingsLoader(ConfigReader.forApplication(Thread.currentThread().getContextClassLoader(),
                    name -> null)).load();
        } catch (ConfigException e) {
            return; // the gateway's initializer fails the deployment for it, naming the property
        }
        for (InjectionPoint ip : injectionPoints) {
            String alias = ModelClients.alias(ip);
            if (!alias.isBlank() && settings.alias(alias).isEmpty()) {
                adv.addDeploymentProblem(new DeploymentException(element(ip) + ": @Model(\"" + alias
                        + "\") names no alias of " + AiSettingsLoader.ALIASES));
            }
        }
    }

    private static String element(InjectionPoint ip) {
        Member member = ip.getMember();
        return member == null ? String.valueOf(ip) : member.getDeclaringClass().getName() + "#" + member.getName();
    }
}
