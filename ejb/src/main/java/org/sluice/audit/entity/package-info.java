/** The audit log's rows (table audit_event). Depends on no other Sluice package. */
package org.sluice.audit.entity;
