package org.herald.web.security;

import jakarta.annotation.Priority;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.herald.web.Problems;

/**
 * Who may call what under {@code /api}: the WhatsApp webhook is open (it checks its own
 * signature) and so is the login itself; everything else needs an authenticated caller (401
 * otherwise). Reading is for HR_VIEWER and HR_ADMIN; every state change, and the user list, is
 * for HR_ADMIN only (403). A state change made with the console's session cookie must also carry
 * the session's CSRF token in {@code X-CSRF-Token} (403 without it); HTTP Basic callers need none.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class ApiAccessFilter implements ContainerRequestFilter {

    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        String path = context.getUriInfo().getPath().replaceAll("^/+", "");
        String method = context.getMethod();
        if (path.startsWith("webhooks/")) {
            return;
        }
        SecurityContext security = context.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            context.abortWith(Problems.of(401, "unauthenticated", "session".equals(path)
                    && "POST".equals(method) ? "wrong username or password"
                    : "log in, or send HTTP Basic credentials"));
            return;
        }
        if ("session".equals(path)) {
            return;
        }
        boolean admin = security.isUserInRole(ConsoleSecurity.ADMIN);
        boolean viewer = admin || security.isUserInRole(ConsoleSecurity.VIEWER);
        if (!viewer || (!READS.contains(method) || path.startsWith("users")) && !admin) {
            context.abortWith(Problems.of(403, "forbidden",
                    "this needs the role " + (viewer ? ConsoleSecurity.ADMIN : "HR_VIEWER")));
            return;
        }
        if (!READS.contains(method) && !csrfTokenMatches(context)) {
            context.abortWith(Problems.of(403, "csrf",
                    "a console request that changes something needs the X-CSRF-Token header"));
        }
    }

    private boolean csrfTokenMatches(ContainerRequestContext context) {
        if (context.getHeaderString("Authorization") != null) {
            return true;
        }
        HttpSession session = request.getSession(false);
        Object expected = session == null ? null
                : session.getAttribute(ConsoleSecurity.SESSION_CSRF);
        String sent = context.getHeaderString(ConsoleSecurity.CSRF_HEADER);
        return expected != null && sent != null && MessageDigest.isEqual(
                expected.toString().getBytes(StandardCharsets.UTF_8),
                sent.getBytes(StandardCharsets.UTF_8));
    }
}
