# ./herald demo: Herald's main job on real input. Brings the stack up if needed, imports the
# 1,000 sample employees, schedules a campaign to them a few seconds ahead, waits for it and
# counts at the provider simulator; the last line is the summary scripts read.
# shellcheck shell=bash

herald_command demo "run a campaign to the 1,000 sample employees and count at the simulator"

cmd_demo() {
  [[ ${1:-} != -h && ${1:-} != --help ]] || {
    printf 'Usage: ./herald demo\n  Brings Herald up if needed, imports samples/employees.csv,'
    printf ' sends one campaign\n  and prints: demo: recipients=<n> delivered=<n>'
    printf ' duplicates=<n> lost=<n>\n'
    return 0
  }
  local classpath
  if ! wildfly_pid "$(herald_basedir)" >/dev/null || ! sim_pid >/dev/null; then
    cmd_up >&2
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
