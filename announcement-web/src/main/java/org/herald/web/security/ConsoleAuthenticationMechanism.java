package org.herald.web.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Establishes who calls, three ways, and nothing else (what a caller may do is decided by
 * {@link ApiAccessFilter} and {@link ConsolePageFilter}):
 * <ul>
 * <li>the login form posts {@code username} and {@code password} to {@code /api/session}: checked
 * against the identity store, then kept in a new HTTP session with a fresh CSRF token;</li>
 * <li>later requests of that session carry its cookie;</li>
 * <li>API clients send HTTP Basic credentials with every request, without a session (a browser
 * never sends them by itself, so these requests need no CSRF token). A successful check is
 * remembered for 30 s under an HMAC of the credentials with a key of this process, so that a
 * client polling the API does not pay the PBKDF2 hash on every request.</li>
 * </ul>
 */
@ApplicationScoped
public class ConsoleAuthenticationMechanism implements HttpAuthenticationMechanism {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long REMEMBER_NANOS = Duration.ofSeconds(30).toNanos();
    private static final int REMEMBER_AT_MOST = 1000;

    @Inject
    private IdentityStoreHandler identityStores;

    private final Map<String, RememberedLogin> remembered = new ConcurrentHashMap<>();
    private final SecretKeySpec rememberKey = new SecretKeySpec(randomBytes(), "HmacSHA256");

    private record RememberedLogin(CredentialValidationResult result, long until) {
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request,
            HttpServletResponse response, HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), context);
        }
        if (isLogin(request)) {
            return login(request, context);
        }
        HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(ConsoleSecurity.SESSION_USER) != null) {
            @SuppressWarnings("unchecked")
            Set<String> roles = (Set<String>) session.getAttribute(ConsoleSecurity.SESSION_ROLES);
            return context.notifyContainerAboutLogin(
                    (String) session.getAttribute(ConsoleSecurity.SESSION_USER), roles);
        }
        return context.doNothing();
    }

    private AuthenticationStatus basic(String encoded, HttpMessageContext context) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return context.doNothing();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return context.doNothing();
        }
        String key = fingerprint(decoded);
        RememberedLogin known = remembered.get(key);
        if (known != null && known.until() - System.nanoTime() > 0) {
            return context.notifyContainerAboutLogin(known.result());
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(
                decoded.substring(0, colon), decoded.substring(colon + 1)));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            remembered.remove(key);
            return context.doNothing();
        }
        if (remembered.size() >= REMEMBER_AT_MOST) {
            remembered.clear();
        }
        remembered.put(key, new RememberedLogin(result, System.nanoTime() + REMEMBER_NANOS));
        return context.notifyContainerAboutLogin(result);
    }

    private String fingerprint(String credentials) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(rememberKey);
            return Base64.getEncoder().encodeToString(
                    mac.doFinal(credentials.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private AuthenticationStatus login(HttpServletRequest request, HttpMessageContext context) {
        String username = request.getParameter("username");
        String password = request.getParameter("password");
        if (username == null || password == null) {
            return context.doNothing();
        }
        CredentialValidationResult result = identityStores.validate(
                new UsernamePasswordCredential(username, password));
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            return context.doNothing();
        }
        HttpSession previous = request.getSession(false);
        if (previous != null) {
            previous.invalidate();
        }
        HttpSession session = request.getSession(true);
        session.setAttribute(ConsoleSecurity.SESSION_USER,
                result.getCallerPrincipal().getName());
        session.setAttribute(ConsoleSecurity.SESSION_ROLES,
                new HashSet<>(result.getCallerGroups()));
        session.setAttribute(ConsoleSecurity.SESSION_CSRF, newToken());
        return context.notifyContainerAboutLogin(result);
    }

    private static boolean isLogin(HttpServletRequest request) {
        return "POST".equals(request.getMethod())
                && request.getRequestURI().equals(request.getContextPath() + "/api/session");
    }

    private static String newToken() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
