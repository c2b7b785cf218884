#!/usr/bin/env bash
# A local Elasticsearch node for development and tests: a single node, or one node of a loopback cluster.
#
#   node.sh fetch      obtain the distribution from Maven Central (cached under ~/.cache/vigia/)
#   node.sh start      fetch, unpack, start bound to 127.0.0.1 on a free port, wait until ready;
#                      the last line printed is the node's URL
#   node.sh stop       stop the node and wait for it to exit
#   node.sh status     print the URL of the running node, or exit 1
#   node.sh transport  print the node's transport address (127.0.0.1:PORT), which other nodes join
#   node.sh kill       kill -9 the node (fault injection in tests)
#
# A cluster: set VIGIA_ES_CLUSTER (the cluster's name) and give each node its own VIGIA_ES_STATE and
# VIGIA_ES_NODE_NAME. The node then keeps a fixed transport port (in ${STATE}/transport_port) instead of
# `discovery.type: single-node`; VIGIA_ES_SEED_HOSTS lists the transport addresses of the nodes to join (comma
# separated) and VIGIA_ES_INITIAL_MASTERS the node names that elect the first master (default: this node alone,
# which forms the cluster; a node joining an existing cluster needs none). E.g.
#   VIGIA_ES_CLUSTER=c VIGIA_ES_NODE_NAME=a VIGIA_ES_STATE=/tmp/a node.sh start
#   VIGIA_ES_CLUSTER=c VIGIA_ES_NODE_NAME=b VIGIA_ES_STATE=/tmp/b \
#     VIGIA_ES_SEED_HOSTS="$(VIGIA_ES_STATE=/tmp/a node.sh transport)" node.sh start
# VIGIA_ES_HEAP sets the heap (default 512m to 1g; e.g. 256m for small test clusters).
#
# Snapshots: the node's path.repo is ${STATE}/snapshots (`vigia es snapshot --repository-path` takes it or a
# folder below it).
# VIGIA_ES_SECURITY=true starts the node with security on; the `elastic` superuser's password is then read from
# the file VIGIA_ES_PASSWORD_FILE names (as the production node does; see deploy/docker-compose.yml).
#
# VIGIA_ES_STATE names the folder that holds the node (default: ~/.cache/vigia/es-node, or
# /var/lib/vigia-es/node when run as root, since Elasticsearch refuses to run as root and an
# unprivileged user `vigia-es` runs it instead).
set -euo pipefail

ES_VERSION="${VIGIA_ES_VERSION:-8.19.21}"
ARTIFACT="org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip"
CACHE="${HOME}/.cache/vigia"
ES_USER="vigia-es"
if [ "$(id -u)" = 0 ]; then
  DEFAULT_STATE="/var/lib/vigia-es/node"
else
  DEFAULT_STATE="${CACHE}/es-node"
fi
STATE="${VIGIA_ES_STATE:-$DEFAULT_STATE}"
HOME_DIR="${STATE}/elasticsearch-${ES_VERSION}"
SECURITY="${VIGIA_ES_SECURITY:-false}"
CLUSTER="${VIGIA_ES_CLUSTER:-}"
NODE_NAME="${VIGIA_ES_NODE_NAME:-}"
SEED_HOSTS="${VIGIA_ES_SEED_HOSTS:-}"
INITIAL_MASTERS="${VIGIA_ES_INITIAL_MASTERS:-}"
HEAP="${VIGIA_ES_HEAP:-}"
ZIP="${CACHE}/elasticsearch-${ES_VERSION}.zip"

die() { echo "elasticsearch: $*" >&2; exit 1; }

need() {
  command -v java >/dev/null || die "Java 17 or newer is needed: apt-get install openjdk-17-jre-headless"
  command -v mvn >/dev/null || die "Maven is needed to fetch Elasticsearch: apt-get install maven"
  command -v unzip >/dev/null || die "unzip is needed: apt-get install unzip"
  command -v curl >/dev/null || die "curl is needed: apt-get install curl"
}

fetch() {
  need
  [ -f "$ZIP" ] && return 0
  mkdir -p "$CACHE"
  echo "elasticsearch: fetching ${ARTIFACT} from Maven Central" >&2
  mvn -q -B dependency:copy -Dartifact="$ARTIFACT" -DoutputDirectory="$CACHE" \
      -Dmdep.stripVersion=false >&2 || die "could not fetch ${ARTIFACT} with Maven"
  [ -f "$ZIP" ] || die "Maven did not produce $ZIP"
}

run_as_es() {
  if [ "$(id -u)" = 0 ]; then
    su -s /bin/bash "$ES_USER" -c "$1"
  else
    bash -c "$1"
  fi
}

url() { echo "http://127.0.0.1:$(cat "${STATE}/port")"; }

transport() { echo "127.0.0.1:$(cat "${STATE}/transport_port")"; }

# a port kept in ${STATE}/<file> across restarts (clients and other nodes keep the address) unless something
# else took it
kept_port() {
  local file="${STATE}/$1" port
  if [ -f "$file" ] && port_free "$(cat "$file")"; then
    port=$(cat "$file")
  else
    port=$(free_port)
  fi
  echo "$port" > "$file"
  echo "$port"
}

# the elasticsearch.yml lines that make this node a single node, or a member of a named cluster
discovery_config() {
  if [ -z "$CLUSTER" ]; then
    printf 'cluster.name: vigia-dev\nnode.name: vigia-dev-1\ndiscovery.type: single-node\ntransport.port: 0\n'
    return
  fi
  local name="${NODE_NAME:-${CLUSTER}-1}" seeds="" masters="" item
  for item in ${SEED_HOSTS//,/ }; do seeds="${seeds}, \"${item}\""; done
  for item in ${INITIAL_MASTERS//,/ }; do masters="${masters}, \"${item}\""; done
  [ -n "$SEED_HOSTS$INITIAL_MASTERS" ] || masters=", \"${name}\""  # no one to join: this node forms the cluster
  printf 'cluster.name: %s\nnode.name: %s\ntransport.port: %s\ndiscovery.seed_hosts: [%s]\n' \
    "$CLUSTER" "$name" "$(kept_port transport_port)" "${seeds#, }"
  [ -z "$masters" ] || printf 'cluster.initial_master_nodes: [%s]\n' "${masters#, }"
}

health() {
  if [ "$SECURITY" = true ]; then
    curl -fsS -u "elastic:$(cat "$VIGIA_ES_PASSWORD_FILE")" "$@"
  else
    curl -fsS "$@"
  fi
}

running() {
  [ -f "${STATE}/es.pid" ] && kill -0 "$(cat "${STATE}/es.pid")" 2>/dev/null
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

port_free() {
  python3 -c 'import socket, sys
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", int(sys.argv[1])))' "$1" 2>/dev/null
}

start() {
  if running; then url; return 0; fi
  fetch
  if [ "$(id -u)" = 0 ] && ! id "$ES_USER" >/dev/null 2>&1; then
    useradd --system --no-create-home --shell /usr/sbin/nologin "$ES_USER"
  fi
  mkdir -p "$STATE"
  if [ ! -d "$HOME_DIR" ]; then
    unzip -q "$ZIP" -d "$STATE"
  fi
  local port java_home heap_opts discovery
  port=$(kept_port port)
  discovery=$(discovery_config)
  cat > "${HOME_DIR}/config/elasticsearch.yml" <<EOF
${discovery}
network.host: 127.0.0.1
http.port: ${port}
path.data: ${STATE}/data
path.logs: ${STATE}/logs
xpack.security.enabled: ${SECURITY}
path.repo: ${STATE}/snapshots
action.destructive_requires_name: false
cluster.routing.allocation.disk.threshold_enabled: false
EOF
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  mkdir -p "${STATE}/data" "${STATE}/logs" "${STATE}/snapshots"
  if [ "$SECURITY" = true ]; then
    [ -r "${VIGIA_ES_PASSWORD_FILE:-}" ] || die "VIGIA_ES_SECURITY=true needs VIGIA_ES_PASSWORD_FILE"
    rm -f "${HOME_DIR}/config/elasticsearch.keystore"
    ES_JAVA_HOME="$java_home" "${HOME_DIR}/bin/elasticsearch-keystore" create >/dev/null
    tr -d '\n' < "$VIGIA_ES_PASSWORD_FILE" |
      ES_JAVA_HOME="$java_home" "${HOME_DIR}/bin/elasticsearch-keystore" add -x -f bootstrap.password >/dev/null
  fi
  rm -f "${STATE}/es.pid"
  [ "$(id -u)" = 0 ] && chown -R "$ES_USER" "$STATE" && chmod o+x "$(dirname "$STATE")"
  local started=$SECONDS
  heap_opts="-Xms512m -Xmx1g"
  [ -z "$HEAP" ] || heap_opts="-Xms${HEAP} -Xmx${HEAP}"
  run_as_es "ES_JAVA_HOME='$java_home' ES_JAVA_OPTS='${heap_opts}' '${HOME_DIR}/bin/elasticsearch' -d -p '${STATE}/es.pid' >/dev/null" \
    || die "the node did not start; see ${STATE}/logs/"
  for _ in $(seq 1 180); do
    if health "$(url)/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "elasticsearch: ${ES_VERSION} ready in $((SECONDS - started)) s" >&2
      [ -z "$CLUSTER" ] || echo "elasticsearch: node ${NODE_NAME:-${CLUSTER}-1} of cluster ${CLUSTER}; others join its transport address $(transport)" >&2
      url
      return 0
    fi
    sleep 1
  done
  stop || true
  die "the node was not ready after 180 s; see ${STATE}/logs/"
}

stop() {
  if ! running; then rm -f "${STATE}/es.pid"; return 0; fi
  local pid
  pid=$(cat "${STATE}/es.pid")
  kill "${1:--TERM}" "$pid"
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { rm -f "${STATE}/es.pid"; echo "elasticsearch: stopped" >&2; return 0; }
    sleep 1
  done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "${STATE}/es.pid"
}

case "${1:-}" in
  fetch) fetch ;;
  start) start ;;
  stop) stop ;;
  kill) stop -KILL ;;  # a crash, for fault-injection tests
  status) running && url || { echo "elasticsearch: not running" >&2; exit 1; } ;;
  transport)
    running && [ -f "${STATE}/transport_port" ] && transport \
      || { echo "elasticsearch: no cluster node running in ${STATE}" >&2; exit 1; } ;;
  *) echo "usage: $0 fetch|start|stop|status|transport|kill" >&2; exit 2 ;;
esac
