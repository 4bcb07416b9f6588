package dev.gatehouse.it;

/** {@link SampleApplicationTests} on Payara (failsafe execution `payara`). */
class PayaraSampleApplicationIT extends SampleApplicationTests {
}
