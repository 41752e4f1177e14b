#!/usr/bin/env bash
# Benchmark: requests per second and p50/p99 latency of the `tenant` GraphQL query next to /health
# (which checks the database), in one run, on the Release host. Target: GraphQL >= 60 % of /health.
#   bash bench/tenant-query.sh [seconds per endpoint, default 20] [connections, default 32]
# Not part of the test run. Request logs are at Warning for both endpoints alike.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-20}
connections=${2:-32}
port=${BENCH_PORT:-5099}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

out=$(mktemp -d /tmp/platform-bench.XXXXXX)
dotnet build src/Platform.Host -c Release --nologo -v q -clp:ErrorsOnly
PLATFORM_DATA_DIR="$out/data" ASPNETCORE_ENVIRONMENT=Staging ASPNETCORE_URLS="http://127.0.0.1:$port" \
  Platform__AllowLocalhostHosts=true Database__MigrateAtStartup=true Serilog__MinimumLevel__Default=Warning \
  RateLimits__GraphQLPerIpPerMinute=100000000 \
  dotnet src/Platform.Host/bin/Release/net10.0/Platform.Host.dll > "$out/host.log" 2>&1 &
host_pid=$!
trap 'kill $host_pid 2>/dev/null; rm -rf "$out"' EXIT
for _ in $(seq 60); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done

measure() { # name, then wrk arguments
  local name=$1; shift
  wrk -t2 -c"$connections" -d3s "$@" >/dev/null          # warm-up
  wrk -t2 -c"$connections" -d"${duration}s" --latency "$@" > "$out/$name.txt"
  local rps p50 p99
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$out/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$out/$name.txt")
  if grep -q 'Non-2xx' "$out/$name.txt"; then echo "$name: non-2xx answers:"; cat "$out/$name.txt"; exit 1; fi
  printf '%-8s %10s req/s   p50 %8s   p99 %8s\n' "$name" "$rps" "$p50" "$p99"
  echo "$rps" > "$out/$name.rps"
}

echo "Host in Release, $connections connections, ${duration}s per endpoint, $(nproc) cores shared with wrk"
measure health -H "Host: sstrn.localhost" "http://127.0.0.1:$port/health"
measure graphql -H "Host: sstrn.localhost" -s bench/graphql-tenant.lua "http://127.0.0.1:$port/graphql"
awk -v g="$(cat "$out/graphql.rps")" -v h="$(cat "$out/health.rps")" \
  'BEGIN { r = 100 * g / h; printf "graphql/health = %.0f %% (target >= 60 %%): %s\n", r, (r >= 60 ? "met" : "NOT met") }'
