/**
 * The keys Sluice signs links and return paths with, stored sealed in table signing_key. Uses secret.
 */
package org.sluice.signing;
