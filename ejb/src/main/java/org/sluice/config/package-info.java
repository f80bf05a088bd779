/**
 * How Sluice reads its settings: a {@link org.sluice.config.Setting} per setting, declared by the feature that uses
 * it, looked up in MicroProfile Config (system properties, environment variables, config sources of WildFly's
 * microprofile-config-smallrye subsystem, {@code META-INF/microprofile-config.properties}), with the former names of
 * renamed settings still honoured. Depends on nothing else in Sluice; docs/configuration.md is the reference.
 */
package org.sluice.config;
