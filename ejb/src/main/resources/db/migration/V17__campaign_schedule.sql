-- A campaign may be scheduled to start at a time in a time zone, with an optional time after which the start is no
-- longer made (a schedule that comes due after an outage is not stale-fired). The schedule is data, polled by every
-- server, so it survives restarts and a cluster starts the campaign once: the campaign's row is locked to start it.
ALTER TABLE campaign ADD COLUMN scheduled_start     TIMESTAMP;
ALTER TABLE campaign ADD COLUMN schedule_zone       VARCHAR(64);
ALTER TABLE campaign ADD COLUMN schedule_not_after  TIMESTAMP;
ALTER TABLE campaign ADD COLUMN scheduled_by        VARCHAR(200);
-- What became of the last schedule when it was not started (missed, or refused and why); null otherwise.
ALTER TABLE campaign ADD COLUMN schedule_note       VARCHAR(1000);
CREATE INDEX campaign_scheduled_start ON campaign (scheduled_start);
