package org.sluice.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The names of Sluice's MBeans, in the domain {@value #DOMAIN}. */
public final class SluiceObjectNames {

    public static final String DOMAIN = "sluice";

    private SluiceObjectNames() {}

    /** {@code sluice:type=Campaign,id=<id>,name="<name>"}; the id keeps two campaigns of one name apart. */
    public static ObjectName campaign(long id, String name) {
        return objectName("type=Campaign,id=" + id + ",name=" + ObjectName.quote(name));
    }

    public static ObjectName mta(String name) {
        return objectName("type=Mta,name=" + ObjectName.quote(name));
    }

    private static ObjectName objectName(String properties) {
        try {
            return new ObjectName(DOMAIN + ":" + properties);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an MBean name: " + properties, e); // quote() makes any name valid
        }
    }
}
