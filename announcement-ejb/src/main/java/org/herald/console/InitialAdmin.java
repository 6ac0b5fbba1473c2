package org.herald.console;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's first user. At start, when no user exists yet and
 * {@code herald.console.initial-admin-password} is set (the launcher generates one into
 * {@code .herald/secrets.env}), creates {@code admin} with the role HR_ADMIN. Once any user
 * exists the setting is ignored, so changing it later changes nobody's password.
 */
@Singleton
@Startup
@DependsOn("SchemaMigration")
public class InitialAdmin {

    private static final Logger LOG = Logger.getLogger(InitialAdmin.class.getName());

    @EJB
    private ConsoleUsers users;

    @Inject
    @ConfigProperty(name = "herald.console.initial-admin-password")
    Optional<String> initialPassword;

    @Inject
    @ConfigProperty(name = "herald.console.initial-admin-username", defaultValue = "admin")
    String username;

    @PostConstruct
    void createFirstAdmin() {
        if (users.anyUser()) {
            return;
        }
        if (initialPassword.isEmpty() || initialPassword.get().isBlank()) {
            LOG.warning("HERALD-0701 no console user exists and"
                    + " herald.console.initial-admin-password is not set: nobody can log in");
            return;
        }
        if (initialPassword.get().length() < ConsoleUsers.MIN_PASSWORD) {
            LOG.warning(() -> "HERALD-0702 herald.console.initial-admin-password is shorter than "
                    + ConsoleUsers.MIN_PASSWORD + " characters: no console user created");
            return;
        }
        if (users.createFirstAdmin(username, initialPassword.get())) {
            LOG.info(() -> "HERALD-0700 created the first console user " + username);
        }
    }
}
