package dev.gatehouse.sample;

import java.io.IOException;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code GET /servlet/whoami}: a plain servlet behind Gatehouse, showing what the Servlet API says about the caller
 * ({@code {"name":..., "admin":..., "authType":"Bearer"}}).
 */
@WebServlet(urlPatterns = "/servlet/whoami")
public class WhoAmIServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonObjectBuilder json = Json.createObjectBuilder();
        JsonResponses.addNullable(json, "name", request.getRemoteUser());
        json.add("admin", request.isUserInRole("admin"));
        JsonResponses.addNullable(json, "authType", request.getAuthType());
        JsonResponses.write(response, json.build());
    }
}
