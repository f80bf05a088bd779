-- How many recipients were already SENT when the current job execution began: the progress of a run is
-- "sent now - sent before", without counting delivery records on every progress request.
ALTER TABLE campaign ADD COLUMN sent_before_run BIGINT NOT NULL DEFAULT 0;
