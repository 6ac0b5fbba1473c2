# ./herald integration-user: accounts for systems that talk to Herald over JMS. Each is an
# application user of WildFly's ApplicationRealm with the role herald-integration, which the
# messaging security settings of server-config/wildfly/60-integration.cli require for sending
# requests and subscribing to events.
# shellcheck shell=bash

herald_command integration-user "create a JMS integration account and print its password once"

HERALD_INTEGRATION_ROLE=herald-integration

cmd_integration_user() {
  local name='' basedir='' role=$HERALD_INTEGRATION_ROLE password
  while (($# > 0)); do
    case $1 in
      -h | --help)
        printf 'Usage: ./herald integration-user <name> [--base-dir <dir>] [--role <role>]\n'
        printf '  Creates (or resets) an application user with the role %s in\n' "$role"
        printf "  the server's base directory (default: that of ./herald up) and prints its\n"
        printf '  password once. --role gives another role instead (for tests of refusals).\n'
        return 0
        ;;
      --base-dir)
        basedir=${2:?--base-dir needs a directory}
        shift
        ;;
      --role)
        role=${2:?--role needs a role name}
        shift
        ;;
      -*) die "unknown option for integration-user: $1" ;;
      *)
        [[ -z $name ]] || die "one user name only"
        name=$1
        ;;
    esac
    shift
  done
  [[ $name =~ ^[A-Za-z0-9._-]{1,64}$ ]] || die "a user name of 1 to 64 letters, digits, . _ -"
  if [[ -z $basedir ]]; then
    # A running server keeps its installation; otherwise make sure there is one to copy.
    wildfly_home_in_use || herald_provision
    basedir=$(herald_basedir)
    wildfly_prepare_base "$basedir"
  fi
  [[ -d $basedir/configuration ]] || die "no WildFly base directory at $basedir"
  # Letters and digits plus a symbol, as WildFly's password policy wants.
  password="$(random_token | cut -c1-24)-Hx"
  integration_add_user "$basedir" "$name" "$password" "$role"
  info "user $name (role $role) added to $(relative_path "$basedir")/configuration;" \
    "a running server picks it up without a restart"
  printf 'user=%s\npassword=%s\n' "$name" "$password"
}

# integration_add_user <basedir> <name> <password> <role>: WildFly's add-user.sh against the base
# directory's configuration (application-users.properties and application-roles.properties).
integration_add_user() {
  local basedir=$1 log
  log=$(mktemp)
  if ! JBOSS_HOME=$WILDFLY_HOME JAVA_OPTS='' "$WILDFLY_HOME/bin/add-user.sh" -a -s \
    -sc "$basedir/configuration" -u "$2" -p "$3" -g "$4" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "add-user.sh failed"
  fi
  rm -f "$log"
}
