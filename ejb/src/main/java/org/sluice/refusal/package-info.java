/**
 * The one exception every feature's refusals extend, so the REST API and the console treat them alike, and the
 * invalid value a domain type refuses before a service sees it; both may name the console's text for them. Depends on
 * nothing in Sluice and holds nothing else.
 */
package org.sluice.refusal;
