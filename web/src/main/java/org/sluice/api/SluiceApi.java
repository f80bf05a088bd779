package org.sluice.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** Sluice's JSON API under /sluice/api: the same operations the run command and the console use. */
@ApplicationPath("api")
public class SluiceApi extends Application {
}
