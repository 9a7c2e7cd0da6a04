#!/usr/bin/env bash
# MariaDB and Redis for integration tests, without systemd, and Chromium for the console's browser
# tests: the same script for CI and developers.
#   scripts/services.sh install   Debian packages mariadb-server, redis-server and chromium (each skipped when present)
#   scripts/services.sh start     start both (idempotent), create weshop_test, write .services/env
#   scripts/services.sh stop      stop what start started
#   scripts/services.sh cluster-start  a 3-node Galera cluster and a Redis primary, replica and 3 Sentinels
#                                      on loopback ports of their own; writes .services/cluster.env
#   scripts/services.sh cluster-stop   stop what cluster-start started
# Then: source .services/env  (exports MYSQL_URL and REDIS_URL); source .services/cluster.env for the cluster's.
set -euo pipefail
cd "$(dirname "$0")/.."

root=$(pwd)
dir="$root/.services"
datadir="$dir/mysql-data"
socket="$dir/mysqld.sock"
mysql_port="${WESHOP_MYSQL_PORT:-3306}"
redis_port="${WESHOP_REDIS_PORT:-6379}"
# Ports this checkout's servers listen on, kept so start, env and stop agree.
[ -f "$dir/mysql.port" ] && mysql_port=$(cat "$dir/mysql.port")
[ -f "$dir/redis.port" ] && redis_port=$(cat "$dir/redis.port")
db_name=weshop_test
db_user=weshop
db_pass=weshop

log() { echo "services: $*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install() {
  local packages=()
  if ! command -v mariadbd >/dev/null || ! command -v mariadb-install-db >/dev/null; then packages+=(mariadb-server mariadb-client); fi
  if ! command -v redis-server >/dev/null; then packages+=(redis-server redis-tools); fi
  # The cluster: Galera's provider, and rsync for a joining node's state transfer (SST).
  if [ ! -f /usr/lib/galera/libgalera_smm.so ]; then packages+=(galera-4); fi
  if ! command -v rsync >/dev/null; then packages+=(rsync); fi
  # The rsync transfer script finds its listener with ss.
  if ! command -v ss >/dev/null; then packages+=(iproute2); fi
  # The browser the console's tests drive (playwright-core downloads none), and a font for Chinese text in its screenshots.
  if ! command -v chromium >/dev/null; then packages+=(chromium fonts-wqy-microhei); fi
  if [ ${#packages[@]} -eq 0 ]; then
    log "mariadb, redis and chromium already installed"
    return
  fi
  log "installing ${packages[*]}"
  as_root apt-get update -qq
  # The packages try to start their services; there is no init system here, so tell them not to.
  as_root env DEBIAN_FRONTEND=noninteractive RUNLEVEL=1 \
    apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Another checkout's (or another program's) server may hold the default port: take the next free one.
free_port() {
  local port=$1
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port"
}

mysql_ping() {
  mariadb-admin --socket="$socket" -uroot ping >/dev/null 2>&1
}

start_mariadb() {
  mkdir -p "$dir"
  if mysql_ping; then
    log "mariadb already running"
  else
    if [ ! -d "$datadir/mysql" ]; then
      log "initialising $datadir"
      mariadb-install-db --no-defaults --user=root --datadir="$datadir" \
        --auth-root-authentication-method=socket >"$dir/mariadb-install.log" 2>&1
    fi
    mysql_port=$(free_port "$mysql_port")
    echo "$mysql_port" >"$dir/mysql.port"
    log "starting mariadbd on 127.0.0.1:$mysql_port"
    # --no-defaults: nothing from /etc/mysql leaks in; the log keeps the server's output.
    nohup mariadbd --no-defaults --user=root --datadir="$datadir" --socket="$socket" \
      --pid-file="$dir/mariadbd.pid" --bind-address=127.0.0.1 --port="$mysql_port" \
      --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci \
      --max-connections=500 --innodb-buffer-pool-size=128M --skip-name-resolve \
      >"$dir/mariadbd.log" 2>&1 &
    for _ in $(seq 1 60); do
      mysql_ping && break
      sleep 0.5
    done
    mysql_ping || { log "mariadbd did not answer; see $dir/mariadbd.log"; tail -20 "$dir/mariadbd.log" >&2; exit 1; }
  fi
  mariadb --socket="$socket" -uroot <<SQL
CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_pass';
CREATE USER IF NOT EXISTS '$db_user'@'localhost' IDENTIFIED BY '$db_pass';
-- The wildcard lets each test process work in a database of its own (weshop_test_<pid>).
GRANT ALL PRIVILEGES ON \`weshop\\_test%\`.* TO '$db_user'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`weshop\\_test%\`.* TO '$db_user'@'localhost';
FLUSH PRIVILEGES;
SQL
}

redis_ours() {
  [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null
}

start_redis() {
  if redis_ours && redis-cli -p "$redis_port" ping >/dev/null 2>&1; then
    log "redis already running"
    return
  fi
  redis_port=$(free_port "$redis_port")
  echo "$redis_port" >"$dir/redis.port"
  log "starting redis-server on 127.0.0.1:$redis_port"
  redis-server --daemonize yes --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 40); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && return
    sleep 0.25
  done
  log "redis-server did not answer; see $dir/redis.log"
  exit 1
}

write_env() {
  cat >"$dir/env" <<ENV
export MYSQL_URL=mysql://$db_user:$db_pass@127.0.0.1:$mysql_port/$db_name
export REDIS_URL=redis://127.0.0.1:$redis_port
ENV
  log "wrote $dir/env"
}

stop() {
  if mysql_ping; then
    log "stopping mariadbd"
    mariadb-admin --socket="$socket" -uroot shutdown || true
  fi
  if redis_ours; then
    log "stopping redis-server"
    redis-cli -p "$redis_port" shutdown nosave >/dev/null 2>&1 || true
  fi
}

# shellcheck source=scripts/cluster.sh
source "$root/scripts/cluster.sh"

case "${1:-}" in
  install) install ;;
  start) start_mariadb; start_redis; write_env ;;
  stop) stop ;;
  cluster-start) cluster_start ;;
  cluster-stop) cluster_stop ;;
  cluster-node-stop) cluster_node_stop "${2:?node 1-3}" ;;
  cluster-node-start) cluster_node_start "${2:?node 1-3}" ;;
  cluster-node-isolate) cluster_node_isolate "${2:?node 1-3}" "${3:?on or off}" ;;
  cluster-redis-kill-primary) cluster_redis_kill_primary ;;
  cluster-redis-revive) cluster_redis_revive ;;
  *) echo "usage: $0 install|start|stop|cluster-start|cluster-stop" >&2; exit 2 ;;
esac
