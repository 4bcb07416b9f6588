package dev.gatehouse.sample;

import java.io.IOException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.json.Json;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** {@code GET /servlet/audit}: role {@code auditor}, declared on the servlet's {@code doGet}. */
@WebServlet(urlPatterns = "/servlet/audit")
public class AuditServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    @RolesAllowed("auditor")
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        JsonResponses.write(response, Json.createObjectBuilder().add("auditor", request.getRemoteUser()).build());
    }
}
