# Provisioning: turns the stock WildFly distribution into Herald's server in .herald/wildfly,
# offline, from what server-config/ holds. A rerun does nothing until one of its inputs changes;
# then the server is rebuilt from a fresh unpack of the distribution, so the CLI scripts always
# run against a pristine standalone-full.xml.
# shellcheck shell=bash

WILDFLY_HOME=${WILDFLY_HOME:-$HERALD_HOME/wildfly}

provision_dir() { printf '%s' "$HERALD_ROOT/server-config/target/provision"; }

provision_inputs() {
  printf '%s\n' "$HERALD_ROOT/server-config/pom.xml" "$HERALD_ROOT/launcher/provision.sh"
  find "$HERALD_ROOT/server-config/wildfly" -type f | LC_ALL=C sort
}

# provision_hash: a digest of everything the provisioned server is made from.
provision_hash() {
  local file
  {
    while IFS= read -r file; do
      printf '== %s\n' "$(relative_path "$file")"
      cat "$file"
    done < <(provision_inputs)
    grep -E '<(wildfly|postgresql|eclipselink|eclipselink-asm)\.version>' "$HERALD_ROOT/pom.xml"
  } | sha256sum | cut -c 1-64
}

wildfly_is_provisioned() {
  [[ -f $WILDFLY_HOME/.herald-provisioned ]] &&
    [[ $(<"$WILDFLY_HOME/.herald-provisioned") == "$1" ]]
}

# wildfly_home_in_use: true when any running JVM uses .herald/wildfly as its jboss.home.dir.
wildfly_home_in_use() {
  # The pattern comes from a file so that grep's own command line does not match it.
  grep -qaF -f <(printf -- '-Djboss.home.dir=%s\n' "$WILDFLY_HOME") /proc/[0-9]*/cmdline \
    2>/dev/null
}

# herald_provision [--force]: provisions WildFly unless it is up to date with server-config/.
herald_provision() {
  local hash started staging=$WILDFLY_HOME.new
  hash=$(provision_hash)
  if [[ ${1:-} != --force ]] && wildfly_is_provisioned "$hash"; then
    return 0
  fi
  ! wildfly_home_in_use || die "a WildFly runs from $WILDFLY_HOME; stop it first (./herald down)"
  require_tool java sha256sum
  started=$(clock_ms)
  info "provisioning WildFly $(pom_property wildfly.version) into $(relative_path "$WILDFLY_HOME")"
  provision_fetch
  provision_unpack "$staging"
  provision_modules "$staging"
  provision_configure "$staging"
  provision_tidy "$staging"
  printf '%s\n' "$hash" >"$staging/.herald-provisioned"
  rm -rf "$WILDFLY_HOME"
  mv "$staging" "$WILDFLY_HOME"
  info "WildFly provisioned in $(elapsed_since "$started") s"
}

provision_fetch() {
  # Jars of versions no longer wanted must not end up in a module.
  rm -rf "$(provision_dir)/modules"
  herald_mvn -f server-config/pom.xml -Pwildfly-artifacts generate-resources ||
    die "fetching the WildFly distribution and module jars failed"
}

provision_unpack() {
  local home=$1 version zip
  version=$(pom_property wildfly.version)
  zip=$(provision_dir)/wildfly-dist-$version.zip
  [[ -f $zip ]] || die "missing $zip"
  rm -rf "$home" "$home.unzip"
  zip_extract "$zip" "$home.unzip"
  mv "$home.unzip/wildfly-$version" "$home"
  rmdir "$home.unzip"
  chmod +x "$home"/bin/*.sh
}

# module_xml <template> <module dir>: the template with @RESOURCES@ replaced by one
# resource-root per jar in the module directory.
module_xml() {
  local line jar
  while IFS= read -r line; do
    if [[ $line == *@RESOURCES@* ]]; then
      for jar in "$2"/*.jar; do
        printf '%s<resource-root path="%s"/>\n' "${line%%@RESOURCES@*}" "${jar##*/}"
      done
    else
      printf '%s\n' "$line"
    fi
  done <"$1"
}

# module_install <wildfly home> <module name> <module dir below the home>
module_install() {
  local dir=$1/$3 template=$HERALD_ROOT/server-config/wildfly/modules/$2.xml
  mkdir -p "$dir"
  cp "$(provision_dir)/modules/$2"/*.jar "$dir/"
  module_xml "$template" "$dir" >"$dir/module.xml"
}

provision_modules() {
  module_install "$1" org.postgresql modules/org/postgresql/main
  module_install "$1" org.eclipse.persistence \
    modules/system/layers/base/org/eclipse/persistence/main
}

# The scripts of server-config/wildfly/ that configure the broker embedded in WildFly: cluster
# mode (standalone-full-ha.xml) has none and runs those of server-config/wildfly/cluster/ instead.
PROVISION_EMBEDDED_BROKER_ONLY=" 40-messaging.cli 45-baseline.cli 60-integration.cli "

# provision_configure <wildfly home>: runs every server-config/wildfly/*.cli, in name order,
# in one embedded (offline) server on standalone-full.xml; then the same without the embedded
# broker's scripts, followed by server-config/wildfly/cluster/*.cli, on standalone-full-ha.xml
# (the configuration of ./herald up --nodes N).
provision_configure() {
  local home=$1 script=$1/herald-provision.cli log=$HERALD_HOME/provision.log file name
  {
    printf 'embed-server --std-out=echo --server-config=standalone-full.xml\n'
    for file in "$HERALD_ROOT"/server-config/wildfly/*.cli; do
      printf '\n# ---- %s\n' "${file##*/}"
      cat "$file"
    done
    printf '\nstop-embedded-server\n'
    printf 'embed-server --std-out=echo --server-config=standalone-full-ha.xml\n'
    for file in "$HERALD_ROOT"/server-config/wildfly/*.cli \
      "$HERALD_ROOT"/server-config/wildfly/cluster/*.cli; do
      name=${file##*/}
      [[ $file == */cluster/* || $PROVISION_EMBEDDED_BROKER_ONLY != *" $name "* ]] || continue
      printf '\n# ---- %s\n' "$(relative_path "$file")"
      cat "$file"
    done
    printf '\nstop-embedded-server\n'
  } >"$script"
  if ! JBOSS_HOME=$home JAVA_OPTS='' "$home/bin/jboss-cli.sh" --file="$script" >"$log" 2>&1
  then
    show_log_tail "$log" 60
    die "configuring WildFly failed (log: $log)"
  fi
  if grep -q ' ERROR \[' "$log"; then
    warn "the embedded server logged errors while being configured (log: $log)"
  fi
  rm -f "$script"
}

# The embedded server leaves data, logs and config history behind; runs start clean.
provision_tidy() {
  rm -rf "$1"/standalone/{data,log,tmp} "$1/standalone/configuration/standalone_xml_history"
}
