-- A campaign's recipients cut into slices of the id range, claimed one at a time by the send step's partitions of
-- whichever Sluice server has room (the claim is a PostgreSQL advisory lock of that server's session, so a server that
-- dies frees its slices with its connection). A slice is OPEN until its PENDING recipients were each tried once,
-- RETRY while some of them wait for another attempt (DEFERRED), DONE when none is left.
CREATE TABLE send_slice (
    campaign_id BIGINT       NOT NULL REFERENCES campaign (id),
    slice_no    INTEGER      NOT NULL,
    first_id    BIGINT       NOT NULL,
    last_id     BIGINT       NOT NULL,
    state       VARCHAR(8)   NOT NULL,
    node        VARCHAR(255),
    claimed_at  TIMESTAMP,
    PRIMARY KEY (campaign_id, slice_no)
);

-- An operator asked to stop the campaign (on any server): every server stops its executions for it within seconds,
-- whichever server runs the campaign's own job. Cleared when a run begins.
ALTER TABLE campaign ADD COLUMN stop_requested_at TIMESTAMP;
