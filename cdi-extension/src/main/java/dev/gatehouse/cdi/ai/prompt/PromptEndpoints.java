package dev.gatehouse.cdi.ai.prompt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRegistration;

import dev.gatehouse.cdi.ai.config.AiSettings;
import dev.gatehouse.cdi.ai.config.AiSettingsLoader;
import dev.gatehouse.cdi.ai.web.ChatService;
import dev.gatehouse.cdi.security.SecurityAnnotations;

/**
 * Registers one servlet per {@link PromptEndpoint} type, after checking every one: its alias exists, its templates
 * are well formed, its path is a plain path no other prompt uses, its security annotations are valid.
 */
public final class PromptEndpoints {

    private PromptEndpoints() {
    }

    /**
     * @return the problems found, each naming the type; nothing is registered unless the list is empty
     */
    public static List<String> register(ServletContext context, Set<Class<?>> types, AiSettings settings,
            ChatService chats) {
        List<String> problems = new ArrayList<>();
        List<Class<?>> prompts = types.stream().filter(t -> t.isAnnotationPresent(PromptEndpoint.class)).toList();
        Set<String> paths = new HashSet<>();
        for (Class<?> type : prompts) {
            PromptEndpoint endpoint = type.getAnnotation(PromptEndpoint.class);
            String name = type.getName();
            if (!settings.enabled()) {
                problems.add(name + ": @PromptEndpoint needs the AI gateway (" + AiSettingsLoader.PROVIDERS + ")");
                continue;
            }
            if (settings.alias(endpoint.model()).isEmpty()) {
                problems.add(name + ": @PromptEndpoint(model = \"" + endpoint.model() + "\") names no alias of "
                        + AiSettingsLoader.ALIASES);
            }
            if (!endpoint.path().matches("(/[A-Za-z0-9._~-]+)+") || !paths.add(endpoint.path())) {
                problems.add(name + ": @PromptEndpoint(path = \"" + endpoint.path()
                        + "\") must be a plain path (/segments) used by no other prompt");
            }
            for (String template : List.of(endpoint.template(), endpoint.system())) {
                try {
                    new PromptTemplate(template);
                } catch (IllegalArgumentException e) {
                    problems.add(name + ": @PromptEndpoint template: " + e.getMessage());
                }
            }
            problems.addAll(SecurityAnnotations.problems(type));
        }
        if (!problems.isEmpty()) {
            return problems;
        }
        int n = 0;
        for (Class<?> type : prompts) {
            PromptEndpoint endpoint = type.getAnnotation(PromptEndpoint.class);
            ServletRegistration.Dynamic servlet = context.addServlet("gatehouse-prompt-" + n++,
                    new PromptServlet(chats, type, endpoint, SecurityAnnotations.ofElement(type).orElse(null)));
            Set<String> conflicts = servlet.addMapping(endpoint.path());
            if (!conflicts.isEmpty()) {
                problems.add(type.getName() + ": @PromptEndpoint path " + endpoint.path()
                        + " is already mapped to another servlet");
            }
        }
        return problems;
    }
}
