/**
 * Creating, changing and checking campaigns (the renderer a send uses), counting their recipients, previews, and
 * incidents. May use any other feature's boundary, control and entity.
 */
package org.sluice.campaign.boundary;
