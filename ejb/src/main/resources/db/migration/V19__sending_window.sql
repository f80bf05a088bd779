-- A campaign may send only inside a weekly window (days, local start and end, time zone). Outside it the send job
-- stops at once with its checkpoints and the campaign waits (status WAITING_FOR_WINDOW); every server polls for
-- windows that opened and restarts the campaign under its row's lock, so the wait survives restarts.
ALTER TABLE campaign ADD COLUMN window_days          VARCHAR(27);
ALTER TABLE campaign ADD COLUMN window_from          VARCHAR(5);
ALTER TABLE campaign ADD COLUMN window_until         VARCHAR(5);
ALTER TABLE campaign ADD COLUMN window_zone          VARCHAR(64);
-- Set when the window closed on a running send: the job's end then leaves the campaign WAITING_FOR_WINDOW, not
-- STOPPED.
ALTER TABLE campaign ADD COLUMN window_paused        BOOLEAN DEFAULT FALSE NOT NULL;
