/**
 * SMTP session properties and sockets for an MTA. Uses only this feature's entity package.
 */
package org.sluice.mta.control;
