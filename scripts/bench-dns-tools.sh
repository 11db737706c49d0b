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
