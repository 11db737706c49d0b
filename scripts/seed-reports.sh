#!/usr/bin/env bash
# Loads one tenant with many classified reports, for the portal benchmark (scripts/bench-portal.sh).
#
#   scripts/seed-reports.sh [REPORTS]      default 1000000
#
# Drops and recreates the database backscatter_seed (SEED_DB) on the shared PostgreSQL, starts the
# portal (Release) on it once to migrate it and to sign the owner up through the real sign-up form
# and confirmation mail (owner@seed.example / "seed benchmark password"), then generates the reports,
# reflector sightings and reflector records inside PostgreSQL (scripts/seed-reports.sql).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
REPORTS=${1:-1000000}
WORK="$ROOT/.local/seed-reports"
# shellcheck source=scripts/portal-host.sh
. scripts/portal-host.sh
say() { printf '[seed-reports] %s\n' "$*" >&2; }

pg -d postgres -c "SELECT 1" >/dev/null || { say "PostgreSQL is not reachable on $PG_HOST:$PG_PORT"; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK/mail"
trap stop_portal EXIT

say "building Release"
build_portal
pg -d postgres -c "DROP DATABASE IF EXISTS $SEED_DB WITH (FORCE)" -c "CREATE DATABASE $SEED_DB"

say "starting the portal on $SEED_DB (migrates it), signing $SEED_EMAIL up"
start_portal "$WORK/mail" "$WORK/web.log"
web_bench signup "http://127.0.0.1:$PORTAL_PORT/" "$WORK/mail" "Seed Ltd" "$SEED_EMAIL" "$SEED_PASSWORD"
stop_portal

read -r TENANT INGEST < <(pg -d "$SEED_DB" -F ' ' -c "SELECT u.tenant_id, a.address FROM users u JOIN ingest_addresses a ON a.tenant_id = u.tenant_id WHERE u.email = '$SEED_EMAIL'")
say "tenant $TENANT, ingest address $INGEST; generating $REPORTS reports"
started=$(date +%s.%N)
pg -d "$SEED_DB" -v tenant="$TENANT" -v ingest="$INGEST" -v reports="$REPORTS" -f scripts/seed-reports.sql
generated=$(date +%s.%N)
pg -d "$SEED_DB" -c "VACUUM (ANALYZE) reports" -c "VACUUM (ANALYZE) reflector_sightings" -c "VACUUM (ANALYZE) reflectors"
finished=$(date +%s.%N)

echo
echo "Seeded $SEED_DB: $(pg -d "$SEED_DB" -c "SELECT count(*) FROM reports") reports, $(pg -d "$SEED_DB" -c "SELECT count(*) FROM reflector_sightings") sightings, $(pg -d "$SEED_DB" -c "SELECT count(*) FROM reflectors") reflectors"
awk -v s="$started" -v g="$generated" -v f="$finished" 'BEGIN { printf "  generating %.1f s, vacuum and analyze %.1f s, total %.1f s\n", g - s, f - g, f - s }'
echo "  database size $(pg -d "$SEED_DB" -c "SELECT pg_size_pretty(pg_database_size('$SEED_DB'))"), reports table with indexes $(pg -d "$SEED_DB" -c "SELECT pg_size_pretty(pg_total_relation_size('reports'))")"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "  log in as $SEED_EMAIL with the password \"$SEED_PASSWORD\""
