/**
 * MicroProfile JWT 2.1 injection of the caller Gatehouse's filter accepted
 * ({@link dev.gatehouse.filter.web.CurrentCaller}).
 *
 * <ul>
 * <li>{@code @Inject JsonWebToken}: request-scoped, usable from beans of any scope through its client proxy; the
 * caller as it was when the request first used the token ({@link dev.gatehouse.cdi.inject.CallerJsonWebToken}).
 * Without caller it is an empty token (name {@code null}, no claims). Outside an active request context CDI throws
 * {@code ContextNotActiveException}, as for any request-scoped bean.</li>
 * <li>{@code @Inject @Claim("name")} or {@code @Claim(standard = Claims.xxx)} of {@code String},
 * {@code Long}/{@code long}, {@code Boolean}/{@code boolean}, {@code Set<String>}, {@code JsonValue}, {@code JsonString}, {@code JsonNumber},
 * {@code JsonArray}, {@code JsonObject}; each also as {@code Optional<T>}, {@code ClaimValue<T>},
 * {@code ClaimValue<Optional<T>>}, and all of these in {@code Provider<>} or {@code Instance<>}; a raw
 * {@code ClaimValue} holds the claim as {@code JsonWebToken.getClaim} types it. A plain or {@code Optional} value is
 * read once, when the bean is created, so it is refused at deployment in {@code @ApplicationScoped},
 * {@code @Singleton} and passivating ({@code @SessionScoped}) beans; {@code ClaimValue}, {@code Provider} and
 * {@code Instance} read the current caller each time and fit any scope.</li>
 * <li>A missing claim, JSON {@code null} and a value of another JSON type inject as {@code null},
 * {@code Optional.empty()}, {@code 0} or {@code false}; nothing throws for them. Only {@code JsonValue} sees JSON
 * {@code null}, as {@code JsonValue.NULL}.</li>
 * </ul>
 *
 * <p>The beans are synthetic alternatives with priority {@link dev.gatehouse.cdi.inject.TokenBeans#PRIORITY}, added by
 * {@link dev.gatehouse.cdi.extension.TokenInjectionExtension} whatever the bean discovery mode.
 */
package dev.gatehouse.cdi.inject;
