/**
 * A recipient, its outcome row and state, a rejected import row, and how merge values are stored. Depends on no
 * other Sluice package.
 */
package org.sluice.recipient.entity;
