# Sourced by the DNS benchmark scripts: installs what they run (Debian packages) when it is missing.
need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "installing $2"
    apt-get install -y "$2" >/dev/null
  fi
}
need rbldnsd rbldnsd
need dnsperf dnsperf
need dig dnsutils
need gcc gcc

# dns_bench_work NAME: a fresh $work folder (readable by rbldnsd, which drops to nobody) and $pids,
# both cleaned up when the script exits: the servers started are killed, the folder removed.
dns_bench_work() {
  work=$(mktemp -d "/tmp/$1.XXXXXX")
  chmod 755 "$work"
  pids=()
  trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT
}
