-- A campaign is sent exactly once unless it is created as the at-least-once baseline that the
-- benchmark compares against.
alter table campaign add column delivery_guarantee varchar(20) not null default 'EXACTLY_ONCE'
    constraint campaign_delivery_guarantee_chk
        check (delivery_guarantee in ('EXACTLY_ONCE', 'AT_LEAST_ONCE'));
