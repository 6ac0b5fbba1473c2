package org.herald.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Herald's REST API, under {@code /herald/api}. */
@ApplicationPath("api")
public class HeraldApplication extends Application {
}
