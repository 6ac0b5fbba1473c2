package org.herald.web.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * Security headers on every answer (a Content-Security-Policy that allows only this origin's
 * scripts and styles, so no inline script runs; no framing, no sniffing, no referrer), no caching
 * of API answers, and a redirect to the login page for console pages requested without a login
 * (the API refuses such requests itself, in {@link ApiAccessFilter}).
 */
@WebFilter("/*")
public class ConsolePageFilter extends HttpFilter {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none';"
            + " form-action 'self'; frame-ancestors 'none'";

    private static final Set<String> PUBLIC_PAGES = Set.of("/login.html");

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response,
            FilterChain chain) throws IOException, ServletException {
        response.setHeader("Content-Security-Policy", CSP);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("Referrer-Policy", "no-referrer");
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            response.setHeader("Cache-Control", "no-store");
        } else if (isPage(path) && !PUBLIC_PAGES.contains(path)
                && request.getUserPrincipal() == null) {
            response.sendRedirect(request.getContextPath() + "/login.html");
            return;
        }
        chain.doFilter(request, response);
    }

    /** The console's pages; scripts, styles and images hold no data and need no login. */
    private static boolean isPage(String path) {
        return path.equals("/") || path.endsWith(".html");
    }
}
