#!/usr/bin/env bash
# Issue 13 « Test it as it will run »: two nodes of the platform on one PostgreSQL, nginx in front,
# the real SMTP server (Debian's aiosmtpd), all on this machine. Prints each check (ok / FAILED) and
# the figures: throughput through one node and through two, failures while node A is killed.
#   bash bench/multi-node.sh [load seconds, default 30] [connections, default 16]
#   SKIP_BUILD=1: use the Release build already there (a build takes minutes on a busy machine).
#   BILL_COMPANIES=10000: companies added to sstrn (with a filed 2026 declaration) for the billing run cut by the kill.
# Installs what is missing with apt-get (postgresql, nginx, python3-aiosmtpd, wrk, jq, openssl).
# Not part of scripts/test.sh or CI: it takes a few minutes and measures more than it asserts.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
duration=${1:-30}
connections=${2:-16}
bill_companies=${BILL_COMPANIES:-10000}
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
[ -d /usr/lib/python3/dist-packages/aiosmtpd ] || need+=(python3-aiosmtpd)
for tool in wrk jq openssl curl; do command -v $tool >/dev/null || need+=($tool); done
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing ${need[*]}"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null \
    || { echo "apt-get install ${need[*]} failed"; exit 1; }
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

out=$(mktemp -d /tmp/platform-multi-node.XXXXXX)
chmod 755 "$out"
pids=()
node_a=; node_b=
cleanup() {
  for pid in "${pids[@]}" $node_a $node_b; do kill "$pid" 2>/dev/null; done
  [ -f "$out/nginx/nginx.pid" ] && kill "$(cat "$out/nginx/nginx.pid")" 2>/dev/null
  [ -n "${pg_bin:-}" ] && run_pg "$pg_bin/pg_ctl" -D "$out/pg/data" -m immediate stop >/dev/null 2>&1
  [ -n "${KEEP:-}" ] && { echo "kept: $out"; return; }
  rm -rf "$out"
}
trap cleanup EXIT
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() { local p=$1; while port_busy "$p"; do p=$((p + 1)); done; echo "$p"; }

# --- A private PostgreSQL (as scripts/test.sh starts it) ----------------------------------------
pg_bin=$(dirname "$(ls -d /usr/lib/postgresql/*/bin/initdb | sort -V | tail -1)")
pg_port=$(free_port 56432)
pg_user=$(id -un)
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$out/pg"
if [ "$(id -u)" = 0 ]; then chown postgres "$out/pg"; pg_user=postgres; fi
run_pg "$pg_bin/initdb" -D "$out/pg/data" -U "$pg_user" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || { echo "initdb failed"; exit 1; }
run_pg "$pg_bin/pg_ctl" -D "$out/pg/data" -l "$out/pg/server.log" -w \
  -o "-p $pg_port -k $out/pg -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null \
  || { echo "PostgreSQL did not start"; cat "$out/pg/server.log"; exit 1; }
run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE platform" || exit 1
psql_() { run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d platform -tAc "$1"; }

# --- The real SMTP server: one file per message received --------------------------------------
smtp_port=$(free_port 2525)
mkdir -p "$out/mail"
cat > "$out/smtp.py" <<'PY'
import sys, time, uuid, pathlib
from aiosmtpd.controller import Controller
class Save:
    async def handle_DATA(self, server, session, envelope):
        for rcpt in envelope.rcpt_tos:
            pathlib.Path(sys.argv[2], f"{rcpt}-{uuid.uuid4().hex}.eml").write_bytes(envelope.content)
        return "250 OK"
c = Controller(Save(), hostname="127.0.0.1", port=int(sys.argv[1])); c.start()
while True: time.sleep(3600)
PY
/usr/bin/python3 "$out/smtp.py" "$smtp_port" "$out/mail" > "$out/smtp.log" 2>&1 & pids+=($!)
mails_to() { ls "$out/mail" | grep -c "^$1-" ; }

# --- Build, certificates, migrate once ---------------------------------------------------------
dll=src/Platform.Host/bin/Release/net10.0/Platform.Host.dll
if [ -n "${SKIP_BUILD:-}" ] && [ -f "$dll" ]; then echo "Using the Release build there is (SKIP_BUILD)"
else
  echo "Building the host (Release)…"
  dotnet build src/Platform.Host -c Release --nologo -v q -clp:ErrorsOnly >/dev/null || { echo "build failed"; exit 1; }
fi
bash deploy/make-certificates.sh "$out/secrets" multi-node >/dev/null || exit 1
mkdir -p "$out/files" "$out/a" "$out/b"
node_env() { # data directory
  env PLATFORM_DATA_DIR="$1" ASPNETCORE_ENVIRONMENT=Staging Platform__AllowLocalhostHosts=true \
    Database__Provider=Postgres ConnectionStrings__Platform="Host=127.0.0.1;Port=$pg_port;Username=$pg_user;Database=platform;Maximum Pool Size=60" \
    Database__MigrateAtStartup=false DemoData__SeedAtStartup=false \
    Email__Smtp__Host=127.0.0.1 Email__Smtp__Port="$smtp_port" Email__DeliveryIntervalSeconds=1 \
    Identity__SigningCertificate__Path="$out/secrets/signing.pfx" Identity__SigningCertificate__Password=multi-node \
    Identity__EncryptionCertificate__Path="$out/secrets/encryption.pfx" Identity__EncryptionCertificate__Password=multi-node \
    DataProtection__Certificate__Path="$out/secrets/data-protection.pfx" DataProtection__Certificate__Password=multi-node \
    Documents__StorageDirectory="$out/files" ForwardedHeaders__KnownProxies=127.0.0.1 \
    RateLimits__GraphQLPerIpPerMinute=1000000000 RateLimits__GraphQLPerAccountPerMinute=1000000000 \
    RateLimits__SignInPerIpPerMinute=100000 RateLimits__SignInPerAccountPer5Minutes=100000 \
    Serilog__MinimumLevel__Default=Warning Serilog__MinimumLevel__Override__Quartz.Core.JobRunShell=Debug "${@:2}"
}
node_env "$out/a" dotnet "$dll" migrate > "$out/migrate.log" 2>&1 || { echo "migrate failed"; cat "$out/migrate.log"; exit 1; }
node_env "$out/a" dotnet "$dll" seed-demo > "$out/seed.log" 2>&1 || { echo "seed-demo failed"; cat "$out/seed.log"; exit 1; }
# Members for a billing run long enough to be cut by the kill: sstrn's year 2026 (annual cycle), each company with a
# filed declaration and no billing contact (no e-mail per invoice). The demo's companies have no declaration: not billed.
psql_ "INSERT INTO \"Companies\" (\"Id\", \"TenantId\", \"MemberNumber\", \"Siret\", \"Name\", \"CreatedAt\")
    SELECT gen_random_uuid(), 'sstrn', 'BN' || n, '73282932000074', 'Entreprise banc ' || n, now() - interval '2 years' FROM generate_series(1, $bill_companies) n;
  INSERT INTO \"Declarations\" (\"Id\", \"TenantId\", \"CompanyId\", \"Year\", \"Status\", \"Headcount\", \"Apprentices\", \"Determinants\", \"OwnDeterminants\")
    SELECT gen_random_uuid(), 'sstrn', \"Id\", 2026, 'Submitted', 1 + (random() * 39)::int, 0, '{}', '{}' FROM \"Companies\" WHERE \"MemberNumber\" LIKE 'BN%';" >/dev/null \
  || { echo "seeding the billing run's companies failed"; exit 1; }

port_a=$(free_port 5301); port_b=$(free_port $((port_a + 1))); port_n=$(free_port $((port_b + 1)))
ready() { curl -sf "http://127.0.0.1:$1/health/ready" >/dev/null || curl -sf "http://127.0.0.1:$1/health" >/dev/null; }
start_node() { # name port; prints the pid of the node's dotnet process (node_env runs in a subshell: its child)
  node_env "$out/$1" ASPNETCORE_URLS="http://127.0.0.1:$2" dotnet "$dll" >> "$out/$1.log" 2>&1 &
  local shell=$!
  for _ in $(seq 50); do pgrep -P "$shell" >/dev/null && break; sleep 0.1; done
  pgrep -P "$shell" -n || echo "$shell"
}
wait_ready() { for _ in $(seq 240); do ready "$1" && return 0; sleep 0.5; done; echo "node on $1 not ready"; return 1; }
node_a=$(start_node a "$port_a"); node_b=$(start_node b "$port_b")
wait_ready "$port_a" || { tail -30 "$out/a.log"; exit 1; }
wait_ready "$port_b" || { tail -30 "$out/b.log"; exit 1; }

# --- nginx on a third port, both nodes upstream (deploy/nginx/platform.conf with local addresses)
mkdir -p "$out/nginx/logs"
sed -e "s/platform-a:8080/127.0.0.1:$port_a/; s/platform-b:8080/127.0.0.1:$port_b/; s/listen 80;/listen 127.0.0.1:$port_n;/" \
  deploy/nginx/platform.conf > "$out/nginx/platform.conf"
cat > "$out/nginx/nginx.conf" <<NGX
pid $out/nginx/nginx.pid;
error_log $out/nginx/logs/error.log warn;
worker_processes 1;
events { worker_connections 1024; }
http {
  # The kind of request (?kind= of bench/multi-node.lua), what nginx answered, and what each node tried answered.
  log_format bench '\$arg_kind|\$status|\$upstream_status|\$upstream_addr';
  access_log $out/nginx/logs/access.log bench;
  client_body_temp_path $out/nginx/body; proxy_temp_path $out/nginx/proxy;
  fastcgi_temp_path $out/nginx/fastcgi; uwsgi_temp_path $out/nginx/uwsgi; scgi_temp_path $out/nginx/scgi;
  include $out/nginx/platform.conf;
}
NGX
"$nginx_bin" -t -q -p "$out/nginx" -c "$out/nginx/nginx.conf" || exit 1
"$nginx_bin" -p "$out/nginx" -c "$out/nginx/nginx.conf" || exit 1

A="http://127.0.0.1:$port_a"; B="http://127.0.0.1:$port_b"; N="http://127.0.0.1:$port_n"
failures=0
check() { # description, then a command that succeeds when the check holds
  local what=$1; shift
  if "$@"; then echo "  ok      $what"; else echo "  FAILED  $what"; failures=$((failures + 1)); fi
}
token_of() { # base host username [authenticator code]
  curl -s -H "Host: $2" -d client_id=portal -d grant_type=password -d "username=$3" -d 'password=Demo-2026!' \
    ${4:+-d authenticator_code=$4} "$1/connect/token" | jq -r '.access_token // empty'
}
gql() { # base host token json
  curl -s -H "Host: $2" -H "Content-Type: application/json" ${3:+-H "Authorization: Bearer $3"} --data-binary "$4" "$1/graphql"
}
totp() { /usr/bin/python3 - "$1" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1]); counter = struct.pack(">Q", int(time.time()) // 30)
h = hmac.new(key, counter, hashlib.sha1).digest(); o = h[-1] & 15
print(f"{(struct.unpack('>I', h[o:o + 4])[0] & 0x7fffffff) % 1000000:06d}")
PY
}

echo "Checks (node A $A, node B $B, nginx $N, PostgreSQL $pg_port, SMTP $smtp_port):"
# 1. A token from node A is accepted by node B.
token=$(token_of "$A" sstrn.localhost employer@sstrn.demo)
me_b=$(gql "$B" sstrn.localhost "$token" '{"query":"{ me { email } }"}' | jq -r '.data.me.email // empty')
check "a token issued by node A is accepted by node B" test "$me_b" = employer@sstrn.demo

# 2. A portal cookie from node A is accepted by node B.
jar="$out/cookies"
form=$(curl -s -c "$jar" -H "Host: sstrn.localhost" "$A/connexion")
af=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
curl -s -b "$jar" -D "$out/signin-headers" -o /dev/null -H "Host: sstrn.localhost" --data-urlencode "__RequestVerificationToken=$af" \
  --data-urlencode "Identifier=employer@sstrn.demo" --data-urlencode "Password=Demo-2026!" "$A/connexion"
cookie=$(grep -io 'set-cookie: platform.session=[^;]*' "$out/signin-headers" | sed 's/^[Ss]et-[Cc]ookie: //' | tail -1)
account_b=$(curl -s -o "$out/compte-b.html" -w '%{http_code}' -H "Host: sstrn.localhost" -H "Cookie: $cookie" "$B/compte")
check "a portal cookie issued by node A is accepted by node B" eval '[ "$account_b" = 200 ] && grep -q "employer@sstrn.demo" "$out/compte-b.html"'

# 3. An employee's NIR written through A is read back masked through B.
company=$(gql "$A" sstrn.localhost "$token" '{"query":"{ me { memberships { company { id memberNumber } } } }"}' \
  | jq -r '.data.me.memberships[] | select(.company.memberNumber=="101.1") | .company.id')
created=$(gql "$A" sstrn.localhost "$token" "$(jq -nc --arg c "$company" '{query: "mutation($i: CreateEmployeeInput!) { createEmployee(input: $i) { employee { id } errors { code } } }",
  variables: {i: {companyId: $c, civility: "Monsieur", firstName: "Jean", birthName: "Noeud", birthDate: "1985-05-12", ins: "N185057510812380", contract: "CDI", startDate: "2020-03-01"}}}')")
employee=$(jq -r '.data.createEmployee.employee.id // empty' <<<"$created")
masked=$(gql "$B" sstrn.localhost "$token" "$(jq -nc --arg e "$employee" '{query: "query($e: ID!) { employee(id: $e) { insMasked } }", variables: {e: $e}}')" | jq -r '.data.employee.insMasked // empty')
check "a NIR written through node A is read back masked through node B ($masked)" test "$masked" = "1 85 05 •• ••• ••• ••"

# 4. A rule changed through A shows through B within 5 s.
color_b() { gql "$B" sstrn.localhost "" '{"query":"{ tenant { theme { primaryColor } } }"}' | jq -r '.data.tenant.theme.primaryColor'; }
color_b >/dev/null
admin=$(token_of "$A" sstrn.localhost admin@sstrn.demo "$(totp JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP)")
changed=$(date +%s%N)
gql "$A" sstrn.localhost "$admin" '{"query":"mutation { updateTenantRules(input: { path: \"theme.primaryColor\", value: \"\\\"#224466\\\"\" }) { errors { code } } }"}' >/dev/null
elapsed_ms() { echo $(( ($(date +%s%N) - changed) / 1000000 )); }
while [ "$(color_b)" != "#224466" ] && [ "$(elapsed_ms)" -lt 10000 ]; do sleep 0.1; done
rule_ms=$(elapsed_ms)
check "a rule changed through node A applies on node B within 5 s ($rule_ms ms)" eval '[ "$(color_b)" = "#224466" ] && [ "$rule_ms" -lt 5000 ]'

# 5. An e-mailed sign-in code requested through A arrives once.
gql "$A" sist-on.localhost "" '{"query":"mutation { requestLoginCode(input: { email: \"employer@sist-on.demo\" }) { errors { code } } }"}' >/dev/null
for _ in $(seq 30); do [ "$(mails_to employer@sist-on.demo)" -ge 1 ] && break; sleep 0.5; done
sleep 6 # both nodes' delivery jobs have run several times since
check "a sign-in code requested through node A is e-mailed once ($(mails_to employer@sist-on.demo) received)" test "$(mails_to employer@sist-on.demo)" = 1

# --- Throughput: one node, then two through nginx ----------------------------------------------
export MULTI_NODE_TOKEN=$token MULTI_NODE_COMPANY=$company
load() { # base seconds counts-file phase (a word of the workstations' labels)
  MULTI_NODE_COUNTS=$3 MULTI_NODE_PHASE=$4 wrk -t2 -c"$connections" -d"$2s" --timeout 10s -s bench/multi-node.lua "$1" > "$3.wrk" 2>&1
}
get() { sed -n "s/^$1=//p" "$2"; }
access_lines() { wc -l < "$out/nginx/logs/access.log"; }
outcomes() { sort -rn "$1.outcomes" 2>/dev/null | sed 's/^/      /'; } # counts-file: answers by kind, HTTP status, error codes
through_nginx() { # first and last line of a phase in nginx's log: nginx's answers by kind, with what the nodes answered (a retry: « 502, 200 »)
  sed -n "$1,$2p" "$out/nginx/logs/access.log" | awk -F'|' '{ print ($1 == "" ? "other" : $1) " HTTP " $2 " (node: " $3 ")" }' \
    | sort | uniq -c | sort -rn | sed 's/^/      /'
}
load "$A" 15 "$out/one" UN
from_two=$(( $(access_lines) + 1 ))
load "$N" 15 "$out/two" DEUX
one_rps=$(get rps "$out/one"); two_rps=$(get rps "$out/two")

# --- Kill node A at 10 s, start it again at 20 s, under load through nginx ---------------------
# Node A also runs sstrn's billing of 2026 when it dies (started straight on A, the load started once its
# first batch of invoices is committed): the run is cut half-way, its open transaction rolled back by
# PostgreSQL; a one-off firing of sstrn's billing job, due while A is down, must finish it (on B, or on A
# restarted) without a hole or a double in the numbers. On a quiet machine, raise BILL_COMPANIES if the
# run ends before the kill (the check says so).
staff=$(token_of "$A" sstrn.localhost staff@sstrn.demo "$(totp JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP)")
run_invoices() { psql_ "SELECT count(*) FROM \"Invoices\" WHERE \"TenantId\" = 'sstrn' AND \"BillingKey\" = 'contribution:2026'"; }
run_done() { psql_ "SELECT count(*) FROM \"BillingRuns\" WHERE \"TenantId\" = 'sstrn' AND \"Kind\" = 'Contribution' AND \"Period\" = '2026' AND \"CompletedAt\" IS NOT NULL"; }
curl -s -o "$out/billing-a.json" -w '%{http_code}' -m 300 -H "Host: sstrn.localhost" -H "Content-Type: application/json" -H "Authorization: Bearer $staff" \
  --data-binary '{"query":"mutation { startBillingRun(input: { period: \"2026\" }) { run { issued } errors { code message } } }"}' \
  "$A/graphql" > "$out/billing-a.status" 2>/dev/null & billing_pid=$!
for _ in $(seq 300); do [ "$(run_invoices)" -gt 0 ] && break; sleep 0.2; done
from_kill=$(( $(access_lines) + 1 ))
load "$N" "$duration" "$out/kill" PANNE & load_pid=$!
sleep 10
kill -9 "$node_a"; killed_at=$(date +%s)
wait $billing_pid; billing_rc=$?
sleep 1
issued_at_kill=$(run_invoices)
billing_a="HTTP $(cat "$out/billing-a.status"), curl exit $billing_rc$( [ "$billing_rc" = 0 ] && echo ": $(head -c 200 "$out/billing-a.json")")"
# A job scheduled while A is down: a sign-in code (outbox delivery) through nginx.
# Another person than the first check's: a second code within the tenant's resend delay (60 s on sist-on) is not sent,
# by design, and on a quiet machine the window comes sooner than that.
codes_before=$(mails_to accountant@demo.fr)
gql "$N" sist-on.localhost "" '{"query":"mutation { requestLoginCode(input: { email: \"accountant@demo.fr\" }) { errors { code } } }"}' > "$out/code-in-window.json"
# A one-off job due 3 s after the kill, while node A is down (sstrn's billing job: it resumes the cut run): a
# trigger written into Quartz's tables as the scheduler writes one (a copy of the hourly trigger, due once). Each
# node logs the jobs it runs (Quartz's JobRunShell at Debug): the job must show once in both logs together.
due_ticks=$(( (killed_at + 3) * 10000000 + 621355968000000000 ))
psql_ "CREATE TEMP TABLE t AS SELECT * FROM qrtz_triggers WHERE trigger_name = 'billing-runs' AND trigger_group = 'sstrn';
  UPDATE t SET trigger_name = 'bench-once', next_fire_time = $due_ticks, start_time = $due_ticks, prev_fire_time = -1, trigger_state = 'WAITING';
  INSERT INTO qrtz_triggers SELECT * FROM t;
  CREATE TEMP TABLE s AS SELECT * FROM qrtz_simple_triggers WHERE trigger_name = 'billing-runs' AND trigger_group = 'sstrn';
  UPDATE s SET trigger_name = 'bench-once', repeat_count = 0, times_triggered = 0;
  INSERT INTO qrtz_simple_triggers SELECT * FROM s;" > "$out/job-insert.log" 2>&1 || cat "$out/job-insert.log"
job_runs_in() { cat "$@" | grep "Calling Execute" | grep -c "sstrn.billing-runs"; }
job_runs() { job_runs_in "$out/a.log" "$out/b.log"; }
a_down=$(ready "$port_a" && echo "no (still answering)" || echo yes)
while [ $(($(date +%s) - killed_at)) -lt 10 ]; do sleep 0.2; done
node_a=$(start_node a "$port_a")
wait $load_pid
wait_ready "$port_a" >/dev/null
sleep 8 # deliveries of the window done
# Quartz's scheduler threads look for new triggers at least every 30 s (idle wait): give the one-off job time,
# then time to finish the run.
for _ in $(seq 60); do [ "$(job_runs)" -ge 1 ] && break; sleep 1; done
for _ in $(seq 180); do [ "$(run_done)" = 1 ] && break; sleep 1; done
sleep 5 # a second run would show now

requests=$(get requests "$out/kill"); failed=$(( $(get failed "$out/kill") + $(get socket_errors "$out/kill") ))
refused_all=$(( $(get refused "$out/one") + $(get refused "$out/two") + $(get refused "$out/kill") ))
# Every write acknowledged (HTTP 200, a workstation, no error) in all three phases, looked up by its id.
cat "$out"/one.ids.* "$out"/two.ids.* "$out"/kill.ids.* 2>/dev/null > "$out/acknowledged"
acknowledged=$(grep -c . "$out/acknowledged")
lost=$({ echo 'CREATE TEMP TABLE acked (id uuid);'; echo 'COPY acked FROM STDIN;'; cat "$out/acknowledged"; echo '\.'
  echo 'SELECT count(*) FROM acked a WHERE NOT EXISTS (SELECT 1 FROM "Workstations" w WHERE w."Id" = a.id);'; } \
  | run_pg "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U "$pg_user" -d platform -tAq -v ON_ERROR_STOP=1 || echo "query failed")
stored=$(psql_ "SELECT count(*) FROM \"Workstations\" WHERE \"Label\" LIKE 'POSTE DE BANC %'")
gaps=$(psql_ "SELECT count(*) FROM (SELECT \"TenantId\", count(*) AS n, count(DISTINCT \"Sequence\") AS d, min(\"Sequence\") AS lo, max(\"Sequence\") AS hi FROM \"Invoices\" GROUP BY \"TenantId\") t WHERE n <> hi - lo + 1 OR n <> d OR lo <> 1")
per_tenant=$(psql_ "SELECT string_agg(\"TenantId\" || ' ' || n || ' (1..' || hi || ')', ', ' ORDER BY \"TenantId\") FROM (SELECT \"TenantId\", count(*) AS n, max(\"Sequence\") AS hi FROM \"Invoices\" GROUP BY \"TenantId\") t")
invoices=$(psql_ "SELECT count(*) FROM \"Invoices\"")
billed=$(run_invoices)
billed_companies=$(psql_ "SELECT count(DISTINCT \"CompanyId\") FROM \"Invoices\" WHERE \"TenantId\" = 'sstrn' AND \"BillingKey\" = 'contribution:2026'")
billed_twice=$(psql_ "SELECT count(*) FROM (SELECT \"CompanyId\" FROM \"Invoices\" WHERE \"TenantId\" = 'sstrn' AND \"BillingKey\" = 'contribution:2026' GROUP BY 1 HAVING count(*) > 1) t")
run_row=$(psql_ "SELECT 'issued ' || \"Issued\" || ', attempts ' || \"Attempts\" || ', completed ' || coalesce(to_char(\"CompletedAt\", 'HH24:MI:SS'), 'no') FROM \"BillingRuns\" WHERE \"TenantId\" = 'sstrn' AND \"Kind\" = 'Contribution' AND \"Period\" = '2026'")
runs_a=$(job_runs_in "$out/a.log"); runs_b=$(job_runs_in "$out/b.log")
echo "Under load through nginx, node A killed at 10 s (its dotnet process, SIGKILL; down: $a_down) and started again at 20 s:"
check "only requests in flight on node A failed ($failed of $requests failed)" test "$failed" -le "$connections"
check "no request answered with an error in any phase ($refused_all HTTP 200 answers with errors or a refused write)" test "$refused_all" = 0
check "every acknowledged write is in the database ($acknowledged acknowledged in the three phases, $lost lost; $stored stored)" \
  eval '[ "$lost" = 0 ] && [ "$acknowledged" -gt 0 ] && [ "$stored" -ge "$acknowledged" ]'
check "node A died in the middle of a billing run ($issued_at_kill of $bill_companies invoices issued before the kill; its request: $billing_a)" \
  eval '[ "$issued_at_kill" -gt 0 ] && [ "$issued_at_kill" -lt "$bill_companies" ]'
check "the cut run was finished: each company billed once ($billed invoices, $billed_companies of $bill_companies companies, $billed_twice billed twice; run: $run_row)" \
  eval '[ "$billed" = "$bill_companies" ] && [ "$billed_companies" = "$bill_companies" ] && [ "$billed_twice" = 0 ] && [ "$(run_done)" = 1 ]'
check "invoice numbers are gapless per tenant, no number twice ($invoices invoices: $per_tenant)" test "$gaps" = 0
window_codes=$(( $(mails_to accountant@demo.fr) - codes_before ))
check "a one-off job due while node A was down ran exactly once ($(job_runs) run(s): node A $runs_a, node B $runs_b)" test "$(job_runs)" = 1
check "a sign-in code requested while node A was down is e-mailed once ($window_codes received; $(jq -c '.data.requestLoginCode.errors' "$out/code-in-window.json"))" test "$window_codes" = 1

echo
echo "Answers by kind, HTTP status and error codes (wrk's view):"
for phase in one two kill; do echo "    $phase:"; outcomes "$out/$phase"; done
echo "  nginx's answers by kind (in brackets the nodes' answers: a request retried on the other node shows two):"
echo "    two:"; through_nginx "$from_two" "$((from_kill - 1))"
echo "    kill (and the window's other requests, « other »):"; through_nginx "$from_kill" '$'
echo "  nginx's errors (why a node did not answer):"
sed -E 's/^[0-9\/]+ [0-9:]+ \[[a-z]+\] [0-9#]+: (\*[0-9]+ )?//; s/, client: .*//' "$out/nginx/logs/error.log" | sort | uniq -c | sort -rn | sed 's/^/      /'
echo
echo "Figures ($(nproc) cores, ${connections} connections, wrk -t2; reads 90 %, writes 10 %):"
printf '  one node            %6s req/s   p99 %s ms\n' "$one_rps" "$(get p99_ms "$out/one")"
printf '  two nodes (nginx)   %6s req/s   p99 %s ms\n' "$two_rps" "$(get p99_ms "$out/two")"
printf '  node A killed       %6s req/s   %s requests, %s failed (non-2xx %s, socket errors %s); writes %s acknowledged, %s refused\n' \
  "$(get rps "$out/kill")" "$requests" "$failed" "$(get non_2xx "$out/kill")" "$(get socket_errors "$out/kill")" "$(get writes_ok "$out/kill")" "$(get refused "$out/kill")"
printf '  writes, all phases  %s acknowledged, %s lost, %s stored (%s more: in flight at the kill, or answered after wrk stopped counting)\n' \
  "$acknowledged" "$lost" "$stored" "$((stored - acknowledged))"
printf '  billing run         %s companies: %s invoices issued on node A before its kill, %s after (the job), %s in all, %s billed twice\n' \
  "$bill_companies" "$issued_at_kill" "$((billed - issued_at_kill))" "$billed" "$billed_twice"
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg); the whole script: $SECONDS s"
echo
[ "$failures" = 0 ] && echo "all checks passed" || echo "$failures check(s) failed"
exit $((failures > 0))
