-- delivery_record_campaign_time served progress counting, which V3 replaced by a per-run baseline. Every sent
-- message paid for maintaining it (one more B-tree insert per delivery record) and no query reads it any more.
DROP INDEX delivery_record_campaign_time;
