/**
 * Secrets at rest: the master key, sealing with it, and which columns hold sealed values. These plain classes
 * depend on no other Sluice package, so entities' converters may use them.
 */
package org.sluice.secret;
