package dev.gatehouse.sample;

import java.io.IOException;

import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /health}: public (listed in {@code gatehouse.public-paths}), always {@code {"status":"UP"}}. */
@WebServlet(urlPatterns = "/health")
public class HealthServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonResponses.write(response, Json.createObjectBuilder().add("status", "UP").build());
    }
}
