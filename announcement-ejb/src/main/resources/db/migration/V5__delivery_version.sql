-- Every change of a delivery's state increments its version, in the statement that makes the
-- change. The events Herald publishes about a delivery carry it as their sequence, so that a
-- subscriber can order them and drop repeats; version 1 is the QUEUED row the dispatch inserts.

alter table delivery add column version integer not null default 1;
