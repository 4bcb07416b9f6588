package dev.gatehouse.sample;

import java.lang.management.ManagementFactory;

import jakarta.enterprise.context.RequestScoped;
import jakarta.json.Json;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /api/admin/stats}: group {@code admin} only. The resource checks nothing itself: the rule
 * {@code gatehouse.rule.admin.*} in {@code microprofile-config.properties} answers everyone else with 403
 * {@code insufficient_scope} before the request gets here.
 */
@Path("/admin/stats")
@RequestScoped
public class AdminStatsResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public String stats(@Context ServletContext servletContext, @Context SecurityContext security) {
        Runtime runtime = Runtime.getRuntime();
        return Json.createObjectBuilder()
                .add("server", servletContext.getServerInfo())
                .add("requestedBy", Callers.token(security).getName())
                .add("uptimeSeconds", ManagementFactory.getRuntimeMXBean().getUptime() / 1000)
                .add("processors", runtime.availableProcessors())
                .add("heapUsedBytes", runtime.totalMemory() - runtime.freeMemory())
                .build().toString();
    }
}
