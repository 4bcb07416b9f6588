package dev.gatehouse.it;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;

/**
 * Added to the sample for {@code deployWhenLoginConfigMpJwtThenRefusedNamingTheClass}: an application that also
 * switches on the server's own MicroProfile JWT, which Gatehouse refuses.
 */
@LoginConfig(authMethod = "MP-JWT")
@ApplicationPath("/mp-jwt")
public class MpJwtLoginApplication extends Application {
}
