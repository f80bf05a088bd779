/**
 * Starting imports and reporting their progress. Uses this feature's control package and the domain's boundaries.
 */
package org.sluice.importing.boundary;
