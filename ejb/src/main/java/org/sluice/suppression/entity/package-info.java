/**
 * An entry of the suppression list and its reason. Depends on no other Sluice package.
 */
package org.sluice.suppression.entity;
