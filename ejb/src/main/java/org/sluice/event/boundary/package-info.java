/** Writing events in the caller's transaction, publishing them, and the webhooks admins register. */
package org.sluice.event.boundary;
