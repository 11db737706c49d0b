#!/usr/bin/env bash
# What the reports table costs PostgreSQL per report, in isolation (no .NET, no SMTP): the INSERT at
# acceptance and the UPDATE at classification, for each schema variant in scripts/bench-report-writes/.
#
#   scripts/bench-report-writes.sh [VARIANT...]     default: before partial inline external rawtable pkonly
#   BENCH_RUNS=2 (rounds of all variants, alternating); BENCH_ROWS_PER_COMMIT="10 1" (acceptance batch sizes);
#   BENCH_NAME=report_writes: the database is backscatter_$BENCH_NAME (dropped and created again).
#
# Per variant: 20,000 classified reports loaded, then 10,000 stored (synchronous commit, N to a
# transaction, as the inbox's group commit) and classified (100 to a transaction, without waiting for
# the flush, as PostgresClassificationStore). Prints the CPU time of the one PostgreSQL backend
# (/proc/PID/stat: user + system, 10 ms ticks, so 1 µs per row of resolution) per report, and the WAL
# of 1,000 reports inserted and classified (EXPLAIN (ANALYZE, WAL)). The server must run on this
# machine (it reads the backend's /proc entry). Needs only psql; the shared services stay as they are.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DIR="$ROOT/scripts/bench-report-writes"
NAME=${BENCH_NAME:-report_writes}
DB="backscatter_$NAME"
RUNS=${BENCH_RUNS:-2}
ROWS_PER_COMMIT=${BENCH_ROWS_PER_COMMIT:-10 1}
VARIANTS=("${@:-before partial inline external rawtable pkonly}")
read -r -a VARIANTS <<< "${VARIANTS[*]}"
export PGPASSWORD=${BACKSCATTER_PG_PASSWORD:-backscatter}
pg() { psql -h 127.0.0.1 -p "${BACKSCATTER_PG_PORT:-55432}" -U "${BACKSCATTER_PG_USER:-backscatter}" -v ON_ERROR_STOP=1 -qtA "$@"; }

pg -d backscatter -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
pg -d "$DB" -f "$DIR/setup.sql" >/dev/null
echo "load average $(cut -d' ' -f1-3 /proc/loadavg)"
for rows in $ROWS_PER_COMMIT; do
  for run in $(seq 1 "$RUNS"); do
    for variant in "${VARIANTS[@]}"; do
      file() { [ -f "$DIR/$variant.$1.sql" ] && echo "$DIR/$variant.$1.sql" || echo "$DIR/$1.sql"; }
      pg -d "$DB" -f "$DIR/reset.sql" -f "$DIR/$variant.sql" -f "$(file preload)" >/dev/null 2>&1
      result=$(pg -d "$DB" -v ins="$(file insert)" -v upd="$(file update)" <<SQL
SELECT pg_backend_pid() AS pid \gset
SET bench.rows_per_commit = $rows;
\o /dev/null
\set t0 \`awk '{print \$14 + \$15}' /proc/:pid/stat\`
\i :ins
\set t1 \`awk '{print \$14 + \$15}' /proc/:pid/stat\`
\i :upd
\set t2 \`awk '{print \$14 + \$15}' /proc/:pid/stat\`
\o
SELECT format('INSERT %s µs/report, UPDATE %s µs/report', (:t1 - :t0) * 10000 / 10000, (:t2 - :t1) * 10000 / 10000);
SQL
)
      # The WAL line under each Insert or Update node (a CTE's insert is a node of its own), summed per statement.
      wal=$(pg -d "$DB" -f "$(file wal)" | awk '
        /(Insert|Update) on/ { want = ($0 ~ /Insert on/) ? "insert" : "update" }
        want && /WAL:/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "records") r[want] += kv[2]; if (kv[1] == "bytes") b[want] += kv[2] }; want = "" }
        END { printf "insert %.1f KB in %.1f records, update %.1f KB in %.1f records", b["insert"] / 1000 / 1024, r["insert"] / 1000, b["update"] / 1000 / 1024, r["update"] / 1000 }')
      printf '%-9s %2d rows/commit, run %d: %s  (WAL per report: %s)\n' "$variant" "$rows" "$run" "$result" "$wal"
    done
  done
done
