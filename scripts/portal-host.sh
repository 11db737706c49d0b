# Sourced by seed-reports.sh and bench-portal.sh: the seeded database and a Release Web host on it.
# The shared services must already run; nothing here starts or stops them.
SEED_DB=${SEED_DB:-backscatter_seed}
SEED_EMAIL=${SEED_EMAIL:-owner@seed.example}
SEED_PASSWORD=${SEED_PASSWORD:-seed benchmark password}
PORTAL_PORT=${PORTAL_PORT:-5096}
PG_HOST=127.0.0.1
PG_PORT=${BACKSCATTER_PG_PORT:-55432}
PG_USER=${BACKSCATTER_PG_USER:-backscatter}
export PGPASSWORD=${BACKSCATTER_PG_PASSWORD:-backscatter}
pg() { psql -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -v ON_ERROR_STOP=1 -qtA "$@"; }
PORTAL_PID=""

build_portal() {
  [ -n "${BENCH_NO_BUILD:-}" ] && return
  dotnet build src/Web -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
  dotnet build benchmarks/Backscatter.Web.Benchmarks -c Release -nologo -clp:ErrorsOnly -v:q >/dev/null
}

# Starts the portal (Release, Development settings: it migrates the database at start as the schema
# owner and otherwise runs as its own login, docs/adr/0029) on loopback,
# on its own temporary RabbitMQ endpoints in the tests' virtual host, so that it consumes nothing of anyone's.
start_portal() { # pickup-dir log-file
  local prefix
  prefix="bench$(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  (cd src/Web && ASPNETCORE_ENVIRONMENT=Development Urls="http://127.0.0.1:$PORTAL_PORT" \
    ConnectionStrings__Backscatter="Host=$PG_HOST;Port=$PG_PORT;Database=$SEED_DB;Username=${PG_USER}_web;Password=${BACKSCATTER_PG_WEB_PASSWORD:-${PG_USER}_web}" \
    ConnectionStrings__BackscatterMigrations="Host=$PG_HOST;Port=$PG_PORT;Database=$SEED_DB;Username=$PG_USER;Password=$PGPASSWORD" \
    RabbitMq__VirtualHost=backscatter-test RabbitMq__EndpointPrefix="$prefix" RabbitMq__TopologyPrefix="$prefix" RabbitMq__TemporaryEndpoints=true \
    AccountMail__PickupDirectory="$1" Logging__LogLevel__Default=Warning Logging__Console__FormatterName=simple \
    exec dotnet bin/Release/net10.0/Backscatter.Web.dll) > "$2" 2>&1 &
  PORTAL_PID=$!
  for _ in $(seq 1 240); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORTAL_PORT/health/ready" 2>/dev/null && return 0
    kill -0 "$PORTAL_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -n 30 "$2" >&2
  echo "the portal did not become ready" >&2
  return 1
}

stop_portal() {
  if [ -n "$PORTAL_PID" ]; then
    kill "$PORTAL_PID" 2>/dev/null || true
    wait "$PORTAL_PID" 2>/dev/null || true
    PORTAL_PID=""
  fi
}

web_bench() { dotnet benchmarks/Backscatter.Web.Benchmarks/bin/Release/net10.0/Backscatter.Web.Benchmarks.dll "$@"; }
