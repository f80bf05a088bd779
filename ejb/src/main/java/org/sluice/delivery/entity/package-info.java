/**
 * One SMTP transaction's record (table delivery_record). Depends on no other Sluice package.
 */
package org.sluice.delivery.entity;
