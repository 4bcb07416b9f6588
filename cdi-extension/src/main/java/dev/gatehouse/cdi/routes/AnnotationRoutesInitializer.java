package dev.gatehouse.cdi.routes;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.auth.LoginConfig;

import dev.gatehouse.cdi.security.SecurityAnnotations;
import dev.gatehouse.filter.authz.Route;
import dev.gatehouse.filter.authz.RouteContributor;
import dev.gatehouse.filter.config.ConfigKeys;
import dev.gatehouse.filter.config.ConfigReader;

/**
 * Reads the security annotations of the application's JAX-RS resources when it deploys (the container hands over
 * every class with {@code @Path}, whatever the CDI bean-discovery mode) and installs the {@link RouteContributor} the
 * filter builds its route table from. Misused annotations fail the deployment, naming class and member.
 *
 * <p>It also refuses {@code @LoginConfig(authMethod = "MP-JWT")}: that annotation switches on the server's own
 * MicroProfile JWT (WildFly, Payara), which would validate the same token a second time with other rules, answer with
 * its own 401s, and on Payara make {@code JsonWebToken} ambiguous. Gatehouse reads the same {@code mp.jwt.*}
 * properties, so the annotation is not needed; with {@code gatehouse.enabled=false} it is left alone.
 */
@HandlesTypes({Path.class, ApplicationPath.class, Application.class, LoginConfig.class})
public final class AnnotationRoutesInitializer implements ServletContainerInitializer {

    /** Servlet name of a JAX-RS application declared in web.xml without an {@code Application} subclass. */
    static final String DEFAULT_APPLICATION = Application.class.getName();

    private static final Logger LOG = Logger.getLogger(AnnotationRoutesInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) throws ServletException {
        Set<Class<?>> found = classes == null ? Set.of() : classes;
        ConfigReader config = ConfigReader.forApplication(context.getClassLoader(), context::getInitParameter);
        if (!config.get(ConfigKeys.ENABLED).map(Boolean::parseBoolean).orElse(true)) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (Class<?> type : found) {
            LoginConfig login = type.getAnnotation(LoginConfig.class);
            if (login != null && "MP-JWT".equalsIgnoreCase(login.authMethod())) {
                problems.add(type.getName() + ": @LoginConfig(authMethod=\"MP-JWT\") turns on the server's own "
                        + "MicroProfile JWT next to Gatehouse; remove it (Gatehouse reads the same mp.jwt.* properties)");
            }
        }
        Set<Class<?>> resources = new LinkedHashSet<>();
        for (Class<?> type : found) {
            problems.addAll(SecurityAnnotations.problems(type));
            if (JaxRsResources.isRootResource(type)) {
                resources.add(type);
            }
        }
        if (!problems.isEmpty()) {
            problems.forEach(p -> LOG.severe("Gatehouse security annotations: " + p));
            throw new ServletException("Gatehouse security annotations: " + String.join("; ", problems));
        }
        Map<Class<?>, List<Route>> byResource = new HashMap<>();
        resources.forEach(r -> byResource.put(r, JaxRsResources.routes(r)));
        Map<String, List<Route>> byApplication = new HashMap<>();
        byApplication.put(DEFAULT_APPLICATION, flatten(byResource, resources));
        for (Class<?> type : found) {
            if (Application.class.isAssignableFrom(type) && type != Application.class
                    && !Modifier.isAbstract(type.getModifiers())) {
                byApplication.put(type.getName(), flatten(byResource, Applications.resourcesOf(type, resources)));
            }
        }
        context.setAttribute(RouteContributor.CONTEXT_ATTRIBUTE,
                new AnnotationRouteContributor(byApplication, context.getClassLoader()));
        LOG.fine(() -> "Gatehouse read the security annotations of " + resources.size() + " JAX-RS resources");
    }

    private static List<Route> flatten(Map<Class<?>, List<Route>> byResource, Set<Class<?>> resources) {
        List<Route> routes = new ArrayList<>();
        for (Class<?> resource : resources) {
            routes.addAll(byResource.getOrDefault(resource, List.of()));
        }
        return routes;
    }
}
