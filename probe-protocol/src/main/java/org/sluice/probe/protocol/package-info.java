/**
 * The versioned JMS contract between Sluice's LoadManager and the probes: the request and reply messages, their JSON
 * form and the errors a malformed reply raises. Shared as a small jar by both sides; it uses only Jakarta JSON.
 */
package org.sluice.probe.protocol;
