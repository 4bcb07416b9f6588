package dev.gatehouse.it.app;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Added to a copy of the sample for {@code SampleApplicationTests#deployWhenLoginConfigMpJwtThenRefusedNamingTheClass}:
 * an application that also switches on the server's own MicroProfile JWT, which Gatehouse refuses.
 */
@LoginConfig(authMethod = "MP-JWT")
@ApplicationPath("/mp-jwt")
public class MpJwtLoginApplication extends Application {
}
