package dev.gatehouse.sample;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The JAX-RS resources live under {@code /api}; Gatehouse protects them like any other path. */
@ApplicationPath("/api")
public class SampleApplication extends Application {
}
