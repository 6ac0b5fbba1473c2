# ./herald bench: a campaign of N synthetic recipients through the whole stack, measured. Runs
# on a stack of its own under target/bench-run/ (fresh PostgreSQL, simulator and WildFly on free
# ports, throughput limits off), so figures do not depend on what ./herald up holds. Writes
# target/bench/bench.{json,csv,svg}; the last line is the summary scripts read.
# shellcheck shell=bash

herald_command bench "measure a campaign of N synthetic recipients (--recipients N)"

bench_rundir() { printf '%s/target/bench-run' "$HERALD_ROOT"; }

cmd_bench() {
  local recipients=10000 rundir server_pid ceiling classpath jfr=false
  local java_opts=${HERALD_JAVA_OPTS:-}
  while (($# > 0)); do
    case $1 in
      --recipients)
        [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || die "--recipients needs a positive number"
        recipients=$2
        shift
        ;;
      --jfr) jfr=true ;;
      -h | --help)
        printf 'Usage: ./herald bench [--recipients N] [--jfr]   (default 10000)\n'
        printf '  --jfr  record the server with the JDK Flight Recorder into'
        printf ' target/bench/server.jfr\n'
        return 0
        ;;
      *) die "unknown option for bench: $1" ;;
    esac
    shift
  done
  require_tool java curl
  herald_build_if_needed
  classpath=$(tools_classpath)
  herald_provision
  rundir=$(bench_rundir)
  it_stack_up "$rundir"
  trap 'bench_down "$(bench_rundir)"' EXIT
  printf 'herald.whatsapp.messages-per-second=0\n' >>"$rundir/herald.properties"

  info "starting WildFly for the benchmark (heap ${HERALD_WILDFLY_XMX:=1g})"
  wildfly_stage "$rundir/standalone" "$(herald_ear)"
  if [[ $jfr == true ]]; then
    # Deep stacks: WildFly's MDB and EJB frames lie below the default depth of 64. The recording
    # is written when the server stops at the end.
    mkdir -p "$HERALD_ROOT/target/bench"
    rm -f "$HERALD_ROOT/target/bench/server.jfr"
    java_opts+=" -XX:FlightRecorderOptions:stackdepth=256"
    java_opts+=" -XX:StartFlightRecording=settings=profile,dumponexit=true"
    java_opts+=",filename=$HERALD_ROOT/target/bench/server.jfr"
  fi
  server_pid=$(HERALD_JAVA_OPTS=$java_opts wildfly_start "$rundir/standalone" \
    "$IT_OFFSET" --properties="$rundir/herald.properties")
  wildfly_await_deployment "$rundir/standalone" "$(basename "$(herald_ear)")"
  ceiling=$(bench_two_phase_ceiling "$rundir/pg/data")

  HERALD_ADMIN_PASSWORD=$HERALD_ADMIN_PASSWORD java -Xmx1g -cp "$classpath" \
    org.herald.tools.bench.Bench \
    --herald "http://127.0.0.1:$((8080 + IT_OFFSET))/herald" \
    --simulator "http://127.0.0.1:$IT_SIM_PORT" --recipients "$recipients" \
    --out "$HERALD_ROOT/target/bench" --server-pid "$server_pid" \
    --db-pid "$(pg_pid "$rundir/pg/data")" --simulator-pid "$(sim_pid "$rundir")" \
    --db-ceiling "$ceiling"
}

# bench_two_phase_ceiling <datadir>: PostgreSQL's rate of one prepared (two-phase) transaction
# per inserted row, with pgbench at the consumers' concurrency (16 clients, 10 s).
bench_two_phase_ceiling() {
  local dir=$1 script pgbench socket
  pg_resolve_bin "$(pg_effective_datadir "$dir")"
  pgbench=$PG_BIN_DIR/pgbench
  if [[ ! -x $pgbench ]]; then
    warn "no pgbench next to the PostgreSQL binaries; the 2PC ceiling is not measured"
    printf '0'
    return 0
  fi
  pg_psql "$dir" -q -c 'create table if not exists bench_2pc (client int, n bigint)' >&2
  script=/tmp/herald-2pc-$$.sql
  cat >"$script" <<'SQL'
\set n random(1, 9000000000000)
BEGIN;
INSERT INTO bench_2pc (client, n) VALUES (:client_id, :n);
PREPARE TRANSACTION 'bench_:client_id_:n';
COMMIT PREPARED 'bench_:client_id_:n';
SQL
  chmod 644 "$script"
  socket=$(sed -n 5p "$(pg_effective_datadir "$dir")/postmaster.pid")
  pg_as_owner "$pgbench" -n -M simple -c 16 -j 2 -T 10 -f "$script" -h "$socket" \
    -p "$(pg_port "$dir")" herald 2>/dev/null |
    sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1
  rm -f "$script"
}

bench_down() {
  local rundir=$1
  wildfly_stop "$rundir/standalone" 2>/dev/null || true
  it_stack_down "$rundir"
}
