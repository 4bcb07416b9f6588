package dev.gatehouse.it;

/** {@link BrokenConfigurationTests} on Payara (failsafe execution `payara`). */
class PayaraBrokenConfigurationIT extends BrokenConfigurationTests {
}
