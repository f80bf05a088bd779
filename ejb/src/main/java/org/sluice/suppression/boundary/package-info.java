/**
 * Adding to and reading the suppression list, the unsubscribe links' keys, and what a link does. May use
 * this feature's control and entity packages, recipient, secret and signing.
 */
package org.sluice.suppression.boundary;
