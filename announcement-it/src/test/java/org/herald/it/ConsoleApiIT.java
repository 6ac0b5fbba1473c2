package org.herald.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.herald.tools.HeraldClient;
import org.herald.tools.Http;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.container.annotation.ArquillianTest;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;

/**
 * The console's security over plain HTTP, without a browser: login required, the session
 * cookie's flags, the CSRF token, the viewer's read-only role and the security headers.
 */
@ArquillianTest
class ConsoleApiIT {

    private static final String URL = System.getProperty("herald.it.url");

    private final HeraldClient admin = TestData.admin();

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.herald();
    }

    @Test
    void aRequestWithoutValidLoginIsRefusedAndAPageRedirectsToTheLogin() {
        Http.Answer anonymous = Http.get(URL + "/api/campaigns");
        Http.Answer wrongPassword = new HeraldClient(URL, "admin", "not-the-password")
                .call("GET", "/campaigns", null, null);
        Http.Answer page = Http.get(URL + "/campaign.html?id=1");

        assertEquals(401, anonymous.status());
        assertEquals("unauthenticated",
                ((JsonObject) anonymous.json()).getString("error"));
        assertEquals(401, wrongPassword.status());
        assertEquals(302, page.status());
        assertTrue(page.header("Location").endsWith("/herald/login.html"), page.header("Location"));
        assertTrue(page.header("Content-Security-Policy").contains("script-src 'self'"),
                page.header("Content-Security-Policy"));
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
    }

    @Test
    void aSessionChangesNothingWithoutItsCsrfTokenAndEndsAtLogout() {
        Http.Answer login = logIn("admin", System.getProperty("herald.it.admin-password"));
        String cookie = login.header("Set-Cookie");
        String session = cookie.substring(0, cookie.indexOf(';'));
        String token = ((JsonObject) login.json()).getString("csrfToken");
        String rate = "{\"messagesPerSecond\":" + admin.throughput() + "}";

        Http.Answer withoutToken = Http.exchange("PUT", URL + "/api/settings/throughput",
                "application/json", rate, "Cookie", session);
        Http.Answer wrongToken = Http.exchange("PUT", URL + "/api/settings/throughput",
                "application/json", rate, "Cookie", session, "X-CSRF-Token", "guess");
        Http.Answer withToken = Http.exchange("PUT", URL + "/api/settings/throughput",
                "application/json", rate, "Cookie", session, "X-CSRF-Token", token);
        Http.Answer logout = Http.exchange("DELETE", URL + "/api/session", null, null,
                "Cookie", session);
        Http.Answer afterLogout = Http.exchange("GET", URL + "/api/campaigns", null, null,
                "Cookie", session);

        assertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie);
        assertEquals(403, withoutToken.status());
        assertEquals("csrf", ((JsonObject) withoutToken.json()).getString("error"));
        assertEquals(403, wrongToken.status());
        assertEquals(200, withToken.status(), withToken.body());
        assertEquals(204, logout.status());
        assertEquals(401, afterLogout.status());
    }

    @Test
    void aViewerReadsButChangesNothing() {
        String viewer = "viewer-" + new TestData(1).department;
        admin.createUser(viewer, "viewer-password", "HR_VIEWER").expect(201);
        HeraldClient client = new HeraldClient(URL, viewer, "viewer-password");
        TestData data = new TestData(1);

        Http.Answer read = client.call("GET", "/campaigns", null, null);
        Http.Answer create = client.createCampaign(data.campaignJson("2030-01-01T09:00:00Z"),
                null);
        Http.Answer users = client.call("GET", "/users", null, null);
        Http.Answer session = logIn(viewer, "viewer-password");

        assertEquals(200, read.status());
        assertEquals(403, create.status());
        assertEquals(403, users.status());
        assertEquals("[\"HR_VIEWER\"]",
                ((JsonObject) session.json()).getJsonArray("roles").toString());
    }

    private static Http.Answer logIn(String username, String password) {
        return Http.post(URL + "/api/session", "application/x-www-form-urlencoded",
                "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)).expect(200);
    }
}
