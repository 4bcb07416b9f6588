package dev.gatehouse.cdi.ai.routing;

import java.util.List;

import dev.gatehouse.cdi.ai.config.Target;
import dev.gatehouse.cdi.ai.provider.Completion;

/** A served non-streamed call: the answer, the target that gave it, every attempt (fallbacks included). */
public record RoutedCompletion(Completion completion, Target target, List<Attempt> attempts) {

    public RoutedCompletion {
        attempts = List.copyOf(attempts);
    }
}
