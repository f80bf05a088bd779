/** Campaign data beneath the services: the rows a campaign owns, deleted together. */
package org.sluice.campaign.control;
