/**
 * A recorded bounce and its kind, as stored in table bounce. Depends on no other Sluice package.
 */
package org.sluice.bounce.entity;
