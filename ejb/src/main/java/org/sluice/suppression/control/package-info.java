/**
 * Unsubscribe tokens and List-Unsubscribe headers. Plain classes without container services.
 */
package org.sluice.suppression.control;
