-- Reconciliation of ambiguous sends: when a delivery became UNKNOWN, the campaign's policy for
-- it, and an audit trail of every operator decision.

alter table campaign add column unknown_policy varchar(20) not null default 'NEVER_RESEND'
    constraint campaign_unknown_policy_chk check (unknown_policy in ('NEVER_RESEND', 'RESEND_AFTER_WINDOW'));

alter table delivery add column unknown_since timestamptz;
create index delivery_unknown_idx on delivery (unknown_since) where status = 'UNKNOWN';

create table audit_event (
    id           bigserial primary key,
    occurred_at  timestamptz  not null default now(),
    actor        varchar(100) not null,
    action       varchar(50)  not null,
    campaign_id  bigint,
    delivery_id  bigint,
    detail       text
);
create index audit_event_campaign_idx on audit_event (campaign_id, occurred_at);
