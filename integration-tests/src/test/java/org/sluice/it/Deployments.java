package org.sluice.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;

/** The one deployment every integration test uses: the real sluice.ear, exactly as an admin deploys it. */
public final class Deployments {

    private Deployments() {
    }

    public static EnterpriseArchive sluiceEar() {
        File ear = new File(System.getProperty("sluice.ear", "../ear/target/sluice.ear"));
        if (!ear.isFile()) {
            throw new IllegalStateException(ear + " is missing: build the ear module first");
        }
        return ShrinkWrap.createFromZipFile(EnterpriseArchive.class, ear);
    }
}
