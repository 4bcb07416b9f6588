package dev.gatehouse.it;

/** {@link SampleApplicationTests} on Tomcat (failsafe execution `tomcat`). */
class TomcatSampleApplicationIT extends SampleApplicationTests {
}
