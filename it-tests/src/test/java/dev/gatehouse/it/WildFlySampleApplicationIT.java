package dev.gatehouse.it;

/** {@link SampleApplicationTests} on WildFly (failsafe execution `wildfly`). */
class WildFlySampleApplicationIT extends SampleApplicationTests {
}
