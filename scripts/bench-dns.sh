#!/usr/bin/env bash
# The DNS feed against rbldnsd on this machine: the same 100,000-address zone, dnsperf against each in
# the same run (half listed, half unlisted names), p99 latency at half of rbldnsd's rate, and the memory
# and reload time of 1,000,000 listings. Loopback only; every run is bounded in time.
# Results go to docs/benchmarks.md, section "DNS feed".
set -euo pipefail
cd "$(dirname "$0")/.."

COUNT=${COUNT:-100000}
DURATION=${DURATION:-20}              # seconds of full-load dnsperf per server
HALF_DURATION=${HALF_DURATION:-10}    # seconds of half-load dnsperf per server
MEMORY_COUNT=${MEMORY_COUNT:-1000000}
RBLDNSD_PORT=${RBLDNSD_PORT:-15353}
FEED_PORT=${FEED_PORT:-15354}
ZONE=bl.backscatter.test
DNSPERF_LOAD=(-c 4 -T 1 -q 200)       # the same client settings for both servers

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2"
    apt-get install -y "$2" >/dev/null
  fi
}
need rbldnsd rbldnsd
need dnsperf dnsperf
need dig dnsutils

# BENCH_PIN=1: servers on core 1, dnsperf on core 0, so the latency tail is not the scheduler handing
# one core back and forth between the client and the server (both servers are pinned alike).
server_cpu=() client_cpu=()
if [ "${BENCH_PIN:-0}" = 1 ]; then server_cpu=(taskset -c 1); client_cpu=(taskset -c 0); fi

work=$(mktemp -d /tmp/bench-dns.XXXXXX)
chmod 755 "$work"   # rbldnsd drops to the nobody user and must read the zone
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

echo "== building the benchmark tool (Release)"
dotnet build benchmarks/Backscatter.Feed.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=benchmarks/Backscatter.Feed.Benchmarks/bin/Release/net10.0/Backscatter.Feed.Benchmarks

echo "== generating the zone"
"$bench" zone "$COUNT" "$work/zone.ip4set" "$work/queries.txt"

serve_seconds=$((2 * DURATION + 2 * HALF_DURATION + 60))
timeout "$serve_seconds" "${server_cpu[@]}" rbldnsd -n -w "$work" -b "127.0.0.1/$RBLDNSD_PORT" -u nobody "$ZONE:ip4set:zone.ip4set" >"$work/rbldnsd.log" 2>&1 &
pids+=($!)
"${server_cpu[@]}" "$bench" serve "$work/zone.ip4set" "$FEED_PORT" "$serve_seconds" >"$work/feed.log" 2>&1 &
pids+=($!)

wait_ready() {
  for _ in $(seq 1 60); do
    if dig @127.0.0.1 -p "$1" +time=1 +tries=1 +short "2.0.0.127.$ZONE" A 2>/dev/null | grep -q 127.0.0.2; then return 0; fi
    sleep 0.5
  done
  echo "server on port $1 did not answer"; cat "$work"/*.log; exit 1
}
wait_ready "$RBLDNSD_PORT"
wait_ready "$FEED_PORT"

echo "== both servers give the same answers (first 20 names, A and TXT)"
head -20 "$work/queries.txt" | while read -r name _; do
  for type in A TXT; do
    a=$(dig @127.0.0.1 -p "$RBLDNSD_PORT" +notcp +short "$name" "$type" | sort)
    b=$(dig @127.0.0.1 -p "$FEED_PORT" +notcp +short "$name" "$type" | sort)
    if [ "$a" != "$b" ]; then echo "DIFFERENT for $name $type: rbldnsd [$a] feed [$b]"; exit 1; fi
  done
done
echo "same"

full_load() { # port -> prints qps and average latency (ms)
  "${client_cpu[@]}" dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$DURATION" "${DNSPERF_LOAD[@]}" >"$work/full-$1.txt" 2>&1
  local qps avg lost
  qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$work/full-$1.txt")
  avg=$(awk '/Average Latency/ {printf "%.3f", $4 * 1000}' "$work/full-$1.txt")
  lost=$(awk '/Queries lost/ {print $3 $4}' "$work/full-$1.txt")
  echo "$qps $avg $lost"
}

half_load() { # port rate -> prints achieved qps, p50, p99, max latency (ms)
  "${client_cpu[@]}" dnsperf -s 127.0.0.1 -p "$1" -d "$work/queries.txt" -l "$HALF_DURATION" -Q "$2" -v "${DNSPERF_LOAD[@]}" >"$work/half-$1.txt" 2>&1
  local qps
  qps=$(awk '/Queries per second/ {printf "%.0f", $4}' "$work/half-$1.txt")
  awk '/^> / {print $NF * 1000}' "$work/half-$1.txt" | sort -g >"$work/lat-$1.txt"
  local n
  n=$(wc -l <"$work/lat-$1.txt")
  echo "$qps $(sed -n "$(( (n + 1) / 2 ))p" "$work/lat-$1.txt") $(sed -n "$(( (n * 99 + 99) / 100 ))p" "$work/lat-$1.txt") $(tail -1 "$work/lat-$1.txt")"
}

echo "== full load, ${DURATION} s each: dnsperf ${DNSPERF_LOAD[*]}"
read -r r_qps r_avg r_lost < <(full_load "$RBLDNSD_PORT")
echo "rbldnsd: $r_qps q/s, average latency $r_avg ms, lost $r_lost"
read -r f_qps f_avg f_lost < <(full_load "$FEED_PORT")
echo "feed:    $f_qps q/s, average latency $f_avg ms, lost $f_lost"
ratio=$(awk -v f="$f_qps" -v r="$r_qps" 'BEGIN {printf "%.2f", f / r}')
echo "ratio feed / rbldnsd: ${ratio}x"

half=$((r_qps / 2))
echo "== half of rbldnsd's rate ($half q/s), ${HALF_DURATION} s each"
read -r rh_qps rh_p50 rh_p99 rh_max < <(half_load "$RBLDNSD_PORT" "$half")
echo "rbldnsd: $rh_qps q/s, p50 $rh_p50 ms, p99 $rh_p99 ms, max $rh_max ms"
read -r fh_qps fh_p50 fh_p99 fh_max < <(half_load "$FEED_PORT" "$half")
echo "feed:    $fh_qps q/s, p50 $fh_p50 ms, p99 $fh_p99 ms, max $fh_max ms"

echo "== feed memory and reload with $MEMORY_COUNT listed addresses (a fresh process)"
"$bench" zone "$MEMORY_COUNT" "$work/big.ip4set" "$work/big-queries.txt" >/dev/null
"$bench" memory "$work/big.ip4set"

echo "== summary"
echo "qps ratio ${ratio}x (goal >= 1.0); feed p99 at half load ${fh_p99} ms (goal <= 1 ms)"
