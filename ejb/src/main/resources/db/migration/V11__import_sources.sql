-- Import sources: the only databases an operator may import recipients from by query. An admin registers each
-- (a name for a WildFly datasource's JNDI name); Sluice's own datasources can never be one.
CREATE TABLE import_source (
    name            VARCHAR(64)    NOT NULL PRIMARY KEY,
    jndi_name       VARCHAR(200)   NOT NULL,
    description     VARCHAR(500),
    registered_by   VARCHAR(100)   NOT NULL,
    registered_at   TIMESTAMP      NOT NULL
);

-- A recipient query as the operator typed it. The import job gets only this row's id as a job parameter, so the
-- text never passes through JBeret's job parameters, where #{...} expressions would be evaluated.
CREATE SEQUENCE recipient_query_seq START WITH 50 INCREMENT BY 50;
CREATE TABLE recipient_query (
    id              BIGINT         NOT NULL PRIMARY KEY,
    campaign_id     BIGINT         NOT NULL REFERENCES campaign (id),
    source_name     VARCHAR(64)    NOT NULL,
    query_text      VARCHAR(10000) NOT NULL,
    requested_by    VARCHAR(100)   NOT NULL,
    requested_at    TIMESTAMP      NOT NULL
);
CREATE INDEX recipient_query_campaign ON recipient_query (campaign_id);
