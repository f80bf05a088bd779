/**
 * The suppression list (addresses never mailed again) and the unsubscribe links that add to it. Uses recipient,
 * secret and signing; bounce and campaign build on it.
 */
package org.sluice.suppression;
