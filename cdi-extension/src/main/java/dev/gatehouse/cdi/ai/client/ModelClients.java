package dev.gatehouse.cdi.ai.client;

import jakarta.enterprise.inject.spi.InjectionPoint;

/** Makes the client an injection point asks for. */
public final class ModelClients {

    private ModelClients() {
    }

    /** The alias of an injection point's {@link Model} qualifier ({@code ""} when it has none). */
    public static String alias(InjectionPoint ip) {
        return ip.getQualifiers().stream().filter(Model.class::isInstance).map(q -> ((Model) q).value().strip())
                .findFirst().orElse("");
    }

    public static ModelClient forInjectionPoint(InjectionPoint ip, ClassLoader application) {
        return new GatewayModelClient(alias(ip), application);
    }
}
