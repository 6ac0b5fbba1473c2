# ./herald page-timing: how long the campaign page takes with a large campaign, on the stack of
# ./herald up. Imports N synthetic employees through the API and creates a campaign for them,
# then writes its deliveries straight into the database (a finished campaign with a realistic
# mix of states; no message goes to the queue or the provider), and times the page's requests.
# shellcheck shell=bash

herald_command page-timing "time the campaign page with a campaign of N recipients (--recipients N)"

cmd_page_timing() {
  local recipients=100000 classpath prepared campaign department
  while (($# > 0)); do
    case $1 in
      --recipients)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--recipients needs a positive number"
        recipients=$2
        shift
        ;;
      -h | --help)
        printf 'Usage: ./herald page-timing [--recipients N]   (default 100000)\n'
        printf '  Needs ./herald up; leaves the campaign and its employees in its database.\n'
        return 0
        ;;
      *) die "unknown option for page-timing: $1" ;;
    esac
    shift
  done
  if ! wildfly_pid "$(herald_basedir)" >/dev/null || ! sim_pid >/dev/null; then
    cmd_up >&2
  fi
  secrets_load
  classpath=$(tools_classpath)
  prepared=$(HERALD_ADMIN_PASSWORD=$HERALD_ADMIN_PASSWORD java -cp "$classpath" \
    org.herald.tools.DetailPageTiming prepare "$(recorded HERALD_URL)" "$recipients")
  read -r campaign department <<<"$prepared"
  [[ $campaign =~ ^[0-9]+$ ]] || die "the campaign was not created: $prepared"
  info "campaign $campaign: writing $recipients deliveries into the database"
  timing_seed "$campaign" "$department"
  HERALD_ADMIN_PASSWORD=$HERALD_ADMIN_PASSWORD java -cp "$classpath" \
    org.herald.tools.DetailPageTiming measure "$(recorded HERALD_URL)" "$campaign"
}

# timing_seed <campaign> <department>: the campaign as it is once dispatched and settled: one
# delivery per employee of the department, 50% READ, 30% DELIVERED, 18.6% SENT, 1% FAILED and
# 0.4% UNKNOWN, then fresh planner statistics.
timing_seed() {
  pg_psql "$(herald_pg_data)" -q -v ON_ERROR_STOP=1 -v campaign="$1" -v department="$2" <<'SQL'
begin;
insert into delivery (campaign_id, employee_id, phone_e164, status, wamid, error_code,
                      error_title, unknown_since, attempts, version)
select :campaign, e.id, e.phone_e164, s.status,
       case when s.status in ('SENT', 'DELIVERED', 'READ')
            then 'wamid.timing.' || :campaign || '.' || e.id end,
       case when s.status = 'FAILED' then 131026 end,
       case when s.status = 'FAILED' then 'Message undeliverable'
            when s.status = 'UNKNOWN' then 'no answer within 10000 ms' end,
       case when s.status = 'UNKNOWN' then now() end, 1, 3
  from (select id, phone_e164, row_number() over (order by id) as n
          from employee where department = :'department') e
  cross join lateral (select case when e.n % 100 = 0 then 'FAILED'
                                  when e.n % 250 = 1 then 'UNKNOWN'
                                  when e.n % 10 < 5 then 'READ'
                                  when e.n % 10 < 8 then 'DELIVERED'
                                  else 'SENT' end as status) s;
update campaign
   set status = 'DISPATCHED', dispatch_started_at = now(), dispatched_at = now(),
       recipient_count = (select count(*) from delivery where campaign_id = :campaign)
 where id = :campaign and status = 'SCHEDULED';
commit;
analyze delivery;
analyze employee;
SQL
}
