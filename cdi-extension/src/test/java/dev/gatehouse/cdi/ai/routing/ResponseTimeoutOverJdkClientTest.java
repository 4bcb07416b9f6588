package dev.gatehouse.cdi.ai.routing;

/** Every test of {@link ResponseTimeoutTest}, with the JDK's client taking the plain-http calls (as it takes https ones). */
class ResponseTimeoutOverJdkClientTest extends ResponseTimeoutTest {

    @Override
    ProviderClients clients(java.time.Duration connectTimeout) {
        return ProviderClients.jdkOnly(connectTimeout);
    }
}
