-- Events wait here between the transaction that makes their change and the relay that puts them
-- on the events topic: a change and its event commit together in the database alone, and the
-- relay publishes many events per transaction (see EventOutbox and EventRelay).
create table event_outbox (
    id bigserial primary key,
    event_id text not null,
    event_type text not null,
    campaign_id bigint not null,
    delivery_id bigint,
    status text not null,
    sequence integer not null,
    pause integer,
    body text not null
);
