-- Pause and resume. A paused campaign keeps the state it was paused in (paused_from), so that
-- resuming puts it back there: DISPATCHING continues its dispatch from the cursor, DISPATCHED
-- only releases what was held. pause_count numbers the pauses: it names the events of each
-- pause and resume, and keeps their ids apart.
alter table campaign drop constraint campaign_status_chk;
alter table campaign add constraint campaign_status_chk
    check (status in ('SCHEDULED', 'DISPATCHING', 'DISPATCHED', 'PAUSED', 'CANCELLED'));
alter table campaign add column paused_from varchar(20)
    constraint campaign_paused_from_chk check (paused_from in ('DISPATCHING', 'DISPATCHED'));
alter table campaign add column paused_at timestamptz;
alter table campaign add column pause_count integer not null default 0;
alter table campaign add constraint campaign_paused_chk
    check ((status = 'PAUSED') = (paused_from is not null));

-- A delivery whose message came while its campaign was paused is HELD: not sent, not lost.
-- Resuming finds the held deliveries of a campaign by this index.
create index delivery_held_idx on delivery (campaign_id, id) where status = 'HELD';
