/**
 * The REST API and its exception mappers. Uses the boundaries of the domain and the jobs; nothing else uses it but
 * unsubscribe (the request size limits).
 */
package org.sluice.api;
