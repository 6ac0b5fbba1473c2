# ./herald demo: Herald's main job on real input. Brings the stack up if needed, imports the
# 1,000 sample employees, schedules a campaign to them a few seconds ahead, waits for it and
# counts at the provider simulator; the last line is the summary scripts read.
# shellcheck shell=bash

herald_command demo "run a campaign to the 1,000 sample employees and count at the simulator"

cmd_demo() {
  local classpath up_args=() running nodes=''
  while (($# > 0)); do
    case $1 in
      -h | --help)
        printf 'Usage: ./herald demo [--server wildfly|payara] [--nodes N]\n  Brings Herald up'
        printf ' if needed (on that server, or as a cluster of N nodes), imports\n'
        printf '  samples/employees.csv, sends one campaign and prints:\n'
        printf '  demo: recipients=<n> delivered=<n> duplicates=<n> lost=<n>\n'
        return 0
        ;;
      --server)
        [[ -n ${2:-} ]] || die "--server needs a value: wildfly or payara"
        up_args=(--server "$(parse_server "$2")")
        shift
        ;;
      --server=*) up_args=(--server "$(parse_server "${1#--server=}")") ;;
      --nodes)
        nodes=${2:-}
        shift
        ;;
      --nodes=*) nodes=${1#--nodes=} ;;
      *) die "unknown option for demo: $1" ;;
    esac
    shift
  done
  if [[ -n $nodes ]]; then
    [[ $nodes =~ ^[1-9]$ ]] || die "--nodes needs a number from 1 to 9"
    if [[ $nodes != "$(recorded HERALD_NODES || printf 1)" ]] ||
      ! herald_running_server >/dev/null || ! sim_pid >/dev/null; then
      ((nodes == 1)) || up_args+=(--nodes "$nodes")
      cmd_up "${up_args[@]}" >&2
    fi
  elif ! running=$(herald_running_server) || ! sim_pid >/dev/null ||
    [[ ${#up_args[@]} -gt 0 && ${up_args[1]} != "$running" ]]; then
    cmd_up "${up_args[@]}" >&2
  fi
  secrets_load
  classpath=$(tools_classpath)
  # The password reaches the demo through its environment, never its command line.
  HERALD_ADMIN_PASSWORD=$HERALD_ADMIN_PASSWORD java -cp "$classpath" org.herald.tools.Demo \
    "$(recorded HERALD_URL)" "$(recorded SIM_URL)" \
    "$HERALD_ROOT/samples/employees.csv"
}

# tools_classpath: the classpath of the announcement-it tools, built if missing.
tools_classpath() {
  local module=$HERALD_ROOT/announcement-it/target
  if [[ ! -f $module/tools.classpath || ! -d $module/classes/org/herald/tools ]]; then
    herald_mvn -DskipTests install -pl announcement-it -am || die "building the tools failed"
  fi
  printf '%s:%s' "$module/classes" "$(<"$module/tools.classpath")"
}
