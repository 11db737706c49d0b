#!/usr/bin/env bash
# Bring everything up: PostgreSQL and RabbitMQ (installed if missing), a build, then the Web,
# Ingest and Feed hosts in the foreground. Ctrl-C stops the hosts; the services keep running
# (scripts/services.sh down stops them). Running it again restarts the hosts of this checkout.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

RUN_DIR="$ROOT/.local/run"
PID_FILE="$RUN_DIR/hosts.pid"
LOG_DIR="$ROOT/.local/logs"
mkdir -p "$RUN_DIR" "$LOG_DIR"

# name:project:health-url
HOSTS=(
  "web:Web:http://127.0.0.1:5080"
  "ingest:Ingest:http://127.0.0.1:5082"
  "feed:Feed:http://127.0.0.1:5081"
)

say() { printf '[run] %s\n' "$*"; }

stop_previous() {
  [ -f "$PID_FILE" ] || return 0
  local pids=() pid
  while read -r pid; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
  done < "$PID_FILE"
  if [ ${#pids[@]} -gt 0 ]; then
    say "stopping the hosts of an earlier ./run.sh (pids ${pids[*]})"
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 50); do
      local alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      [ $alive -eq 0 ] && break
      sleep 0.2
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

scripts/tools.sh run
scripts/services.sh up
eval "$(scripts/services.sh env)"
stop_previous

SAMPLE_BOUNCE=$(cd "$ROOT/.." && pwd)/shared/corpus/sisimai/maildir/bsd/lhost-postfix-04.eml
[ -f "$SAMPLE_BOUNCE" ] || SAMPLE_BOUNCE=/path/to/a/bounce.eml

for port in 5080 5081 5082 2525; do
  port_busy "$port" && { say "port $port is taken by another program; stop it first"; exit 1; }
done

say "building"
dotnet build Backscatter.Cloud.sln -c Debug -nologo -clp:ErrorsOnly -v:q

export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
# The key rings encrypted at rest with a development certificate (docs/adr/0036). It lives beside the
# database in .local: keys written with it cannot be read without it.
KEY_RING_CERTIFICATE="$ROOT/.local/dataprotection/key-ring.pfx"
if [ ! -f "$KEY_RING_CERTIFICATE" ]; then
  mkdir -p "$(dirname "$KEY_RING_CERTIFICATE")"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=Backscatter.Cloud key rings (development)" \
    -keyout "$KEY_RING_CERTIFICATE.key" -out "$KEY_RING_CERTIFICATE.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$KEY_RING_CERTIFICATE.key" -in "$KEY_RING_CERTIFICATE.crt" \
    -out "$KEY_RING_CERTIFICATE" -passout pass:development
  rm -f "$KEY_RING_CERTIFICATE.key" "$KEY_RING_CERTIFICATE.crt"
  chmod 600 "$KEY_RING_CERTIFICATE"
fi
export DataProtection__Certificate="$KEY_RING_CERTIFICATE" DataProtection__CertificatePassword=development
PIDS=()
for entry in "${HOSTS[@]}"; do
  IFS=: read -r name project _ <<< "$entry"
  dll="$ROOT/src/$project/bin/Debug/net10.0/Backscatter.$project.dll"
  # Each host's lines are prefixed with its name and kept in .local/logs/<name>.log too. Each host
  # logs in to PostgreSQL as its own login (ConnectionStrings__Backscatter) and migrates at start as
  # the schema owner (ConnectionStrings__BackscatterMigrations, from the env above; docs/adr/0029).
  (cd "$ROOT/src/$project" && eval "$("$ROOT/scripts/services.sh" env "$name")" && exec dotnet "$dll") \
    > >(stdbuf -oL sed -u "s/^/[$name] /" | tee -a "$LOG_DIR/$name.log") 2>&1 &
  PIDS+=("$!")
done
printf '%s\n' "${PIDS[@]}" > "$PID_FILE"

shutdown() {
  trap - INT TERM
  echo
  say "stopping the hosts"
  kill -TERM "${PIDS[@]}" 2>/dev/null || true
  wait "${PIDS[@]}" 2>/dev/null || true
  rm -f "$PID_FILE"
  say "stopped; PostgreSQL and RabbitMQ keep running (scripts/services.sh down stops them)"
  exit 0
}
trap shutdown INT TERM

ready() { curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null; }
for entry in "${HOSTS[@]}"; do
  IFS=: read -r name _ url <<< "$entry"
  for _ in $(seq 1 120); do ready "$url" && break; sleep 0.5; done
  if ready "$url"; then say "$name is ready"; else say "$name is not ready yet: curl $url/health/ready says why"; fi
done

cat <<EOF

  Backscatter.Cloud is running (Ctrl-C stops it)

  Portal (Web)        http://127.0.0.1:5080
  Feed HTTP           http://127.0.0.1:5081        zone export: /zone/ip4set, /zone/ip6trie
  DNS feed            127.0.0.1:10053 (UDP and TCP), zone bl.backscatter.test
  Ingest HTTP         http://127.0.0.1:5082
  SMTP ingest         127.0.0.1:2525, demo tenant address demo@in.backscatter.test
  Health              curl http://127.0.0.1:5080/health/ready   (also :5081 and :5082)
  PostgreSQL          127.0.0.1:${BACKSCATTER_PG_PORT:-55432}, database backscatter (hosts as backscatter_web, _ingest, _feed)
  RabbitMQ            127.0.0.1:${BACKSCATTER_MQ_PORT:-55672}, vhost backscatter
  Logs                .local/logs/{web,ingest,feed}.log
  Account mail        .local/mail/*.eml (sign-up confirmation links; no mail leaves this machine)

  Send a sample bounce (a real Postfix DSN from the corpus) to the demo tenant:
    swaks --server 127.0.0.1:2525 --from '<>' --to demo@in.backscatter.test --data ${SAMPLE_BOUNCE}
  See it classified:
    PGPASSWORD=backscatter psql -h 127.0.0.1 -p ${BACKSCATTER_PG_PORT:-55432} -U backscatter backscatter -c "select received_at, kind, reason, judgement, reflector_ip from reports order by received_at desc limit 5"
  Query the DNS feed (127.0.0.2 is the always-listed test point):
    dig @127.0.0.1 -p 10053 2.0.0.127.bl.backscatter.test A +short

EOF

# Wait for Ctrl-C, or until the hosts are stopped by another ./run.sh.
while :; do
  alive=0
  for pid in "${PIDS[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
  [ $alive -eq 1 ] || { say "the hosts have stopped"; exit 0; }
  sleep 1 &
  wait $! || true
done
