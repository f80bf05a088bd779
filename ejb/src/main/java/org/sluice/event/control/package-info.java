/** The event format, the outbox rows, webhook signatures and HTTP posts: no container services. */
package org.sluice.event.control;
