/**
 * A campaign, its status, and the incidents its runs log. May use mta's entities (a campaign's MTA pool), nothing
 * else of Sluice.
 */
package org.sluice.campaign.entity;
