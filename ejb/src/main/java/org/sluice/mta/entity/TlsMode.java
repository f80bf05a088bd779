package org.sluice.mta.entity;

/** How the SMTP connection to an MTA is protected. */
public enum TlsMode {
    /** Plain SMTP (loopback or a trusted network only). */
    NONE,
    /** STARTTLS when the server offers it (RFC 3207), plain otherwise. */
    STARTTLS,
    /** STARTTLS or fail: never send in the clear. */
    STARTTLS_REQUIRED,
    /** TLS from the first byte (SMTPS, RFC 8314 implicit TLS, usually port 465). */
    SMTPS
}
