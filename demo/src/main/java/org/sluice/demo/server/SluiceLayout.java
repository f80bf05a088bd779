package org.sluice.demo.server;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the demo finds the provisioned server and the EAR: system properties set by the pom
 * (sluice.layout.wildfly-home, sluice.layout.ear, sluice.layout.work-dir), or else the repository layout found by walking up
 * from the working directory (for a run from an IDE).
 */
public record SluiceLayout(Path wildflyHome, Path ear, Path workDir) {

    public static final String WILDFLY_DIR = "server/target/wildfly-39.0.1.Final";

    public static SluiceLayout fromSystemProperties() {
        Path root = repositoryRoot();
        return new SluiceLayout(
                path("sluice.layout.wildfly-home", root.resolve(WILDFLY_DIR)),
                path("sluice.layout.ear", root.resolve("ear/target/sluice.ear")),
                path("sluice.layout.work-dir", Path.of("target")));
    }

    private static Path path(String property, Path fallback) {
        String value = System.getProperty(property);
        return (value == null || value.isBlank() ? fallback : Path.of(value))
                .toAbsolutePath()
                .normalize();
    }

    /** The nearest directory up from here holding server/pom.xml, or the working directory. */
    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("server/pom.xml"))) {
                return dir;
            }
        }
        return here;
    }
}
