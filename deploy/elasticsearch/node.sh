#!/usr/bin/env bash
# A single local Elasticsearch node for development and tests.
#
#   node.sh fetch     obtain the distribution from Maven Central (cached under ~/.cache/vigia/)
#   node.sh start     fetch, unpack, start bound to 127.0.0.1 on a free port, wait until ready;
#                     the last line printed is the node's URL
#   node.sh stop      stop the node and wait for it to exit
#   node.sh status    print the URL of the running node, or exit 1
#   node.sh kill      kill -9 the node (fault injection in tests)
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
  local port java_home
  # a restarted node keeps its port (clients keep their URL) unless something else took it
  if [ -f "${STATE}/port" ] && port_free "$(cat "${STATE}/port")"; then
    port=$(cat "${STATE}/port")
  else
    port=$(free_port)
  fi
  echo "$port" > "${STATE}/port"
  cat > "${HOME_DIR}/config/elasticsearch.yml" <<EOF
cluster.name: vigia-dev
node.name: vigia-dev-1
discovery.type: single-node
network.host: 127.0.0.1
http.port: ${port}
transport.port: 0
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
  run_as_es "ES_JAVA_HOME='$java_home' ES_JAVA_OPTS='-Xms512m -Xmx1g' '${HOME_DIR}/bin/elasticsearch' -d -p '${STATE}/es.pid' >/dev/null" \
    || die "the node did not start; see ${STATE}/logs/"
  for _ in $(seq 1 180); do
    if health "$(url)/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      echo "elasticsearch: ${ES_VERSION} ready in $((SECONDS - started)) s" >&2
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
  *) echo "usage: $0 fetch|start|stop|status" >&2; exit 2 ;;
esac
