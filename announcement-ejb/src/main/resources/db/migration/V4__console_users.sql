-- The HR console's users. Passwords are stored only as Pbkdf2PasswordHash strings
-- (algorithm:iterations:salt:hash); the roles are HR_ADMIN (every action) and HR_VIEWER (read).
create table app_user (
    username       varchar(64)  primary key,
    password_hash  varchar(255) not null,
    created_at     timestamptz  not null default now()
);
create table app_user_role (
    username  varchar(64) not null references app_user (username) on delete cascade,
    role      varchar(20) not null
        constraint app_user_role_chk check (role in ('HR_ADMIN', 'HR_VIEWER')),
    primary key (username, role)
);
create index audit_event_time_idx on audit_event (occurred_at desc);
