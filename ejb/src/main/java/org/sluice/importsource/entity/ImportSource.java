package org.sluice.importsource.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A database an admin allows recipient queries on: a name operators choose, for a WildFly datasource. */
@Entity
@Table(name = "import_source")
public class ImportSource {

    @Id
    @Column(length = 64)
    private String name;

    @Column(name = "jndi_name", nullable = false, length = 200)
    private String jndiName;

    @Column(length = 500)
    private String description;

    @Column(name = "registered_by", nullable = false, length = 100)
    private String registeredBy;

    @Column(name = "registered_at", nullable = false)
    private Instant registeredAt;

    protected ImportSource() {}

    public ImportSource(String name, String jndiName, String description, String registeredBy, Instant registeredAt) {
        this.name = name;
        this.jndiName = jndiName;
        this.description = description;
        this.registeredBy = registeredBy;
        this.registeredAt = registeredAt;
    }

    public String getName() {
        return name;
    }

    public String getJndiName() {
        return jndiName;
    }

    public String getDescription() {
        return description;
    }

    public String getRegisteredBy() {
        return registeredBy;
    }

    public Instant getRegisteredAt() {
        return registeredAt;
    }

    public void change(String jndiName, String description, String registeredBy, Instant registeredAt) {
        this.jndiName = jndiName;
        this.description = description;
        this.registeredBy = registeredBy;
        this.registeredAt = registeredAt;
    }
}
