/**
 * The one exception every feature's refusals extend, so the REST API and the console treat them alike. Depends on
 * nothing in Sluice and holds nothing else.
 */
package org.sluice.refusal;
