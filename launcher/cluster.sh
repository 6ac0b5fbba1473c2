# Herald on several WildFly nodes (./herald up --nodes N): one standalone ActiveMQ Artemis
# broker shared by every node, N WildFly nodes on standalone-full-ha.xml (server-config/wildfly/
# cluster/: remote broker, EJB timers in PostgreSQL), one PostgreSQL, the simulator, and nginx
# in front. Files in a cluster's run directory: broker/ (the broker instance), broker.pid,
# node<i>/standalone (each node's base directory), node<i>/wildfly.pid, nginx/ (its
# configuration, pid and logs). ./herald chaos --nodes N builds the same in its own folder.
# shellcheck shell=bash

# Where the broker distribution is unpacked (once; shared by every cluster of this checkout).
artemis_home() { printf '%s/artemis-%s' "$HERALD_HOME" "$(pom_property artemis.version)"; }

cluster_node_basedir() { printf '%s/node%s/standalone' "$1" "$2"; }
cluster_node_name() { printf 'herald-%s' "$1"; }

# artemis_ensure: fetches and unpacks apache-artemis (bin zip) from Maven Central if needed.
artemis_ensure() {
  local home version zip
  home=$(artemis_home)
  [[ -x $home/bin/artemis ]] && return 0
  version=$(pom_property artemis.version)
  zip=$(provision_dir)/artemis/apache-artemis-$version-bin.zip
  if [[ ! -f $zip ]]; then
    info "fetching ActiveMQ Artemis $version (once)"
    herald_mvn -f server-config/pom.xml -Partemis generate-resources ||
      die "fetching the Artemis distribution failed"
  fi
  rm -rf "$home.unzip"
  zip_extract "$zip" "$home.unzip"
  mv "$home.unzip/apache-artemis-$version" "$home"
  rmdir "$home.unzip"
  chmod +x "$home/bin/artemis"
}

# The broker's addresses: Herald's queues (anycast) and its events topic (multicast).
BROKER_QUEUES=HeraldDeliveries:anycast,HeraldDeliveriesDLQ:anycast,HeraldRequests:anycast
BROKER_QUEUES+=,HeraldRequestsDLQ:anycast,HeraldDeliveriesBaseline:anycast
BROKER_ADDRESSES=HeraldEvents:multicast

# broker_create <dir> <port> <user> <password>: a broker instance listening on 127.0.0.1:port
# (core protocol only, no web console), with Herald's addresses and the settings of
# server-config/artemis/ (duplicate detection with a persisted id cache, redelivery, paging).
broker_create() {
  local dir=$1 port=$2 user=$3 password=$4 log
  log=$(dirname "$dir")/broker-create.log
  # The password goes in through the instance's own files, not a lasting command line.
  if ! JAVA_ARGS='' "$(artemis_home)/bin/artemis" create --silent --force \
    --user "$user" --password "$password" --require-login --host 127.0.0.1 \
    --default-port "$port" --no-web --nio --no-amqp-acceptor --no-mqtt-acceptor \
    --no-stomp-acceptor --no-hornetq-acceptor --java-memory "${HERALD_BROKER_XMX:-256M}" \
    --queues "$BROKER_QUEUES" --addresses "$BROKER_ADDRESSES" "$dir" >"$log" 2>&1; then
    show_log_tail "$log"
    die "creating the Artemis broker instance failed"
  fi
  # A small initial heap (the profile's -Xms512M exceeds a smaller maximum).
  sed -i 's/-Xms512M/-Xms64M/' "$dir/etc/artemis.profile"
  # Only the core protocol on the acceptor: the nodes speak nothing else.
  sed -i 's/protocols=CORE,AMQP,STOMP,HORNETQ,MQTT,OPENWIRE/protocols=CORE/' "$dir/etc/broker.xml"
  xml_insert_before "$dir/etc/broker.xml" '</address-settings>' \
    "$HERALD_ROOT/server-config/artemis/address-settings.xml"
  xml_insert_before "$dir/etc/broker.xml" '</core>' "$HERALD_ROOT/server-config/artemis/core.xml"
}

# xml_insert_before <file> <closing tag> <fragment file>: the fragment goes in before the
# first line holding the tag.
xml_insert_before() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  awk -v tag="$2" -v fragment="$3" '
    !done && index($0, tag) { while ((getline line < fragment) > 0) print line; done = 1 }
    { print }' "$1" >"$tmp"
  grep -qF "$(head -n 1 "$3")" "$tmp" || die "no $2 in $1"
  mv "$tmp" "$1"
}

broker_pid() { pidfile_pid "$1/broker.pid" "$1/broker"; }

# broker_start <rundir> <port> <user> <password>: creates the instance on first use, starts it
# and waits until it accepts connections; prints its pid.
broker_start() {
  local rundir=$1 port=$2 pid
  if pid=$(broker_pid "$rundir"); then
    printf '%s' "$pid"
    return 0
  fi
  artemis_ensure
  [[ -f $rundir/broker/etc/broker.xml ]] || broker_create "$rundir/broker" "${@:2}"
  grep -q "tcp://127.0.0.1:$port?" "$rundir/broker/etc/broker.xml" ||
    sed -i "s|tcp://127.0.0.1:[0-9]*?|tcp://127.0.0.1:$port?|" "$rundir/broker/etc/broker.xml"
  ! port_in_use "$port" || die "port $port (the broker's) is taken"
  pid=$(start_detached "$rundir/broker.log" "$rundir/broker/bin/artemis" run)
  printf '%s\n' "$pid" >"$rundir/broker.pid"
  if ! wait_until 60 port_in_use "$port" || ! pid_alive "$pid"; then
    show_log_tail "$rundir/broker.log"
    die "the Artemis broker did not start"
  fi
  printf '%s' "$pid"
}

broker_stop() {
  local pid
  if pid=$(broker_pid "$1"); then
    stop_pid "$pid" "Artemis broker" 30
  fi
  rm -f "$1/broker.pid"
}

nginx_bin() { command -v nginx 2>/dev/null || printf '/usr/sbin/nginx'; }

# nginx_ensure: installs Debian's nginx when it is missing and we may (root with apt-get). Only
# the binary is used: the package's own service is neither needed nor touched.
nginx_ensure() {
  [[ -x $(nginx_bin) ]] && return 0
  [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null ||
    die "nginx is needed for a cluster: apt-get install nginx"
  info "installing nginx (Debian package) for the load balancer"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null ||
    { apt-get update -q >/dev/null &&
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx >/dev/null; } ||
    die "installing nginx failed"
}

# nginx_write_conf <dir> <port> <read timeout seconds> <node http ports...>: an instance of our
# own. Requests go round robin to the nodes; a request that fails to connect, or gets no answer
# within the read timeout, goes to the next node, POSTs included (non_idempotent): the worst
# realistic setting, which Herald must survive. max_fails=0: a slow node is never taken out.
# A console session stays on the node that made it (WildFly ends the session id with
# .<node name>); when that node does not answer, the others take over.
nginx_write_conf() {
  local dir=$1 port=$2 timeout=$3 node_port index=0 all='' sticky='' routes=''
  shift 3
  for node_port in "$@"; do
    index=$((index + 1))
    all+="    server 127.0.0.1:$node_port max_fails=0;"$'\n'
  done
  index=0
  for node_port in "$@"; do
    index=$((index + 1))
    sticky+="  upstream herald_$index {"$'\n'"    server 127.0.0.1:$node_port max_fails=0;"$'\n'
    sticky+="$(sed "/:$node_port /d; s/max_fails=0;/max_fails=0 backup;/" <<<"$all")"$'\n'
    sticky+="  }"$'\n'
    routes+="    \"~\\.$(cluster_node_name "$index")\$\" herald_$index;"$'\n'
  done
  mkdir -p "$dir/tmp" "$dir/logs"
  cat >"$dir/nginx.conf" <<CONF
# Written by Herald's launcher (launcher/cluster.sh) on every start; edits are lost.
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 1024; }
http {
  log_format herald '\$remote_addr [\$time_local] "\$request" \$status '
                    'upstreams=\$upstream_addr statuses=\$upstream_status '
                    'times=\$upstream_response_time';
  access_log $dir/logs/access.log herald;
  client_body_temp_path $dir/tmp/body;
  proxy_temp_path $dir/tmp/proxy;
  fastcgi_temp_path $dir/tmp/fastcgi;
  uwsgi_temp_path $dir/tmp/uwsgi;
  scgi_temp_path $dir/tmp/scgi;
  client_max_body_size 50m;

  upstream herald {
$all  }
$sticky
  map \$cookie_JSESSIONID \$herald_upstream {
    default herald;
$routes  }

  server {
    listen 127.0.0.1:$port;
    location / {
      proxy_pass http://\$herald_upstream;
      proxy_next_upstream error timeout non_idempotent;
      proxy_connect_timeout 2s;
      proxy_read_timeout ${timeout}s;
      proxy_send_timeout ${timeout}s;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
CONF
}

nginx_pid() { pidfile_pid "$1/nginx.pid" nginx; }

# nginx_start <dir> <port> <read timeout seconds> <node http ports...>: prints nginx's pid.
nginx_start() {
  local dir=$1 port=$2 pid
  nginx_ensure
  nginx_stop "$dir"
  nginx_write_conf "$@"
  ! port_in_use "$port" || die "port $port (the load balancer's) is taken"
  if ! "$(nginx_bin)" -c "$dir/nginx.conf" -p "$dir" -e "$dir/logs/error.log" \
    >"$dir/logs/start.log" 2>&1; then
    show_log_tail "$dir/logs/start.log"
    die "nginx did not start"
  fi
  wait_until 10 test -s "$dir/nginx.pid" || die "nginx wrote no pid file"
  pid=$(<"$dir/nginx.pid")
  printf '%s' "$pid"
}

nginx_stop() {
  local pid
  if pid=$(nginx_pid "$1"); then
    stop_pid "$pid" nginx 20
  fi
  rm -f "$1/nginx.pid"
}

# cluster_node_start <rundir> <index> <offset> <properties file>: boots node <index> from
# standalone-full-ha.xml with the EAR staged, waits for the deployment and prints its pid.
# HERALD_JAVA_OPTS and HERALD_WILDFLY_ENV apply as for a single server.
cluster_node_start() {
  local rundir=$1 index=$2 offset=$3 properties=$4 basedir ear name pid
  basedir=$(cluster_node_basedir "$rundir" "$index")
  name=$(cluster_node_name "$index")
  ear=$(herald_ear)
  wildfly_prepare_base "$basedir"
  wildfly_stage "$basedir" "$ear"
  pid=$(HERALD_WILDFLY_CONFIG=standalone-full-ha.xml wildfly_start "$basedir" "$offset" \
    --properties="$properties" -Djboss.node.name="$name" -Dherald.node.id="$name" \
    -bprivate=127.0.0.1 -Djboss.default.multicast.address="$(cluster_multicast "$rundir")")
  wildfly_await_deployment "$basedir" "${ear##*/}" "${HERALD_BOOT_TIMEOUT:-300}"
  printf '%s' "$pid"
}

# cluster_multicast <rundir>: a multicast group of this cluster's own (JGroups), so that two
# clusters on one machine never join each other's view.
cluster_multicast() {
  local sum
  sum=$(printf '%s' "$(absolute_path "$1")" | cksum | cut -d ' ' -f 1)
  printf '230.%d.%d.%d' $((sum % 250 + 1)) $((sum / 250 % 250)) $((sum / 62500 % 250 + 1))
}

cluster_node_stop() { wildfly_stop "$(cluster_node_basedir "$1" "$2")" "${3:-60}"; }
cluster_node_pid() { wildfly_pid "$(cluster_node_basedir "$1" "$2")"; }

# cluster_offsets <count> [first]: <count> port offsets whose WildFly ports are all free.
cluster_offsets() {
  local count=$1 offset=${2:-100} found=0
  while ((found < count)); do
    offset=$(free_port_offset "$offset" 100)
    printf '%s ' "$offset"
    offset=$((offset + 100))
    found=$((found + 1))
  done
}

# cluster_write_broker_properties <file> <broker port> <password>: the broker settings every
# node reads (appended to Herald's properties file).
cluster_write_broker_properties() {
  printf '%s\n' "herald.broker.host=127.0.0.1" "herald.broker.port=$2" \
    "herald.broker.user=herald" "herald.broker.password=$3" >>"$1"
}

# up_cluster <nodes>: ./herald up --nodes N. PostgreSQL as for one node; then the broker, the
# simulator (its webhooks go through nginx), the nodes one after the other (the first migrates
# the schema), and nginx.
up_cluster() {
  local nodes=$1 offsets index properties=$HERALD_RUN/herald.properties lb_port broker_port
  local started pid ports=() password
  herald_provision
  herald_build_if_needed
  db_up
  if [[ $(recorded HERALD_NODES || true) == "$nodes" ]] && cluster_node_pid "$HERALD_RUN" 1 \
    >/dev/null; then
    read -r -a offsets <<<"$(recorded HERALD_NODE_OFFSETS)"
  else
    read -r -a offsets <<<"$(cluster_offsets "$nodes" "${HERALD_PORT_OFFSET:-100}")"
  fi
  for index in "${!offsets[@]}"; do
    ports+=($((8080 + offsets[index])))
  done
  # shellcheck disable=SC2046
  lb_port=$(preferred_port HERALD_LB_PORT 18080 $(for index in "${offsets[@]}"; do
    wildfly_ports "$index"
  done))
  broker_port=$(preferred_port HERALD_BROKER_PORT 16616 "$lb_port")
  password=$(broker_password)
  cluster_timer_schema "$(herald_pg_data)"
  record HERALD_SERVER wildfly
  record HERALD_NODES "$nodes"
  record HERALD_NODE_OFFSETS "${offsets[*]}"
  record HERALD_LB_PORT "$lb_port"
  record HERALD_BROKER_PORT "$broker_port"
  record HERALD_PORT_OFFSET "${offsets[0]}"
  record HERALD_HTTP_PORT "$lb_port"
  record HERALD_MGMT_PORT $((9990 + offsets[0]))
  record HERALD_URL "http://127.0.0.1:$lb_port/herald"
  record HERALD_API_URL "http://127.0.0.1:$lb_port/herald/api"
  pid=$(broker_start "$HERALD_RUN" "$broker_port" herald "$password")
  info "Artemis broker (pid $pid) on 127.0.0.1:$broker_port"
  if ! sim_pid >/dev/null; then
    # shellcheck disable=SC2046
    record SIM_PORT "$(preferred_port SIM_PORT 18081 "$lb_port" "$broker_port" $(
      for index in "${offsets[@]}"; do wildfly_ports "$index"; done))"
    sim_start "$(recorded SIM_PORT)" "http://127.0.0.1:$lb_port/herald/api/webhooks/whatsapp" \
      >/dev/null
  fi
  record SIM_URL "http://127.0.0.1:$(recorded SIM_PORT)"
  herald_write_properties "$properties" "$(recorded SIM_PORT)"
  cluster_write_broker_properties "$properties" "$broker_port" "$password"
  for index in "${!offsets[@]}"; do
    if pid=$(cluster_node_pid "$HERALD_RUN" $((index + 1))); then
      wildfly_deploy "$(cluster_node_basedir "$HERALD_RUN" $((index + 1)))" "$(herald_ear)"
      continue
    fi
    started=$(clock_ms)
    pid=$(cluster_node_start "$HERALD_RUN" $((index + 1)) "${offsets[index]}" "$properties")
    info "node $(cluster_node_name $((index + 1))) (pid $pid) up on port ${ports[index]}" \
      "in $(elapsed_since "$started") s"
  done
  pid=$(nginx_start "$HERALD_RUN/nginx" "$lb_port" "${HERALD_LB_READ_TIMEOUT:-30}" "${ports[@]}")
  info "nginx (pid $pid) on 127.0.0.1:$lb_port in front of ports ${ports[*]}"
}

# cluster_timer_schema <pg datadir>: the schema ejb_timers, owned by Herald's database user,
# where WildFly creates its timer table (server-config/wildfly/cluster/50-timer-store.cli).
# Needs the launcher's own PostgreSQL, or psql and the user's password for an external one.
cluster_timer_schema() {
  herald_db_sql "$1" 'SET client_min_messages = warning; CREATE SCHEMA IF NOT EXISTS ejb_timers;' \
    "creating the timer schema"
}

# broker_password: the broker's password, made once and kept with the other secrets.
broker_password() {
  local file=$HERALD_HOME/broker-password
  if [[ ! -s $file ]]; then
    (umask 077 && random_password >"$file")
  fi
  cat "$file"
}

# down_cluster <rundir>: stops nginx, the nodes and the broker of a cluster (if any ran there).
down_cluster() {
  local rundir=$1 dir
  nginx_stop "$rundir/nginx"
  for dir in "$rundir"/node*/; do
    [[ -d $dir ]] || continue
    wildfly_stop "${dir}standalone" "${2:-60}"
  done
  broker_stop "$rundir"
}

# cluster_rss_report <rundir> [pg datadir]: resident memory of each part, in MB.
cluster_rss_report() {
  local rundir=$1 dir pid total=0 rss
  for dir in "$rundir"/node*/; do
    pid=$(wildfly_pid "${dir}standalone") || continue
    rss=$(rss_mb "$pid")
    total=$((total + rss))
    dir=${dir%/}
    printf '  %-22s %5d MB\n' "WildFly ${dir##*/}" "$rss"
  done
  if pid=$(broker_pid "$rundir"); then
    rss=$(rss_mb "$pid")
    total=$((total + rss))
    printf '  %-22s %5d MB\n' 'Artemis broker' "$rss"
  fi
  if pid=$(nginx_pid "$rundir/nginx"); then
    rss=$(rss_tree_mb "$pid")
    total=$((total + rss))
    printf '  %-22s %5d MB\n' 'nginx (all processes)' "$rss"
  fi
  if [[ -n ${2:-} ]] && pid=$(pg_pid "$2"); then
    rss=$(rss_tree_mb "$pid")
    total=$((total + rss))
    printf '  %-22s %5d MB\n' 'PostgreSQL (all)' "$rss"
  fi
  if pid=$(sim_pid "$rundir"); then
    rss=$(rss_mb "$pid")
    total=$((total + rss))
    printf '  %-22s %5d MB\n' 'simulator' "$rss"
  fi
  printf '  %-22s %5d MB\n' total "$total"
}

rss_mb() { awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$1/status" 2>/dev/null || echo 0; }

# rss_tree_mb <pid>: the proportional set size of the process and its children (PostgreSQL's
# and nginx's workers), so that shared memory counts once, not once per process.
rss_tree_mb() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" | tr '\n' ' '); do
    total=$((total + $(awk '/^Pss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null ||
      echo 0)))
  done
  printf '%d' $((total / 1024))
}
