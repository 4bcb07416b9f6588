package dev.gatehouse.filter.keys;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keys fetched over https (a JWKS endpoint, or PEM/JWK text) and refetched every refresh interval. Between
 * refreshes the last good set is used; when a refresh fails the last good set stays in use. A token naming an
 * unknown {@code kid} triggers at most one refetch per minimum interval, so a flood of random kids causes no
 * traffic. Failures are logged once when the source turns unavailable, and once when it recovers — never per request.
 */
public final class RemoteKeySource implements KeySource {

    private static final Logger LOG = Logger.getLogger(RemoteKeySource.class.getName());

    private final URI uri;
    private final KeyPurpose purpose;
    private final KeyPinning pinning;
    private final HttpClient client;
    private final Duration refreshInterval;
    private final Duration minRefreshInterval;
    private final Duration timeout;
    private final Clock clock;
    private final ReentrantLock fetchLock = new ReentrantLock();

    private volatile KeySet current;
    private volatile Instant fetchedAt = Instant.MIN;
    private volatile Instant lastAttempt = Instant.MIN;
    private volatile boolean failing;

    public RemoteKeySource(URI uri, KeyPurpose purpose, KeyPinning pinning, Duration refreshInterval,
            Duration minRefreshInterval, Duration timeout, Clock clock) {
        this(uri, purpose, pinning, refreshInterval, minRefreshInterval, timeout, clock,
                HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build());
    }

    /** With a given client (tests use one that trusts their own TLS certificate). */
    RemoteKeySource(URI uri, KeyPurpose purpose, KeyPinning pinning, Duration refreshInterval,
            Duration minRefreshInterval, Duration timeout, Clock clock, HttpClient client) {
        this.uri = uri;
        this.purpose = purpose;
        this.pinning = pinning;
        this.refreshInterval = refreshInterval;
        this.minRefreshInterval = minRefreshInterval;
        this.timeout = timeout;
        this.clock = clock;
        this.client = client;
    }

    @Override
    public KeySet keys() {
        KeySet keys = current;
        Instant now = clock.instant();
        if (keys == null || now.isAfter(fetchedAt.plus(refreshInterval))) {
            refresh(keys == null, now);
            keys = current;
        }
        if (keys == null) {
            throw new KeysUnavailableException(purpose + " keys from " + displayUri() + " are unavailable");
        }
        return keys;
    }

    @Override
    public KeySet keysAfterUnknownKid() {
        refresh(false, clock.instant());
        return keys();
    }

    /** Fetches now, ignoring the refresh schedule; used at deployment to warm the cache. */
    public void prefetch() {
        refresh(true, clock.instant());
    }

    private void refresh(boolean waitForOthers, Instant now) {
        if (now.isBefore(lastAttempt.plus(minRefreshInterval)) && current != null) {
            return;
        }
        if (waitForOthers) {
            fetchLock.lock();
        } else if (!fetchLock.tryLock()) {
            return;
        }
        try {
            if (clock.instant().isBefore(lastAttempt.plus(minRefreshInterval))) {
                return;
            }
            lastAttempt = clock.instant();
            long started = System.nanoTime();
            try {
                KeySet keys = pinning.pin(KeyParser.parse(fetch(), purpose),
                        w -> LOG.warning(() -> "Gatehouse " + purpose + " keys from " + displayUri() + ": " + w));
                current = keys;
                fetchedAt = clock.instant();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (failing) {
                    failing = false;
                    LOG.info(() -> "Gatehouse " + purpose + " keys from " + displayUri() + " available again: "
                            + keys.keys().size() + " keys in " + millis + " ms");
                } else {
                    LOG.fine(() -> "Gatehouse fetched " + keys.keys().size() + " " + purpose + " keys from "
                            + displayUri() + " in " + millis + " ms");
                }
            } catch (IOException | IllegalArgumentException e) {
                if (!failing) {
                    failing = true;
                    LOG.log(Level.SEVERE, "Gatehouse cannot load " + purpose + " keys from " + displayUri() + ": "
                            + e.getMessage() + (current == null ? "; requests get 503 until it succeeds"
                                    : "; the previous keys stay in use"));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            fetchLock.unlock();
        }
    }

    private String fetch() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/jwk-set+json, application/json").GET().build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(KeyLocation.MAX_BYTES + 1);
            if (bytes.length > KeyLocation.MAX_BYTES) {
                throw new IOException("response larger than " + KeyLocation.MAX_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private String displayUri() {
        return uri.getScheme() + "://" + uri.getAuthority() + (uri.getPath() == null ? "" : uri.getPath());
    }
}
