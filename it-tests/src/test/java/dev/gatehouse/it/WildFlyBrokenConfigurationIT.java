package dev.gatehouse.it;

/** {@link BrokenConfigurationTests} on WildFly (failsafe execution `wildfly`). */
class WildFlyBrokenConfigurationIT extends BrokenConfigurationTests {
}
