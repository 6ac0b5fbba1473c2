-- The campaign page lists a campaign's deliveries in id order, a page at a time after the last
-- id seen, all of them or those in one state. (campaign_id, id) serves the first without
-- walking other campaigns' rows; (campaign_id, status, id) serves the second and still gives
-- the counts by state an index-only scan, so it replaces the (campaign_id, status) index.
create index delivery_campaign_id_idx on delivery (campaign_id, id);
create index delivery_campaign_status_id_idx on delivery (campaign_id, status, id);
drop index delivery_campaign_status_idx;
