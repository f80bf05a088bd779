/**
 * The load manager the send path asks for room, the probe client, and the MTA status board the console shows. Uses
 * this feature's control package and mta's entities.
 */
package org.sluice.load.boundary;
