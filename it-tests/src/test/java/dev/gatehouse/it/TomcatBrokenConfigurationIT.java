package dev.gatehouse.it;

/** {@link BrokenConfigurationTests} on Tomcat (failsafe execution `tomcat`). */
class TomcatBrokenConfigurationIT extends BrokenConfigurationTests {
}
