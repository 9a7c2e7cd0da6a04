# The cluster for the cluster suites and the benchmark's cluster scenario, sourced by services.sh:
# three MariaDB nodes joined by Galera (the first bootstraps, the others join by rsync SST) and a
# Redis primary, a replica and three Sentinels, each on a loopback port of its own. The env file
# names the Sentinels CLUSTER_REDIS_SENTINELS(_NAME), not the shop's REDIS_SENTINELS: sourced beside
# .services/env (REDIS_URL), the shop's own variables would clash in every shop a test starts.
#   services.sh cluster-start          start all (idempotent), write .services/cluster.env
#   services.sh cluster-stop           stop all
#   services.sh cluster-node-stop N    kill node N (1-3) hard, as a crash would (the fault tests)
#   services.sh cluster-node-start N   start node N again; it rejoins (IST) and the command waits until it is synced
#   services.sh cluster-node-isolate N on|off  cut node N off the others (gmcast.isolate), or let it rejoin
#   services.sh cluster-redis-kill-primary     kill the Redis primary the Sentinels name, hard
#   services.sh cluster-redis-revive           start the killed one again (the Sentinels make it a replica)
# shellcheck shell=bash

galera_user=mysql
cdir="$dir/cluster"
# The nodes run as `mysql`, which must reach its data directory: where this checkout sits under a
# directory closed to other users, the cluster lives in /var/tmp instead.
mkdir -p "$dir"
if ! runuser -u "$galera_user" -- test -x "$dir" 2>/dev/null; then
  cdir="/var/tmp/weshop-cluster-$(echo "$root" | cksum | cut -d' ' -f1)"
fi
cluster_name=weshop_test
sentinel_name=weshop

# Ports: the state file keeps them so that stop, node-stop and a second start agree.
cluster_ports() {
  if [ -f "$cdir/ports" ]; then
    # shellcheck disable=SC1091
    source "$cdir/ports"
    return
  fi
  mkdir -p "$cdir"
  local next=${WESHOP_CLUSTER_PORT:-13306} name
  : >"$cdir/ports"
  for name in sql1 sql2 sql3 gcomm1 gcomm2 gcomm3 ist1 ist2 ist3 sst1 sst2 sst3 redis_primary redis_replica sentinel1 sentinel2 sentinel3; do
    next=$(free_port "$next")
    echo "$name=$next" >>"$cdir/ports"
    next=$((next + 1))
  done
  # shellcheck disable=SC1091
  source "$cdir/ports"
}

node_var() { local name="$1$2"; echo "${!name}"; }

node_sql() { mariadb --socket="$cdir/node$1/mysqld.sock" -uroot -N -B -e "$2" 2>/dev/null; }

node_status() { node_sql "$1" "SHOW GLOBAL STATUS LIKE '$2'" | cut -f2; }

node_pid() { cat "$cdir/node$1.pid" 2>/dev/null || true; }

node_running() { local pid; pid=$(node_pid "$1"); [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; }

start_node() {
  local n=$1 bootstrap=${2:-} data="$cdir/node$1/data"
  mkdir -p "$data"
  # The nodes run as `mysql`, not root: run as root, the rsync daemon of a state transfer would drop to
  # `nobody` (rsyncd's default) and could not write the joiner's files.
  chown -R "$galera_user" "$cdir/node$n"
  if [ "$n" = 1 ] && [ ! -d "$data/mysql" ]; then
    mariadb-install-db --no-defaults --user="$galera_user" --datadir="$data" --auth-root-authentication-method=socket \
      >"$cdir/install.log" 2>&1
  fi
  local g="gcomm://127.0.0.1:$gcomm1,127.0.0.1:$gcomm2,127.0.0.1:$gcomm3"
  [ -n "$bootstrap" ] && g="gcomm://"
  # Short failure detection so a killed or isolated node leaves the cluster in seconds, not the default 15 s.
  local provider="gmcast.listen_addr=tcp://127.0.0.1:$(node_var gcomm "$n");ist.recv_addr=127.0.0.1:$(node_var ist "$n")"
  provider="$provider;gcache.size=64M;evs.keepalive_period=PT0.5S;evs.suspect_timeout=PT2S;evs.inactive_timeout=PT4S"
  provider="$provider;evs.inactive_check_period=PT0.5S;evs.install_timeout=PT4S;pc.wait_prim_timeout=PT10S"
  log "starting galera node $n on 127.0.0.1:$(node_var sql "$n")${bootstrap:+ (new cluster)}"
  # REQUIRED_PRIMARY_KEY: a table without one is refused, so the migrations prove every table has one.
  nohup mariadbd --no-defaults --user="$galera_user" --datadir="$data" --socket="$cdir/node$n/mysqld.sock" \
    --pid-file="$cdir/node$n/mariadbd.pid" --bind-address=127.0.0.1 --port="$(node_var sql "$n")" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --skip-name-resolve \
    --max-connections=300 --innodb-buffer-pool-size=64M --innodb-log-file-size=48M \
    --innodb-flush-log-at-trx-commit=0 --binlog-format=ROW --innodb-autoinc-lock-mode=2 \
    --wsrep-on=ON --wsrep-provider=/usr/lib/galera/libgalera_smm.so --wsrep-cluster-name="$cluster_name" \
    --wsrep-cluster-address="$g" --wsrep-node-name="node$n" --wsrep-node-address="127.0.0.1:$(node_var gcomm "$n")" \
    --wsrep-provider-options="$provider" --wsrep-sst-method=rsync \
    --wsrep-sst-receive-address="127.0.0.1:$(node_var sst "$n")" --wsrep-slave-threads=2 \
    --wsrep-mode=REQUIRED_PRIMARY_KEY,STRICT_REPLICATION \
    >"$cdir/node$n.log" 2>&1 &
  echo $! >"$cdir/node$n.pid"
}

# Synced: the node has joined the primary component and applied what it missed.
wait_synced() {
  local n=$1
  for _ in $(seq 1 240); do
    [ "$(node_status "$n" wsrep_local_state_comment)" = Synced ] && [ "$(node_status "$n" wsrep_ready)" = ON ] && return 0
    node_running "$n" || break
    sleep 0.25
  done
  log "galera node $n did not sync; see $cdir/node$n.log"
  tail -30 "$cdir/node$n.log" >&2
  return 1
}

start_galera() {
  if node_running 1 && node_running 2 && node_running 3 && [ "$(node_status 1 wsrep_cluster_size)" = 3 ]; then
    log "galera cluster already running"
    return
  fi
  # A half-started cluster (or one left by a crash) starts over from nothing: it only ever holds test data.
  stop_galera
  rm -rf "$cdir/node1" "$cdir/node2" "$cdir/node3"
  start_node 1 new
  wait_synced 1
  node_sql 1 "CREATE USER IF NOT EXISTS '$db_user'@'127.0.0.1' IDENTIFIED BY '$db_pass';
    GRANT ALL PRIVILEGES ON \`weshop\\_test%\`.* TO '$db_user'@'127.0.0.1';
    CREATE DATABASE IF NOT EXISTS \`$db_name\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;" || true
  # One joiner at a time: the donor serves one state transfer at a time anyway.
  start_node 2
  wait_synced 2
  start_node 3
  wait_synced 3
  [ "$(node_status 1 wsrep_cluster_size)" = 3 ] || { log "galera cluster size is not 3"; exit 1; }
  log "galera cluster of 3 synced"
}

# Signal a process and wait until it is gone (its port free again), killing it hard after 30 s.
kill_wait() {
  local pid=$1 signal=${2:-TERM}
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$signal" "$pid" 2>/dev/null || true
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.25; done
  kill -KILL "$pid" 2>/dev/null || true
}

stop_node() {
  local n=$1 pid
  pid=$(node_pid "$n")
  [ -n "$pid" ] && kill_wait "$pid" "${2:-TERM}"
  rm -f "$cdir/node$n.pid"
}

stop_galera() {
  local n
  # All at once: the cluster only ever holds test data, and one by one each waits for the others' view change.
  for n in 3 2 1; do stop_node "$n" & done
  wait
}

start_sentinels() {
  local port n conf
  for n in 1 2 3; do
    conf="$cdir/sentinel$n.conf"
    port=$(node_var sentinel "$n")
    # Sentinel rewrites its file as it learns the topology: a fresh one each start.
    cat >"$conf" <<CONF
port $port
bind 127.0.0.1
daemonize yes
pidfile $cdir/sentinel$n.pid
logfile $cdir/sentinel$n.log
dir $cdir
sentinel monitor $sentinel_name 127.0.0.1 $redis_primary 2
sentinel down-after-milliseconds $sentinel_name 1000
sentinel failover-timeout $sentinel_name 5000
sentinel parallel-syncs $sentinel_name 1
CONF
    redis-server "$conf" --sentinel
  done
}

redis_pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_redis_cluster() {
  if redis_pid_alive "$cdir/sentinel1.pid" && redis-cli -p "$sentinel1" ping >/dev/null 2>&1; then
    log "redis primary, replica and sentinels already running"
    return
  fi
  stop_redis_cluster
  log "starting redis primary :$redis_primary, replica :$redis_replica, sentinels :$sentinel1 :$sentinel2 :$sentinel3"
  local common=(--daemonize yes --bind 127.0.0.1 --save '' --appendonly no --dir "$cdir")
  redis-server "${common[@]}" --port "$redis_primary" --pidfile "$cdir/redis-primary.pid" --logfile "$cdir/redis-primary.log"
  redis-server "${common[@]}" --port "$redis_replica" --pidfile "$cdir/redis-replica.pid" --logfile "$cdir/redis-replica.log" \
    --replicaof 127.0.0.1 "$redis_primary"
  start_sentinels
  for _ in $(seq 1 80); do
    [ "$(redis-cli -p "$sentinel1" sentinel replicas "$sentinel_name" 2>/dev/null | grep -c '^slave$\|^replica$' || true)" -ge 1 ] \
      && [ "$(redis-cli -p "$redis_replica" info replication | grep -c 'master_link_status:up')" = 1 ] && return 0
    sleep 0.25
  done
  log "redis replica or sentinels not ready; see $cdir/*.log"
  exit 1
}

stop_redis_cluster() {
  local file
  for file in "$cdir"/sentinel*.pid "$cdir"/redis-*.pid; do
    [ -f "$file" ] || continue
    if redis_pid_alive "$file"; then kill_wait "$(cat "$file")"; fi
    rm -f "$file"
  done
}

sentinel_primary_port() {
  redis-cli -p "$sentinel1" sentinel get-master-addr-by-name "$sentinel_name" | sed -n 2p
}

cluster_redis_kill_primary() {
  cluster_ports
  local port pid
  port=$(sentinel_primary_port)
  pid=$(redis-cli -p "$port" info server | tr -d '\r' | sed -n 's/^process_id://p')
  log "killing the redis primary :$port (pid $pid)"
  echo "$port" >"$cdir/redis-down.port"
  kill_wait "$pid" KILL
}

cluster_redis_revive() {
  cluster_ports
  local port primary
  port=$(cat "$cdir/redis-down.port")
  primary=$(sentinel_primary_port)
  log "starting redis :$port again, as a replica of :$primary"
  redis-server --daemonize yes --bind 127.0.0.1 --save '' --appendonly no --dir "$cdir" --port "$port" \
    --pidfile "$cdir/redis-$port.pid" --logfile "$cdir/redis-$port.log" --replicaof 127.0.0.1 "$primary"
  rm -f "$cdir/redis-down.port"
  for _ in $(seq 1 80); do
    [ "$(redis-cli -p "$port" info replication | grep -c 'master_link_status:up')" = 1 ] && return 0
    sleep 0.25
  done
  log "redis :$port did not catch up with :$primary"
  exit 1
}

cluster_node_isolate() {
  cluster_ports
  local value=0
  [ "$2" = on ] && value=1
  log "galera node $1: gmcast.isolate=$value"
  node_sql "$1" "SET GLOBAL wsrep_provider_options='gmcast.isolate=$value'"
  if [ "$value" = 0 ]; then
    # Back in the primary component: the node catches up (IST) before it takes writes.
    wait_synced "$1"
  fi
}

write_cluster_env() {
  cat >"$dir/cluster.env" <<ENV
export GALERA_URLS=mysql://$db_user:$db_pass@127.0.0.1:$sql1/$db_name,mysql://$db_user:$db_pass@127.0.0.1:$sql2/$db_name,mysql://$db_user:$db_pass@127.0.0.1:$sql3/$db_name
export CLUSTER_REDIS_SENTINELS=127.0.0.1:$sentinel1,127.0.0.1:$sentinel2,127.0.0.1:$sentinel3
export CLUSTER_REDIS_SENTINEL_NAME=$sentinel_name
export WESHOP_CLUSTER_DIR=$cdir
ENV
  log "wrote $dir/cluster.env"
}

cluster_start() {
  cluster_ports
  start_galera
  start_redis_cluster
  write_cluster_env
}

cluster_stop() {
  [ -f "$cdir/ports" ] || return 0
  cluster_ports
  stop_redis_cluster
  stop_galera
  # The nodes' data (a few hundred MB of logs and caches) is test data only.
  rm -rf "$cdir/node1" "$cdir/node2" "$cdir/node3"
  rm -f "$dir/cluster.env" "$cdir/ports"
}

cluster_node_stop() {
  cluster_ports
  log "killing galera node $1"
  stop_node "$1" KILL
}

cluster_node_start() {
  cluster_ports
  node_running "$1" || start_node "$1"
  wait_synced "$1"
}
