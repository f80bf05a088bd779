/**
 * Compiling and rendering templates into one MIME message per recipient. Plain classes; may use recipient's and
 * suppression's control packages.
 */
package org.sluice.message.control;
