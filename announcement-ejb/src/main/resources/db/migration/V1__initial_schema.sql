-- Herald's schema. Every guard against a repeat that lives in the database is a constraint here,
-- so that it holds whichever node, thread or transaction tries to break it.

create table employee (
    id           bigserial primary key,
    employee_id  varchar(64)  not null unique,
    name         varchar(200) not null,
    phone_e164   varchar(20)  not null unique,
    department   varchar(100),
    opted_in     boolean      not null,
    created_at   timestamptz  not null default now(),
    updated_at   timestamptz  not null default now()
);
create index employee_department_idx on employee (department);

create table campaign (
    id                   bigserial primary key,
    name                 varchar(200) not null,
    template_name        varchar(512) not null,
    language_code        varchar(15)  not null,
    body_parameters      text         not null,
    audience_type        varchar(20)  not null,
    audience_values      text         not null,
    scheduled_at         timestamptz  not null,
    status               varchar(20)  not null,
    dispatch_cursor      bigint       not null default 0,
    dispatch_owner       varchar(64),
    dispatch_lease_until timestamptz,
    recipient_count      integer      not null default 0,
    created_at           timestamptz  not null default now(),
    dispatch_started_at  timestamptz,
    dispatched_at        timestamptz,
    cancelled_at         timestamptz,
    constraint campaign_status_chk
        check (status in ('SCHEDULED', 'DISPATCHING', 'DISPATCHED', 'CANCELLED'))
);
create index campaign_due_idx on campaign (status, scheduled_at);

create table delivery (
    id           bigserial primary key,
    campaign_id  bigint      not null references campaign (id),
    employee_id  bigint      not null references employee (id),
    phone_e164   varchar(20) not null,
    status       varchar(20) not null,
    wamid        varchar(128) unique,
    error_code   integer,
    error_title  varchar(500),
    attempts     integer     not null default 0,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    constraint delivery_once_per_employee unique (campaign_id, employee_id)
);
create index delivery_campaign_status_idx on delivery (campaign_id, status);

create table processed_message (
    message_id   varchar(200) primary key,
    processed_at timestamptz  not null default now()
);

create table idempotency_key (
    idem_key       varchar(200) primary key,
    request_hash   varchar(64)  not null,
    campaign_id    bigint references campaign (id),
    response_body  text,
    created_at     timestamptz  not null default now()
);
