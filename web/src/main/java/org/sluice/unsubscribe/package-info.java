/**
 * The public unsubscribe page and one-click endpoint (RFC 8058). Uses suppression's boundary and api's request
 * size limits.
 */
package org.sluice.unsubscribe;
