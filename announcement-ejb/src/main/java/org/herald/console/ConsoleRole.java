package org.herald.console;

/** What a console user may do: everything, or read only. */
public enum ConsoleRole {
    HR_ADMIN,
    HR_VIEWER
}
