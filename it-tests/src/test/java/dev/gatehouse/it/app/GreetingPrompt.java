package dev.gatehouse.it.app;

import jakarta.annotation.security.RolesAllowed;

import dev.gatehouse.cdi.ai.prompt.PromptEndpoint;

/** A prompt template served as {@code POST /prompts/greeting} by a copy of the sample, for callers in {@code user}. */
@PromptEndpoint(path = GreetingPrompt.PATH, model = "chat", system = "You answer in {{language}}.",
        template = "Greet {{name}} in {{words}} words.")
@RolesAllowed("user")
public interface GreetingPrompt {

    String PATH = "/prompts/greeting";
}
