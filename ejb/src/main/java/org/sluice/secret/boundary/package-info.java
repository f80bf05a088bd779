/**
 * Seals the secrets still in plaintext and checks at start that every sealed one opens. Uses this feature's root
 * package only.
 */
package org.sluice.secret.boundary;
