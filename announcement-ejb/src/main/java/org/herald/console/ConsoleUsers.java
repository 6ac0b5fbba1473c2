package org.herald.console;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.herald.platform.HeraldResources;
import org.herald.platform.RequestRejectedException;
import org.herald.platform.RequestRejectedException.Reason;

/**
 * The console's users and their roles, in {@code app_user} and {@code app_user_role}, which the
 * web module's database identity store reads at login. Passwords are hashed with the platform's
 * Pbkdf2PasswordHash (PBKDF2 with HMAC-SHA256, a random salt per user); every change is audited.
 */
@Stateless
public class ConsoleUsers {

    /** The hash parameters of new passwords; verification reads them from the stored hash. */
    public static final Map<String, String> HASH_PARAMETERS = Map.of(
            "Pbkdf2PasswordHash.Algorithm", "PBKDF2WithHmacSHA256",
            "Pbkdf2PasswordHash.Iterations", "50000",
            "Pbkdf2PasswordHash.SaltSizeBytes", "32",
            "Pbkdf2PasswordHash.KeySizeBytes", "32");

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");
    static final int MIN_PASSWORD = 12;

    @Resource(lookup = HeraldResources.DATASOURCE)
    private DataSource dataSource;

    @Inject
    private Pbkdf2PasswordHash passwordHash;

    public List<ConsoleUser> list() {
        String sql = "select u.username, r.role, u.created_at from app_user u"
                + " join app_user_role r on r.username = u.username order by u.username";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql);
                ResultSet rows = select.executeQuery()) {
            List<ConsoleUser> users = new ArrayList<>();
            while (rows.next()) {
                users.add(new ConsoleUser(rows.getString(1), ConsoleRole.valueOf(rows.getString(2)),
                        rows.getObject(3, OffsetDateTime.class)));
            }
            return users;
        } catch (SQLException e) {
            throw new IllegalStateException("console users cannot be read", e);
        }
    }

    public boolean anyUser() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select exists (select 1 from app_user)");
                ResultSet rows = select.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        } catch (SQLException e) {
            throw new IllegalStateException("console users cannot be read", e);
        }
    }

    /** Creates a user; a 409 when the name is taken, a 400 naming each problem of the input. */
    public ConsoleUser create(String username, String password, ConsoleRole role, String actor) {
        List<String> problems = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            problems.add("username must be 2-64 lower-case letters, digits, '.', '_' or '-'");
        }
        if (password == null || password.length() < MIN_PASSWORD) {
            problems.add("password must have at least " + MIN_PASSWORD + " characters");
        }
        if (role == null) {
            problems.add("role must be HR_ADMIN or HR_VIEWER");
        }
        if (!problems.isEmpty()) {
            throw new RequestRejectedException(Reason.INVALID, problems);
        }
        insert(username, hash(password), role, actor);
        return list().stream().filter(user -> user.username().equals(username)).findFirst()
                .orElseThrow();
    }

    /**
     * Creates the first user, an HR_ADMIN, unless any user exists; false when one did. Safe when
     * several nodes start at once: the insert is conditional, so only one of them creates it.
     */
    public boolean createFirstAdmin(String username, String password) {
        String sql = "insert into app_user (username, password_hash) select ?, ?"
                + " where not exists (select 1 from app_user) on conflict do nothing";
        try (Connection connection = dataSource.getConnection();
                PreparedStatement user = connection.prepareStatement(sql);
                PreparedStatement grant = connection.prepareStatement(
                        "insert into app_user_role (username, role) values (?, ?)")) {
            user.setString(1, username);
            user.setString(2, hash(password));
            if (user.executeUpdate() == 0) {
                return false;
            }
            grant.setString(1, username);
            grant.setString(2, ConsoleRole.HR_ADMIN.name());
            grant.executeUpdate();
            audit(connection, "startup", "USER_CREATED", username + " as " + ConsoleRole.HR_ADMIN);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("the first console user cannot be created", e);
        }
    }

    public void delete(String username, String actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "delete from app_user where username = ?")) {
            delete.setString(1, username);
            if (delete.executeUpdate() == 0) {
                throw new RequestRejectedException(Reason.NOT_FOUND,
                        "user " + username + " does not exist");
            }
            audit(connection, actor, "USER_DELETED", username);
        } catch (SQLException e) {
            throw new IllegalStateException("user " + username + " cannot be deleted", e);
        }
    }

    String hash(String password) {
        passwordHash.initialize(HASH_PARAMETERS);
        return passwordHash.generate(password.toCharArray());
    }

    void insert(String username, String hash, ConsoleRole role, String actor) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement user = connection.prepareStatement("insert into app_user"
                        + " (username, password_hash) values (?, ?) on conflict do nothing");
                PreparedStatement grant = connection.prepareStatement(
                        "insert into app_user_role (username, role) values (?, ?)")) {
            user.setString(1, username);
            user.setString(2, hash);
            if (user.executeUpdate() == 0) {
                throw new RequestRejectedException(Reason.CONFLICT,
                        "user " + username + " exists already");
            }
            grant.setString(1, username);
            grant.setString(2, role.name());
            grant.executeUpdate();
            audit(connection, actor, "USER_CREATED", username + " as " + role);
        } catch (SQLException e) {
            throw new IllegalStateException("user " + username + " cannot be created", e);
        }
    }

    private static void audit(Connection connection, String actor, String action, String detail)
            throws SQLException {
        try (PreparedStatement audit = connection.prepareStatement(
                "insert into audit_event (actor, action, detail) values (?, ?, ?)")) {
            audit.setString(1, actor);
            audit.setString(2, action);
            audit.setString(3, detail);
            audit.executeUpdate();
        }
    }
}
