package org.herald.web.security;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.identitystore.DatabaseIdentityStoreDefinition;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import org.herald.platform.HeraldResources;

/**
 * Where console identities come from: the {@code app_user} and {@code app_user_role} tables,
 * with passwords checked by the platform's Pbkdf2PasswordHash against the stored hash (which
 * carries its own algorithm, iterations and salt).
 */
@ApplicationScoped
@DeclareRoles({ConsoleSecurity.ADMIN, ConsoleSecurity.VIEWER})
@DatabaseIdentityStoreDefinition(
        dataSourceLookup = HeraldResources.DATASOURCE,
        callerQuery = "select password_hash from app_user where username = ?",
        groupsQuery = "select role from app_user_role where username = ?",
        hashAlgorithm = Pbkdf2PasswordHash.class)
public class ConsoleSecurity {

    public static final String ADMIN = "HR_ADMIN";
    public static final String VIEWER = "HR_VIEWER";

    /** Session attributes of a logged-in console user. */
    static final String SESSION_USER = "herald.user";
    static final String SESSION_ROLES = "herald.roles";
    static final String SESSION_CSRF = "herald.csrf";

    /** The header in which pages send the session's CSRF token with each state change. */
    public static final String CSRF_HEADER = "X-CSRF-Token";
}
