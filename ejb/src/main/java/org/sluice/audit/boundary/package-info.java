/**
 * The audit log: every feature records its changes here, in the transaction of the change, and admins read it.
 * Uses only its own entity.
 */
package org.sluice.audit.boundary;
