/**
 * The MTAs Sluice sends through: their settings, limits and SMTP sessions. Uses secret to seal their passwords.
 */
package org.sluice.mta;
