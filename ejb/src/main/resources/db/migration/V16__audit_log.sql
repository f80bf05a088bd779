-- Who changed what and when: campaigns, their imports, starts and stops, MTAs, the suppression list and import
-- sources. Sluice only ever inserts here; an admin who wants the database to enforce that revokes UPDATE and DELETE
-- on this table from Sluice's database user (docs/security.md).
CREATE SEQUENCE audit_event_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE audit_event (
    id          BIGINT         NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP      NOT NULL,
    actor       VARCHAR(200)   NOT NULL,
    action      VARCHAR(40)    NOT NULL,
    target_type VARCHAR(40)    NOT NULL,
    target      VARCHAR(320)   NOT NULL,
    -- What the target looked like before and after the change (JSON), where the action changes it.
    before_state CHARACTER VARYING(65535),
    after_state  CHARACTER VARYING(65535)
);
CREATE INDEX audit_event_time ON audit_event (occurred_at, id);
CREATE INDEX audit_event_target ON audit_event (target_type, target, occurred_at);
