#!/usr/bin/env bash
# Installs what the tests need and runs them all:
#   - unit and HTTP-level tests against SQLite,
#   - the HTTP-level suite again against a real PostgreSQL server started here;
#   e-mail tests send through a real SMTP server (Debian's aiosmtpd) that they start themselves;
#   portal tests drive Debian's Chromium with Playwright.
# Ends with one line: "N passed, N failed" (", N skipped" when some are).
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
results=$(mktemp -d /tmp/platform-test-results.XXXXXX)
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian packages -------------------------------------------------------------------------
need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
[ -d /usr/lib/python3/dist-packages/aiosmtpd ] || need+=(python3-aiosmtpd)   # the real SMTP server of e-mail tests
[ -x /usr/bin/chromium ] || need+=(chromium)                                  # the browser of portal tests (Playwright)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi

# --- A private PostgreSQL server on loopback, stopped on exit ---------------------------------
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
pg_dir=$(mktemp -d /tmp/platform-pg.XXXXXX)
# The first free port from 55432 (or PLATFORM_TEST_PG_PORT): two runs on one machine do not collide.
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
pg_port=${PLATFORM_TEST_PG_PORT:-55432}
while port_busy "$pg_port"; do pg_port=$((pg_port + 1)); done
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
if [ "$(id -u)" = 0 ]; then chown postgres "$pg_dir"; pg_user=postgres; fi
stop_pg() { run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1; rm -rf "$pg_dir"; }
trap stop_pg EXIT
run_pg "$pg_bin/initdb" -D "$pg_dir/data" -U "$pg_user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null \
  || { echo "initdb failed"; exit 1; }
run_pg "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
  -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null \
  || { echo "PostgreSQL did not start:"; cat "$pg_dir/server.log"; exit 1; }
postgres="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=postgres;Pooling=true"

# --- Build once, then run ---------------------------------------------------------------------
dotnet restore --nologo -v q || exit 1
dotnet build --no-restore --nologo -v q -clp:ErrorsOnly || exit 1

# Each run writes its TRX into a folder of its own (TRX names are timestamps and could collide).
run_tests() { # name project [VAR=value ...]
  local name=$1 project=$2; shift 2
  env "$@" dotnet test "$project" --no-build --nologo --logger trx --results-directory "$results/$name" \
    > "$results/$name.log" 2>&1
  local code=$?
  cat "$results/$name.log"
  return $code
}
status=0
pids=()
for project in tests/*/; do
  # The browser suite runs alone afterwards: Chromium steps time out when two cores are saturated.
  [ "$(basename "$project")" = Platform.Browser.Tests ] && continue
  run_tests "sqlite-$(basename "$project")" "$project" & pids+=($!)
done
run_tests postgres-Platform.Host.Tests tests/Platform.Host.Tests PLATFORM_TEST_POSTGRES="$postgres" & pids+=($!)
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
run_tests sqlite-Platform.Browser.Tests tests/Platform.Browser.Tests || status=1

# --- One closing line, computed from the TRX files --------------------------------------------
passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
expected=$(( $(ls -d tests/*/ | wc -l) + 1 ))
[ "$files" -ge "$expected" ] || { echo "expected $expected test result files, found $files"; status=1; }
[ "$failed" -eq 0 ] || status=1
rm -rf "$results"
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit $status
