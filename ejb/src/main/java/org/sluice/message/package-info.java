/**
 * Personal messages: templates, merge values, headers and MIME. Uses recipient (the values to merge) and
 * suppression (the List-Unsubscribe headers).
 */
package org.sluice.message;
