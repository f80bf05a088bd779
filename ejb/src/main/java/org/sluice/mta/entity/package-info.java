/**
 * An MTA, its limits and TLS mode; its password is sealed by a converter that uses the secret package.
 */
package org.sluice.mta.entity;
