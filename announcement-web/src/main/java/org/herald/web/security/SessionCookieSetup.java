package org.herald.web.security;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.annotation.WebListener;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The console's session cookie: HttpOnly, SameSite=Strict, and Secure when
 * {@code herald.console.secure-cookie} is true (set it whenever Herald is reached over HTTPS; the
 * local stack serves plain HTTP, where a Secure cookie would never be sent back). Sessions end
 * after 30 idle minutes.
 */
@WebListener
public class SessionCookieSetup implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        SessionCookieConfig cookie = event.getServletContext().getSessionCookieConfig();
        cookie.setHttpOnly(true);
        cookie.setSecure(ConfigProvider.getConfig()
                .getOptionalValue("herald.console.secure-cookie", Boolean.class).orElse(false));
        cookie.setAttribute("SameSite", "Strict");
        event.getServletContext().setSessionTimeout(30);
    }
}
