#!/usr/bin/env bash
# Local PostgreSQL and RabbitMQ for development and tests, shared by run.sh and test.sh.
#
#   scripts/services.sh up       install if missing, start, create database/role/vhost/user (idempotent)
#   scripts/services.sh down     stop exactly what `up` started (by pid, epmd included)
#   scripts/services.sh status   what runs, where
#   scripts/services.sh env [web|ingest|feed]
#                                the connection settings as environment variables (eval-able): the schema
#                                owner's for migrations and tools, and with a host's name that host's own login
#   scripts/services.sh stop-rabbitmq | start-rabbitmq   for outage tests
#
# Ports and names can be changed through the BACKSCATTER_* variables below.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

PG_PORT=${BACKSCATTER_PG_PORT:-55432}
PG_DB=${BACKSCATTER_PG_DATABASE:-backscatter}
PG_USER=${BACKSCATTER_PG_USER:-backscatter}
PG_PASSWORD=${BACKSCATTER_PG_PASSWORD:-backscatter}
# One login per host, each in its host's group role (created by the HostGrants migration too): the
# rows of the tables that host's code uses, nothing more (docs/adr/0029, 0030).
PG_OLD_HOST_ROLE=backscatter_app     # the former shared role (HostAccessRole); the logins leave it
PG_PORTAL_ROLE=backscatter_portal   # the portal's accounts; only the web login joins it
PG_HOSTS=(web ingest feed)
pg_login() { echo "${PG_USER}_$1"; }
pg_host_role() { echo "backscatter_$1_access"; }   # fixed names: the migration grants them
pg_login_password() { local var="BACKSCATTER_PG_${1^^}_PASSWORD"; echo "${!var:-$(pg_login "$1")}"; }
MQ_PORT=${BACKSCATTER_MQ_PORT:-55672}
MQ_DIST_PORT=${BACKSCATTER_MQ_DIST_PORT:-55673}
MQ_EPMD_PORT=${BACKSCATTER_MQ_EPMD_PORT:-54369}
MQ_VHOST=${BACKSCATTER_MQ_VHOST:-backscatter}
MQ_TEST_VHOST=${BACKSCATTER_TEST_MQ_VHOST:-backscatter-test}
MQ_USER=${BACKSCATTER_MQ_USER:-backscatter}
MQ_PASSWORD=${BACKSCATTER_MQ_PASSWORD:-backscatter}
MQ_NODE=${BACKSCATTER_MQ_NODE:-backscatter-${MQ_PORT}@localhost}

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || SUDO=sudo
SUDO=${SUDO:-}

# The postgres and rabbitmq users must be able to enter the data folder: a checkout under
# /root (mode 700) is closed to them, so the data then lives in a per-checkout folder under /var/tmp.
state_dir() {
  if [ -n "${BACKSCATTER_STATE_DIR:-}" ]; then echo "$BACKSCATTER_STATE_DIR"; return; fi
  if id postgres >/dev/null 2>&1 && id rabbitmq >/dev/null 2>&1 \
     && $SUDO runuser -u postgres -- test -x "$ROOT" 2>/dev/null \
     && $SUDO runuser -u rabbitmq -- test -x "$ROOT" 2>/dev/null; then
    echo "$ROOT/.local"
  else
    echo "/var/tmp/backscatter-$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
  fi
}

install_packages() {
  local missing=()
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && return 0
  log "installing ${missing[*]} from the OS packages"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # policy-rc.d keeps apt from starting the system-wide services: we run our own instances.
  local policy=/usr/sbin/policy-rc.d created_policy=0
  if [ ! -e "$policy" ]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null; $SUDO chmod +x "$policy"; created_policy=1; fi
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ $created_policy -eq 1 ] && $SUDO rm -f "$policy"
  return 0
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

STATE=""
PGDATA="" PGSOCK="" MQ_HOME=""
init_paths() {
  STATE=$(state_dir)
  PGDATA="$STATE/postgres/data"
  PGSOCK="$STATE/postgres/socket"
  MQ_HOME="$STATE/rabbitmq"
}

# 9>&- : the servers must not inherit the lock below, or it would stay held for as long as they run.
as_postgres() { $SUDO runuser -u postgres -- "$@" 9>&-; }

pg_running() { [ -f "$PGDATA/PG_VERSION" ] && as_postgres "$(pg_bin)/pg_ctl" -D "$PGDATA" status >/dev/null 2>&1; }

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pg_up() {
  local bin; bin=$(pg_bin)
  [ -n "$bin" ] || die "PostgreSQL binaries not found under /usr/lib/postgresql"
  $SUDO mkdir -p "$STATE/postgres"
  $SUDO chown postgres: "$STATE/postgres"
  $SUDO chmod 755 "$STATE" 2>/dev/null || true
  if [ ! -f "$PGDATA/PG_VERSION" ]; then
    log "creating PostgreSQL cluster in $PGDATA"
    as_postgres "$bin/initdb" -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
    as_postgres mkdir -p "$PGSOCK"
  fi
  if pg_running; then
    log "PostgreSQL already running on 127.0.0.1:$PG_PORT"
  else
    port_busy "$PG_PORT" && die "port $PG_PORT is taken by another process; set BACKSCATTER_PG_PORT"
    log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_postgres "$bin/pg_ctl" -D "$PGDATA" -l "$STATE/postgres/server.log" -w -t 60 \
      -o "-p $PG_PORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null \
      || { tail -n 20 "$STATE/postgres/server.log" >&2; die "PostgreSQL did not start"; }
  fi
  local psql=("$bin/psql" -h "$PGSOCK" -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -qtA)
  if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_roles where rolname = '$PG_USER'")" != "1" ]; then
    log "creating role $PG_USER"
    as_postgres "${psql[@]}" -c "create role \"$PG_USER\" login createdb password '$PG_PASSWORD'"
  fi
  if [ "$(as_postgres "${psql[@]}" -c "select 1 from pg_database where datname = '$PG_DB'")" != "1" ]; then
    log "creating database $PG_DB"
    as_postgres "${psql[@]}" -c "create database \"$PG_DB\" owner \"$PG_USER\""
  fi
  pg_host_logins "${psql[@]}"
}

pg_member() { # role member psql...
  local role=$1 member=$2; shift 2
  if [ "$(as_postgres "$@" -c "select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where g.rolname = '$role' and u.rolname = '$member'")" != "1" ]; then
    as_postgres "$@" -c "grant \"$role\" to \"$member\""
  fi
}

# The owner migrates, and its migrations create the group roles when missing (CREATEROLE); each host
# logs in as its own member of its host's role. Idempotent on a fresh cluster and on an existing one.
pg_host_logins() {
  if [ "$(as_postgres "$@" -c "select rolcreaterole from pg_roles where rolname = '$PG_USER'")" != "t" ]; then
    log "letting $PG_USER create roles (its migrations create the hosts' group roles)"
    as_postgres "$@" -c "alter role \"$PG_USER\" createrole"
  fi
  local role host
  for role in "$PG_PORTAL_ROLE" $(for host in "${PG_HOSTS[@]}"; do pg_host_role "$host"; done); do
    if [ "$(as_postgres "$@" -c "select 1 from pg_roles where rolname = '$role'")" != "1" ]; then
      log "creating role $role"
      as_postgres "$@" -c "create role \"$role\" nologin"
    fi
  done
  local login
  for host in "${PG_HOSTS[@]}"; do
    login=$(pg_login "$host")
    if [ "$(as_postgres "$@" -c "select 1 from pg_roles where rolname = '$login'")" != "1" ]; then
      log "creating login $login"
      as_postgres "$@" -c "create role \"$login\" login password '$(pg_login_password "$host")'"
    fi
    pg_member "$(pg_host_role "$host")" "$login" "$@"
    if [ "$host" = web ]; then pg_member "$PG_PORTAL_ROLE" "$login" "$@"; fi
    # A database still at HostAccessRole would give every login every table through the old role.
    if [ "$(as_postgres "$@" -c "select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles u on u.oid = m.member where g.rolname = '$PG_OLD_HOST_ROLE' and u.rolname = '$login'")" = "1" ]; then
      log "taking $login out of $PG_OLD_HOST_ROLE"
      as_postgres "$@" -c "revoke \"$PG_OLD_HOST_ROLE\" from \"$login\""
    fi
    # The owner drops test databases WITH (FORCE), which ends only sessions of roles it is a member of.
    pg_member "$login" "$PG_USER" "$@"
  done
}

pg_down() {
  if pg_running; then
    log "stopping PostgreSQL"
    as_postgres "$(pg_bin)/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null
  fi
}

mq() {
  $SUDO runuser -u rabbitmq -- env HOME="$MQ_HOME" \
    RABBITMQ_NODENAME="$MQ_NODE" \
    RABBITMQ_MNESIA_BASE="$MQ_HOME/mnesia" \
    RABBITMQ_LOG_BASE="$MQ_HOME/log" \
    RABBITMQ_PID_FILE="$MQ_HOME/rabbitmq.pid" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$MQ_HOME/enabled_plugins" \
    RABBITMQ_CONFIG_FILE="$MQ_HOME/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$MQ_HOME/advanced.config" \
    RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$MQ_PORT" \
    RABBITMQ_DIST_PORT="$MQ_DIST_PORT" \
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}" \
    ERL_EPMD_ADDRESS=127.0.0.1 \
    ERL_EPMD_PORT="$MQ_EPMD_PORT" \
    "$@" 9>&-
}
ctl() { mq /usr/lib/rabbitmq/bin/rabbitmqctl -q -n "$MQ_NODE" "$@"; }

mq_pid() { [ -f "$MQ_HOME/rabbitmq.pid" ] && cat "$MQ_HOME/rabbitmq.pid" 2>/dev/null || true; }
# The node itself is the truth: it answers, or it does not. Its pid file is rewritten from its own
# answer when missing (a failed second start deletes it on the way out).
mq_running() {
  local status pid
  status=$(ctl status 2>/dev/null) || return 1
  pid=$(printf '%s\n' "$status" | sed -n 's/^OS PID: *\([0-9]*\).*/\1/p' | head -n 1)
  if [ -n "$pid" ] && [ "$(mq_pid)" != "$pid" ]; then echo "$pid" | $SUDO tee "$MQ_HOME/rabbitmq.pid" >/dev/null; fi
  return 0
}
wait_port_free() { local i; for i in $(seq 1 60); do port_busy "$1" || return 0; sleep 0.5; done; return 1; }

mq_start_node() {
  $SUDO mkdir -p "$MQ_HOME/log" "$MQ_HOME/mnesia"
  [ -f "$MQ_HOME/enabled_plugins" ] || echo '[].' | $SUDO tee "$MQ_HOME/enabled_plugins" >/dev/null
  # loopback_users = none lets our own user connect; the node listens on 127.0.0.1 only.
  printf 'loopback_users = none\nlog.console = false\nlog.file.level = warning\n' | $SUDO tee "$MQ_HOME/rabbitmq.conf" >/dev/null
  [ -f "$MQ_HOME/advanced.config" ] || echo '[].' | $SUDO tee "$MQ_HOME/advanced.config" >/dev/null
  $SUDO chown -R rabbitmq: "$MQ_HOME"
  wait_port_free "$MQ_PORT" || die "port $MQ_PORT is taken by another process; set BACKSCATTER_MQ_PORT"
  log "starting RabbitMQ on 127.0.0.1:$MQ_PORT (node $MQ_NODE)"
  mq /usr/lib/rabbitmq/bin/rabbitmq-server -detached >/dev/null 2>&1 || true
  local i
  for i in $(seq 1 60); do [ -s "$MQ_HOME/rabbitmq.pid" ] && break; sleep 0.5; done
  ctl wait "$MQ_HOME/rabbitmq.pid" --timeout 90 >/dev/null 2>&1 \
    || { tail -n 30 "$MQ_HOME"/log/*.log >&2 2>/dev/null; die "RabbitMQ did not start"; }
  # Remember which epmd serves this node, so that `down` stops exactly that one.
  local epmd_pid
  epmd_pid=$(ss -ltnpH "sport = :$MQ_EPMD_PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n 1 | cut -d= -f2 || true)
  [ -n "$epmd_pid" ] && echo "$epmd_pid" | $SUDO tee "$MQ_HOME/epmd.pid" >/dev/null
  return 0
}

mq_up() {
  $SUDO mkdir -p "$MQ_HOME"
  if mq_running; then
    log "RabbitMQ already running on 127.0.0.1:$MQ_PORT"
  else
    mq_start_node
  fi
  if ! ctl list_users 2>/dev/null | awk '{print $1}' | grep -qx "$MQ_USER"; then
    log "creating user $MQ_USER"
    ctl add_user "$MQ_USER" "$MQ_PASSWORD" >/dev/null
  fi
  # One virtual host for ./run.sh, one for the tests: they never share a queue.
  local vhost
  for vhost in "$MQ_VHOST" "$MQ_TEST_VHOST"; do
    if ! ctl list_vhosts 2>/dev/null | grep -qx "$vhost"; then
      log "creating vhost $vhost"
      ctl add_vhost "$vhost" >/dev/null
    fi
    ctl set_permissions -p "$vhost" "$MQ_USER" '.*' '.*' '.*' >/dev/null
  done
}

mq_stop_node() {
  if mq_running; then
    log "stopping RabbitMQ"
    local pid; pid=$(mq_pid)
    ctl stop "$MQ_HOME/rabbitmq.pid" >/dev/null 2>&1 || kill "$pid" 2>/dev/null || true
    local i; for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  fi
}

mq_down() {
  mq_stop_node
  if [ -f "$MQ_HOME/epmd.pid" ]; then
    local pid; pid=$(cat "$MQ_HOME/epmd.pid")
    if [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "epmd" ]; then
      log "stopping epmd (pid $pid)"
      kill "$pid" 2>/dev/null || true
    fi
    $SUDO rm -f "$MQ_HOME/epmd.pid"
  fi
}

print_env() {
  local host=${1:-}
  if [ -n "$host" ]; then
    [[ " ${PG_HOSTS[*]} " == *" $host "* ]] || die "no host named $host (${PG_HOSTS[*]})"
    echo "export ConnectionStrings__Backscatter='Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$(pg_login "$host");Password=$(pg_login_password "$host")'"
  fi
  cat <<EOF
export ConnectionStrings__BackscatterMigrations='Host=127.0.0.1;Port=$PG_PORT;Database=$PG_DB;Username=$PG_USER;Password=$PG_PASSWORD'
export RabbitMq__Host=127.0.0.1
export RabbitMq__Port=$MQ_PORT
export RabbitMq__VirtualHost=$MQ_VHOST
export RabbitMq__Username=$MQ_USER
export RabbitMq__Password=$MQ_PASSWORD
EOF
}

status() {
  echo "data:       $STATE"
  if pg_running; then echo "postgresql: running on 127.0.0.1:$PG_PORT, database $PG_DB"; else echo "postgresql: stopped"; fi
  if mq_running; then echo "rabbitmq:   running on 127.0.0.1:$MQ_PORT (pid $(mq_pid)), vhost $MQ_VHOST"; else echo "rabbitmq:   stopped"; fi
}

cmd=${1:-status}
init_paths
# One invocation at a time per checkout: two starts racing would leave a node without its pid file.
if [ "$cmd" != status ] && [ "$cmd" != env ]; then
  $SUDO mkdir -p "$STATE"
  exec 9>"$STATE/.services.lock"
  flock 9
fi
case "$cmd" in
  up) install_packages; init_paths; pg_up; mq_up ;;
  down) pg_down; mq_down ;;
  status) status ;;
  env) print_env "${2:-}" ;;
  stop-rabbitmq) mq_stop_node ;;
  start-rabbitmq) mq_running || mq_start_node ;;
  *) die "usage: $0 up|down|status|env [web|ingest|feed]|stop-rabbitmq|start-rabbitmq" ;;
esac
