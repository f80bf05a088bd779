/**
 * Campaigns: their settings and templates, their state from draft to completed, incidents, and previews. The top of
 * the domain: it uses recipient, message, mta, bounce and suppression, and none of them uses it.
 */
package org.sluice.campaign;
