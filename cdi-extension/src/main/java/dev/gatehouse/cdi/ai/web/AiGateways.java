package dev.gatehouse.cdi.ai.web;

import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * The gateway of each deployed application, by its class loader: the initializer registers it, injected model clients
 * find it. Weak keys: an undeployed application's gateway goes with its class loader.
 */
public final class AiGateways {

    private static final Map<ClassLoader, ChatService> GATEWAYS = new WeakHashMap<>();

    private AiGateways() {
    }

    /** Registers the gateway of the application with class loader {@code application} (its initializer does; tests too). */
    public static synchronized void register(ClassLoader application, ChatService chats) {
        GATEWAYS.put(application, chats);
    }

    /** The gateway of the application whose class loader is {@code loader} (or one of its parents). */
    public static synchronized Optional<ChatService> of(ClassLoader loader) {
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            ChatService chats = GATEWAYS.get(l);
            if (chats != null) {
                return Optional.of(chats);
            }
        }
        return Optional.empty();
    }
}
