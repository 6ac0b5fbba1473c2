# Finding free TCP ports on the loopback interface.
# shellcheck shell=bash

# The ports standalone-full.xml binds, before the socket-binding port offset is added.
WILDFLY_BASE_PORTS=(8080 9990 8443 9993 8009 4712 4713 3528 3529)

# port_in_use <port>: true when something listens on the port (any local address).
port_in_use() {
  if command -v ss >/dev/null 2>&1; then
    [[ -n $(ss -Htln "sport = :$1" 2>/dev/null) ]]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

# free_port [first=20000] [last=60999] [excluded ports...]: prints the first free port.
free_port() {
  local port=${1:-20000} last=${2:-60999}
  local excluded=" ${*:3} "
  while ((port <= last)); do
    if [[ $excluded != *" $port "* ]] && ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
    port=$((port + 1))
  done
  die "no free port between ${1:-20000} and $last"
}

# wildfly_ports <offset>: the ports a WildFly started with that offset binds.
wildfly_ports() {
  local port
  for port in "${WILDFLY_BASE_PORTS[@]}"; do
    printf '%s ' $((port + $1))
  done
}

# wildfly_offset_free <offset>: true when none of WildFly's ports at that offset is taken.
wildfly_offset_free() {
  local port
  for port in $(wildfly_ports "$1"); do
    ! port_in_use "$port" || return 1
  done
}

# Ports a browser refuses to open (Chromium's restricted list, net/base/port_util.cc, from 5000
# up): a console on one of them is unreachable ("ERR_UNSAFE_PORT"), so no server's HTTP port may
# land there. Offset 2000 put a test server on 10080 once, and every browser test failed.
BROWSER_REFUSED_PORTS=" 5060 5061 6000 6566 6665 6666 6667 6668 6669 6679 6697 10080 "

# browser_refuses <port>: true when browsers will not open the port.
browser_refuses() { [[ $BROWSER_REFUSED_PORTS == *" $1 "* ]]; }

# free_port_offset [first=0] [step=100]: prints the first port offset whose WildFly ports are
# all free, and whose HTTP port a browser opens, trying first, first+step, ...
free_port_offset() {
  local offset=${1:-0} step=${2:-100}
  while ((offset + 9993 <= 65535)); do
    if ! browser_refuses $((8080 + offset)) && wildfly_offset_free "$offset"; then
      printf '%s' "$offset"
      return 0
    fi
    offset=$((offset + step))
  done
  die "no port offset leaves WildFly's ports free"
}
