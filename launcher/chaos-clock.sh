# The clock scenarios of ./herald chaos (fault class 5: the server's clock stepped back or
# jumped forward with libfaketime, the server down across due times) and the redeploy scenario
# (class 2: the EAR redeployed twice before a campaign's time). chaos_suite (launcher/chaos.sh)
# runs them first: the chaos server's first boot runs under libfaketime, the downtime scenario
# restarts it without, and the other scenarios follow on that plain server.
# shellcheck shell=bash

# faketime_lib: the libfaketime library (Debian package faketime), or HERALD_FAKETIME_LIB.
faketime_lib() {
  local lib
  if [[ -n ${HERALD_FAKETIME_LIB:-} ]]; then
    printf '%s' "$HERALD_FAKETIME_LIB"
    return 0
  fi
  for lib in /usr/lib/*/faketime/libfaketime.so.1; do
    [[ -f $lib ]] && printf '%s' "$lib" && return 0
  done
  return 1
}

# faketime_ensure: installs the faketime package when the library is missing and we may (root
# with apt-get), as the browser tests' Chromium is; true when the library is there afterwards.
faketime_ensure() {
  faketime_lib >/dev/null && return 0
  if [[ $(id -u) != 0 ]] || ! command -v apt-get >/dev/null; then
    warn "libfaketime is missing: the clock scenarios are skipped (apt-get install faketime)"
    return 1
  fi
  info "installing faketime (libfaketime) for the clock scenarios"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null ||
    { apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q faketime >/dev/null; } || true
  faketime_lib >/dev/null && return 0
  warn "faketime could not be installed: the clock scenarios are skipped"
  return 1
}

chaos_clock_file() { printf '%s/faketime-offset' "$(chaos_rundir)"; }

# chaos_clock_env: the environment under which WildFly boots and keeps working while its wall
# clock is stepped: the offset is read from the file at every call (no cache), and the
# monotonic clock is left alone (timed waits stay right; FORCE_MONOTONIC_FIX=0, or timed waits
# return at once and the boot never ends).
chaos_clock_env() {
  printf 'LD_PRELOAD=%s FAKETIME_TIMESTAMP_FILE=%s FAKETIME_NO_CACHE=1' "$(faketime_lib)" \
    "$(chaos_clock_file)"
  printf ' FAKETIME_DONT_FAKE_MONOTONIC=1 FAKETIME_FORCE_MONOTONIC_FIX=0'
}

# chaos_clock_set <offset>: steps the server's wall clock to real time + offset (+1h, -70m).
chaos_clock_set() {
  printf '%s\n' "$1" >"$(chaos_clock_file).new"
  mv "$(chaos_clock_file).new" "$(chaos_clock_file)"
  info "server clock set to real time $1"
}

# chaos_clock_wanted: true when a scenario that needs the faked clock is to run.
chaos_clock_wanted() { chaos_wanted clock-jump-forward || chaos_wanted clock-step-back; }

# chaos_clock_group: the scenarios of this file, in order, on the server chaos_stack_up booted
# (under libfaketime when chaos_clock_prepare could arrange it); leaves a server running
# without libfaketime for the scenarios that follow.
chaos_clock_group() {
  if chaos_clock_wanted; then
    if [[ $CHAOS_FAKETIME == true ]]; then
      chaos_clock_scenarios
    else
      chaos_skipped_row clock-jump-forward "5 clock" "libfaketime missing"
      chaos_skipped_row clock-step-back "5 clock" "libfaketime missing"
    fi
  fi
  if chaos_wanted down-across-due-times || chaos_wanted redeploy-twice; then
    chaos_downtime_scenarios
  elif [[ $CHAOS_FAKETIME == true ]]; then
    info "restarting the chaos server without libfaketime"
    wildfly_stop "$(chaos_basedir)" 30
    CHAOS_WILDFLY_ENV=''
    chaos_server_start
  fi
}

chaos_skipped_row() { CHAOS_ROWS+=("$1|$2|0|0|0|0|0|0|$3|skipped|0"); }

# chaos_clock_prepare: before the chaos server's first boot: when a clock scenario will run and
# libfaketime is there, the server boots under it with the real time (offset +0).
chaos_clock_prepare() {
  CHAOS_WILDFLY_ENV=''
  CHAOS_FAKETIME=false
  chaos_clock_wanted || return 0
  faketime_ensure || return 0
  CHAOS_FAKETIME=true
  chaos_clock_set +0
  CHAOS_WILDFLY_ENV=$(chaos_clock_env)
}

# chaos_log_count <extended regex>: matching lines in this run's server logs: the current one and
# every rotated one (WildFly's before the last restart and by date, also while its clock was off;
# Payara's by size, in the middle of a row).
chaos_log_count() {
  local log
  log=$(chaos_server_log)
  cat "$log"* 2>/dev/null | grep -cE "$1" || true
}

chaos_claims() { chaos_log_count "HERALD-0201 campaign $1: dispatch claimed"; }
chaos_expirations() { chaos_log_count "HERALD-CHAOS timer expired for campaign $1\$"; }
chaos_early_firings() { chaos_log_count "HERALD-0204 campaign $1: timer fired"; }
chaos_leases_lost() { chaos_log_count "HERALD-0203 campaign $1: lease lost"; }

chaos_sql() { pg_psql "$(chaos_rundir)/pg/data" -Atc "$1"; }

# chaos_status <campaign>: the campaign's status in the database.
chaos_status() { chaos_sql "select status from campaign where id = $1"; }

# chaos_count_where <campaign ids, comma separated> <condition>: how many of them match.
chaos_count_where() {
  chaos_sql "select count(*) from campaign where id in ($1) and ($2)"
}

# chaos_settle_all <dir...>: settles the campaign of each scenario folder and prints one result
# line with the counts summed (outcome SETTLED only when every campaign settled).
chaos_settle_all() {
  local dir line lines=''
  for dir in "$@"; do
    line=$(chaos_probe settle "$CHAOS_URL" "$dir" "$CHAOS_SIM_URL" 180) ||
      line='result outcome=ERROR'
    lines+="$line"$'\n'
  done
  awk '{ for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "outcome") {
           if (kv[2] != "SETTLED") bad = kv[2] } else if (kv[1] != "campaign") {
           sum[kv[1]] += kv[2]; if (!(kv[1] in seen)) { seen[kv[1]] = 1; order[++n] = kv[1] } } } }
       END { printf "result outcome=%s", bad == "" ? "SETTLED" : bad
             for (i = 1; i <= n; i++) printf " %s=%d", order[i], sum[order[i]]; print "" }' \
    <<<"$lines"
}

# chaos_campaign_ids <dir...>: the campaign ids of the scenario folders, comma separated.
chaos_campaign_ids() {
  local dir ids=''
  for dir in "$@"; do
    ids+="${ids:+,}$(<"$dir/campaign")"
  done
  printf '%s' "$ids"
}

# chaos_per_campaign <function> <ids, comma separated>: the function's count for each id, as
# "n/n/n", and true when every count is 1.
chaos_per_campaign() {
  local counter=$1 id counts='' all_one=0
  for id in ${2//,/ }; do
    local count
    count=$("$counter" "$id")
    counts+="${counts:+/}$count"
    ((count == 1)) || all_one=1
  done
  printf '%s' "$counts"
  return "$all_one"
}

# The clock stepped forward and back, on one timeline of the faketime server:
# - clock-jump-forward: three small campaigns due 20-24 s ahead; the server's clock
#   jumps an hour ahead, past all three. By the JVM's clock they are due at once, and WildFly's
#   timers fire early; the claim judges by the database's clock, so each timer is set again and
#   each campaign starts at its own time, once.
# - clock-step-back: a fourth campaign (C) is dispatched while the clock is ahead; then a
#   larger one (B) is held half-way through its dispatch by a Byteman rule, and the clock is
#   stepped from an hour ahead to 70 minutes behind, back across both campaigns' times (C after
#   its dispatch, B during it). B finishes, once; neither is dispatched again.
chaos_clock_scenarios() {
  local dir started campaigns ids faults=0 check=1 result note log c_dir b_dir early early_ok
  local claims claims_ok
  dir=$(chaos_rundir)/scenarios/clock
  log=$(wildfly_server_log "$(chaos_basedir)")
  started=$(clock_ms)
  info "scenarios clock-jump-forward and clock-step-back"
  chaos_webhooks_that_outlast_a_restart
  # Due times counted from one moment, so that a slow machine cannot spread them out.
  chaos_probe prepare-many "$CHAOS_URL" "$dir" jump-1:20:20 jump-2:20:22 jump-3:20:24 \
    after-dispatch:20:28 "during-dispatch:$CHAOS_RECIPIENTS:34"
  campaigns=("$dir/jump-1" "$dir/jump-2" "$dir/jump-3")
  c_dir=$dir/after-dispatch
  b_dir=$dir/during-dispatch
  chaos_rule -l clock-step-window.btm
  ids=$(chaos_campaign_ids "${campaigns[@]}")

  faults=$(chaos_count_where "$ids" "status = 'SCHEDULED' and scheduled_at > now()")
  chaos_clock_set +1h
  # In the background, the step back as soon as B's dispatch is held half-way.
  chaos_clock_step_back_mid_dispatch "$log" "$c_dir" "$b_dir" "$dir/step-back" &
  local watcher=$!
  result=$(chaos_settle_all "${campaigns[@]}")
  # The database's clock decided: no campaign began before its time (the claim takes a
  # campaign up to 2 s early, as timers loaded from the store may fire up to 1 s early).
  early=$(chaos_count_where "$ids" \
    "dispatch_started_at is null or dispatch_started_at < scheduled_at - interval '2 seconds'")
  claims=$(chaos_per_campaign chaos_claims "$ids") && claims_ok=1 || claims_ok=0
  note="dispatch claims=$claims; early timer firings refused"
  note+=" $(chaos_per_campaign chaos_early_firings "$ids" || true); started before due=$early"
  early_ok=$(((faults == 3 && early == 0 && claims_ok == 1) ? 1 : 0))
  chaos_row clock-jump-forward "5 clock" "$faults" "$result" "$started" "$early_ok" "$note"

  started=$(clock_ms)
  wait "$watcher" || warn "scenario clock-step-back: the dispatch never reached its second chunk"
  faults=$(chaos_sum "$dir/step-back")
  result=$(chaos_settle_all "$c_dir" "$b_dir")
  chaos_rule -u clock-step-window.btm || true
  ids=$(chaos_campaign_ids "$c_dir" "$b_dir")
  claims=$(chaos_per_campaign chaos_claims "$ids") && claims_ok=1 || claims_ok=0
  check=$(((faults == 2 && claims_ok == 1) ? 1 : 0))
  note="dispatch claims=$claims; leases lost $(chaos_per_campaign chaos_leases_lost "$ids" ||
    true)"
  chaos_row clock-step-back "5 clock" "$faults" "$result" "$started" "$check" "$note"
}

# chaos_clock_step_back_mid_dispatch <log> <C dir> <B dir> <record>: waits until the Byteman
# rule holds B half-way, notes in the record whether C was dispatched and B was dispatching
# (1 each), and steps the clock back from an hour ahead to 70 minutes behind.
chaos_clock_step_back_mid_dispatch() {
  local log=$1 c_dir=$2 b_dir=$3 record=$4
  wait_until 150 grep -q 'HERALD-CHAOS clock step window' "$log" || return 1
  [[ $(chaos_status "$(<"$c_dir/campaign")") == DISPATCHED ]] && printf '1\n' >>"$record"
  [[ $(chaos_status "$(<"$b_dir/campaign")") == DISPATCHING ]] && printf '1\n' >>"$record"
  chaos_clock_set -70m
}

# The server down across several campaigns' due times, and a campaign whose time comes after
# the restart and two redeploys of the EAR; one restart serves both:
# - down-across-due-times: three campaigns due 22-26 s ahead; the server stops at once and
#   stays down until all three are past due by the database's clock; it restarts without
#   libfaketime. Each campaign is dispatched once, each timer expires once (a missed
#   single-action timer fires once on start; the sweep may race it, the claim lets one win):
#   no catch-up storm.
# - redeploy-twice: after the restart, a campaign due in 75 s, and two redeploys of the EAR
#   (deployment scanner, .dodeploy) before its time; its persistent timer is counted in
#   WildFly's management model before and after each redeploy (it must stay one), then it
#   fires once and dispatches once, and no timer is left.
chaos_downtime_scenarios() {
  local dir started ids faults check result note down_dirs e_dir e_id timers
  dir=$(chaos_rundir)/scenarios/downtime
  started=$(clock_ms)
  info "scenarios down-across-due-times and redeploy-twice"
  chaos_webhooks_that_outlast_a_restart
  chaos_probe prepare-many "$CHAOS_URL" "$dir" down-1:20:22 down-2:20:24 down-3:20:26
  down_dirs=("$dir/down-1" "$dir/down-2" "$dir/down-3")
  ids=$(chaos_campaign_ids "${down_dirs[@]}")
  wildfly_stop "$(chaos_basedir)" 30
  info "server stopped; down until the three campaigns are past due"
  wait_until 120 chaos_all_past_due "$ids" || true
  # Due while the server was down, and not dispatched before it went down.
  faults=$(chaos_count_where "$ids" "status = 'SCHEDULED' and scheduled_at < now()")
  CHAOS_WILDFLY_ENV=''
  chaos_server_start
  # The redeploy scenario's campaign, made now so that its 75 s run while these settle.
  e_dir=$dir/redeploy
  chaos_probe prepare "$CHAOS_URL" "$e_dir" 20 75 >/dev/null

  result=$(chaos_settle_all "${down_dirs[@]}")
  note="dispatch claims=$(chaos_per_campaign chaos_claims "$ids" || true)"
  note+="; timer expirations=$(chaos_per_campaign chaos_expirations "$ids" || true)"
  check=0
  if chaos_per_campaign chaos_claims "$ids" >/dev/null &&
    chaos_per_campaign chaos_expirations "$ids" >/dev/null; then
    check=1
  fi
  chaos_row down-across-due-times "5 server down" "$faults" "$result" "$started" "$check" \
    "$note"

  started=$(clock_ms)
  e_id=$(<"$e_dir/campaign")
  timers=$(chaos_timers "$e_id")
  faults=0
  for _ in 1 2; do
    chaos_redeploy
    timers+="/$(chaos_timers "$e_id")"
    [[ $(chaos_count_where "$e_id" "status = 'SCHEDULED' and scheduled_at > now()") == 1 ]] &&
      faults=$((faults + 1))
  done
  result=$(chaos_settle_all "$e_dir")
  timers+="/$(chaos_timers "$e_id")"
  note="timers before, after redeploy 1 and 2, after dispatch=$timers"
  note+="; timer expirations=$(chaos_expirations "$e_id"); dispatch claims=$(chaos_claims "$e_id")"
  check=$([[ $timers == 1/1/1/0 && $(chaos_expirations "$e_id") == 1 &&
    $(chaos_claims "$e_id") == 1 ]] && printf 1 || printf 0)
  chaos_row redeploy-twice "2 redeploy" "$faults" "$result" "$started" "$check" "$note"
}

# chaos_all_past_due <ids>: true when each campaign's time is more than 5 s past.
chaos_all_past_due() {
  [[ $(chaos_count_where "$1" "scheduled_at >= now() - interval '5 seconds'") == 0 ]]
}

# chaos_redeploy: redeploys the EAR in the running chaos server through the deployment scanner
# (the .dodeploy marker) and waits for WildFly's "replaced deployment" (the scanner keeps the
# .deployed marker's old time, so the marker cannot tell).
chaos_redeploy() {
  local name replaced before
  name=$(basename "$(herald_ear)")
  replaced="WFLYSRV0016: Replaced deployment \"$name\""
  before=$(chaos_log_count "$replaced")
  touch "$(chaos_basedir)/deployments/$name.dodeploy"
  if ! wait_until 300 chaos_log_count_above "$replaced" "$before"; then
    show_log_tail "$(wildfly_server_log "$(chaos_basedir)")" 60
    die "redeploying $name did not finish within 300 s"
  fi
  info "$name redeployed"
}

chaos_log_count_above() { (($(chaos_log_count "$1") > $2)); }

# chaos_timers <campaign>: how many EJB timers of CampaignScheduler the running server holds
# for the campaign, read from WildFly's management model.
chaos_timers() {
  wildfly_cli "$CHAOS_OFFSET" --command="/deployment=herald.ear/subdeployment=\
announcement-ejb.jar/subsystem=ejb3/stateless-session-bean=CampaignScheduler/\
service=timer-service:read-resource(recursive=true,include-runtime=true)" |
    tee -a "$(chaos_rundir)/scenarios/timers-$1.txt" |
    grep -cE "\"info\" => \"?$1L?\"?,?\$" || true
}
