-- Load-aware sending: each MTA names the probe beside it and the limits its host is sent to; a campaign sends
-- through a pool of MTAs; a campaign that waited past its deadline leaves an incident with its restart point.

ALTER TABLE mta ADD COLUMN probe_id              VARCHAR(100);
-- Stop admitting at max_queue_depth queued messages; resume at queue_resume_depth (hysteresis: no flapping).
ALTER TABLE mta ADD COLUMN max_queue_depth       INT            DEFAULT 2000 NOT NULL;
ALTER TABLE mta ADD COLUMN queue_resume_depth    INT            DEFAULT 1500 NOT NULL;
-- 1-minute load average per processor at which admission stops / resumes.
ALTER TABLE mta ADD COLUMN load_per_cpu_stop     DECIMAL(6, 2)  DEFAULT 2.00 NOT NULL;
ALTER TABLE mta ADD COLUMN load_per_cpu_resume   DECIMAL(6, 2)  DEFAULT 1.50 NOT NULL;
-- Available memory (percent of total) below which admission stops / above which it resumes.
ALTER TABLE mta ADD COLUMN memory_stop_percent   DECIMAL(5, 2)  DEFAULT 5.00 NOT NULL;
ALTER TABLE mta ADD COLUMN memory_resume_percent DECIMAL(5, 2)  DEFAULT 10.00 NOT NULL;
-- Free space on the MTA's spool filesystem below which admission stops (a full spool loses mail).
ALTER TABLE mta ADD COLUMN spool_min_free_mb     BIGINT         DEFAULT 512 NOT NULL;

CREATE TABLE campaign_mta (
    campaign_id BIGINT NOT NULL REFERENCES campaign (id),
    mta_id      BIGINT NOT NULL REFERENCES mta (id),
    PRIMARY KEY (campaign_id, mta_id)
);
INSERT INTO campaign_mta (campaign_id, mta_id) SELECT id, mta_id FROM campaign WHERE mta_id IS NOT NULL;
-- campaign.mta_id stays for one release so a rollback of Sluice still finds its data; nothing reads it now.

-- Deadline for waiting on overloaded MTAs, and why the campaign is waiting right now (null when it is not).
ALTER TABLE campaign ADD COLUMN wait_deadline_seconds INT DEFAULT 900 NOT NULL;
ALTER TABLE campaign ADD COLUMN waiting_reason        VARCHAR(2000);
ALTER TABLE campaign ADD COLUMN waiting_since         TIMESTAMP;

CREATE SEQUENCE incident_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE incident (
    id               BIGINT         NOT NULL PRIMARY KEY,
    campaign_id      BIGINT         NOT NULL REFERENCES campaign (id),
    job_execution_id BIGINT,
    occurred_at      TIMESTAMP      NOT NULL,
    kind             VARCHAR(40)    NOT NULL,
    reason           VARCHAR(2000)  NOT NULL,
    -- The last status of every MTA in the campaign's pool, one line each.
    mta_statuses     CHARACTER VARYING(65535),
    -- The restart point: the checkpoint of each partition and how many recipients are still to be mailed.
    restart_point    VARCHAR(2000),
    remaining        BIGINT         NOT NULL
);
CREATE INDEX incident_campaign ON incident (campaign_id, occurred_at);
