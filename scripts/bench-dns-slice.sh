#!/usr/bin/env bash
# The feed's half-load latency with and without the short scheduler slice of its UDP receive threads
# (docs/adr/0013), rbldnsd as the control, all three running side by side and measured in alternation at
# the same fixed rate, so that a shared machine's changing load hits them alike. Normal priority, unpinned.
# Per server and round: dnsperf -v latency percentiles; the receive threads' run time and run-queue wait
# (/proc/<pid>/task/<tid>/schedstat: time runnable but not running, per time slice); with PERF=1, the
# wake-up-to-run delay of every switch-in of the server's and dnsperf's threads (perf sched, 4 s per run).
# Installs rbldnsd, dnsperf and dig if missing (scripts/bench-dns-tools.sh). Results: docs/benchmarks.md.
#
# Options (environment): RATE (q/s, default 35000), DURATION (s per run, 10), ROUNDS (3), PERF=1,
# VARIANTS ("name:threads:slice-us[:batching] ...", default "default-slice:0:0 slice-100us:0:100"; batching 0
# answers one query per system call, DnsFeed:UdpBatching=false).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/bench-dns-tools.sh

RATE=${RATE:-35000}
DURATION=${DURATION:-10}
ROUNDS=${ROUNDS:-3}
VARIANTS=${VARIANTS:-default-slice:0:0 slice-100us:0:100}
ZONE=bl.backscatter.test

dns_bench_work bench-dns-slice

dotnet build benchmarks/Backscatter.Feed.Benchmarks -c Release -v quiet -nologo >/dev/null
bench=benchmarks/Backscatter.Feed.Benchmarks/bin/Release/net10.0/Backscatter.Feed.Benchmarks
"$bench" zone 100000 "$work/zone.ip4set" "$work/queries.txt" >/dev/null

seconds=$((ROUNDS * DURATION * 8 + 120))
timeout "$seconds" rbldnsd -n -w "$work" -b 127.0.0.1/16353 -u nobody "$ZONE:ip4set:zone.ip4set" >"$work/rbldnsd.log" 2>&1 &
pids+=($!)
names=(rbldnsd) ports=(16353) serverpids=(rbldnsd)
port=16360
for variant in $VARIANTS; do
  IFS=: read -r name threads slice batching <<<"$variant"
  FEED_SLICE_US=$slice FEED_BATCHING=${batching:-1} "$bench" serve "$work/zone.ip4set" "$port" "$seconds" "$threads" >"$work/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name") ports+=("$port") serverpids+=($!)
  port=$((port + 1))
done
for p in "${ports[@]}"; do
  for _ in $(seq 1 60); do
    if dig @127.0.0.1 -p "$p" +time=1 +tries=1 +short "2.0.0.127.$ZONE" A 2>/dev/null | grep -q 127.0.0.2; then break; fi
    sleep 0.5
  done
done
serverpids[0]=$(pgrep -u nobody -f "rbldnsd .*127.0.0.1/16353" | head -1)

load() { cut -d' ' -f1 /proc/loadavg; }
percentiles() { # sorted file -> p50 p99 p99.9 max
  local n
  n=$(wc -l <"$1")
  echo "$(sed -n "$(( (n + 1) / 2 ))p" "$1") $(sed -n "$(( (n * 99 + 99) / 100 ))p" "$1") $(sed -n "$(( (n * 999 + 999) / 1000 ))p" "$1") $(tail -1 "$1")"
}
schedstat() { # pid -> run ns, run-queue wait ns, slices, summed over the receive threads
  local run=0 wait=0 slices=0 a b c
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm")" in dns-udp-*|rbldnsd) ;; *) continue ;; esac
    read -r a b c <"$task/schedstat"
    run=$((run + a)) wait=$((wait + b)) slices=$((slices + c))
  done
  echo "$run $wait $slices"
}

echo "rate $RATE q/s, $DURATION s per run; p50 p99 p99.9 max in ms"
for round in $(seq 1 "$ROUNDS"); do
  for i in "${!names[@]}"; do
    name=${names[$i]}
    before_load=$(load)
    read -r run1 wait1 slices1 < <(schedstat "${serverpids[$i]}")
    if [ "${PERF:-0}" = 1 ]; then (sleep 3; perf sched record -a -o "$work/sched.data" -- sleep 4 >/dev/null 2>&1) & perfpid=$!; fi
    dnsperf -s 127.0.0.1 -p "${ports[$i]}" -d "$work/queries.txt" -l "$DURATION" -Q "$RATE" -v -c 4 -T 1 -q 200 >"$work/dnsperf.txt" 2>&1
    read -r run2 wait2 slices2 < <(schedstat "${serverpids[$i]}")
    awk '/^> / {print $NF * 1000}' "$work/dnsperf.txt" | sort -g >"$work/latency.txt"
    echo "round $round $name: dnsperf $(awk '/Queries per second/ {printf "%.0f", $4}' "$work/dnsperf.txt") q/s, $(percentiles "$work/latency.txt") (load $before_load-$(load))"
    answered=$(awk '/Queries completed/ {print $3}' "$work/dnsperf.txt")
    echo "   receive threads: run $(( (run2 - run1) / 1000000 )) ms ($(( (run2 - run1) / answered )) ns per query answered), run-queue wait $(( (wait2 - wait1) / 1000000 )) ms over $((slices2 - slices1)) slices"
    if [ "${PERF:-0}" = 1 ]; then
      wait "$perfpid"
      perf sched timehist -i "$work/sched.data" 2>/dev/null >"$work/timehist.txt"
      for who in server client; do
        if [ "$who" = server ]; then pattern='^(dns-udp|rbldnsd)'; else pattern='^dnsperf'; fi
        awk -v p="$pattern" '$3 ~ p {print $5 * 1000}' "$work/timehist.txt" | sort -g >"$work/delay.txt"
        echo "   $who threads, wake-up to run (perf sched, us): n $(wc -l <"$work/delay.txt"), p50 p99 p99.9 max $(percentiles "$work/delay.txt")"
      done
    fi
  done
done
