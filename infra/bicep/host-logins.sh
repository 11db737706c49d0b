#!/usr/bin/env bash
# The hosts' own PostgreSQL logins (host-logins.sql), without their passwords ever reaching the server:
# each password becomes a SCRAM-SHA-256 verifier here, which is all PostgreSQL keeps of it anyway, so a
# server that logs DDL logs no password (docs/adr/0031). Run as the administrator after the migration
# bundle, and again whenever a password changes (it sets them all):
#   PGPASSWORD=$BACKSCATTER_PG_PASSWORD BACKSCATTER_PG_WEB_PASSWORD=... BACKSCATTER_PG_INGEST_PASSWORD=... \
#     BACKSCATTER_PG_FEED_PASSWORD=... infra/bicep/host-logins.sh "host=... dbname=backscatter user=backscatter sslmode=verify-full"
# Needs python3 and psql. The passwords are read from the environment, never from the command line.
set -euo pipefail

[ $# -eq 1 ] || { echo "usage: $0 CONNINFO (as the administrator; passwords in BACKSCATTER_PG_{WEB,INGEST,FEED}_PASSWORD)" >&2; exit 2; }

# SCRAM-SHA-256$<iterations>:<salt>$<StoredKey>:<ServerKey> (RFC 5802/7677), as PostgreSQL stores it.
scram_verifier() { # name of the variable that holds the password
  python3 - "$1" <<'PY'
import base64, hashlib, hmac, os, sys
name = sys.argv[1]
password = os.environ.get(name, "")
if not password:
    sys.exit(f"{name} is not set")
if not password.isascii() or not password.isprintable():
    # PostgreSQL runs SASLprep over other characters first; printable ASCII needs none.
    sys.exit(f"{name}: use printable ASCII characters only")
iterations, salt = 4096, os.urandom(16)
salted = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, iterations)
stored_key = hashlib.sha256(hmac.new(salted, b"Client Key", "sha256").digest()).digest()
server_key = hmac.new(salted, b"Server Key", "sha256").digest()
b64 = lambda b: base64.b64encode(b).decode()
print(f"SCRAM-SHA-256${iterations}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}")
PY
}

web=$(scram_verifier BACKSCATTER_PG_WEB_PASSWORD)
ingest=$(scram_verifier BACKSCATTER_PG_INGEST_PASSWORD)
feed=$(scram_verifier BACKSCATTER_PG_FEED_PASSWORD)
exec psql "$1" -X -v web_verifier="$web" -v ingest_verifier="$ingest" -v feed_verifier="$feed" \
  -f "$(dirname "$0")/host-logins.sql"
