package dev.gatehouse.filter.web;

import java.util.Optional;

import dev.gatehouse.filter.token.ValidatedToken;

/**
 * The caller of the request being handled on this thread, as {@link BearerAuthFilter} accepted it: what the CDI layer
 * ({@code JsonWebToken}, {@code @Claim}, the security interceptor) reads. Empty outside a request, on a public path
 * without a token, and on threads the request handed work to (so protected bean methods called there are refused,
 * never run as somebody).
 */
public final class CurrentCaller {

    private static final ThreadLocal<ValidatedToken> TOKEN = new ThreadLocal<>();

    private CurrentCaller() {
    }

    /** The caller's validated token, if this thread is handling an authenticated request. */
    public static Optional<ValidatedToken> token() {
        return Optional.ofNullable(TOKEN.get());
    }

    /**
     * Makes {@code token} the current caller until the returned binding is closed, which restores the previous one.
     * The filter binds around the filter chain; tests bind around the code under test.
     */
    public static Binding bind(ValidatedToken token) {
        ValidatedToken previous = TOKEN.get();
        TOKEN.set(token);
        return new Binding(previous);
    }

    /** Ends a {@link #bind}: restores the caller that was current before. */
    public static final class Binding implements AutoCloseable {

        private final ValidatedToken previous;

        private Binding(ValidatedToken previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                TOKEN.remove();
            } else {
                TOKEN.set(previous);
            }
        }
    }
}
