package org.herald.console;

import java.time.OffsetDateTime;

/** A console user as listed: never the password hash. */
public record ConsoleUser(String username, ConsoleRole role, OffsetDateTime createdAt) {
}
