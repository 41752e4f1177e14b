#!/usr/bin/env bash
# Benchmark of issue 4, printed, not asserted:
#  1. import of 10,000 employee lines through GraphQL importEmployees (target < 5 s);
#  2. the employee list, pages of 50 walked through a company of 10,000 employees, on a database
#     holding only them, then on one holding 1,000,000 employees across the four tenants
#     (targets: p95 < 20 ms, and the large database's p95 within 1.2 x the small one's).
#   bash bench/employee-list.sh [passes over the 200 pages, default 3]
# Release host (Staging: development token keys), SQLite file (the embedded default), real HTTP with the demo employer's token.
set -euo pipefail
cd "$(dirname "$0")/.."
passes=${1:-3}
port=${BENCH_PORT:-5098}
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }
command -v jq >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

out=$(mktemp -d /tmp/platform-bench.XXXXXX)
host_pid=
stop_host() { [ -n "$host_pid" ] && kill "$host_pid" 2>/dev/null && wait "$host_pid" 2>/dev/null; host_pid=; }
trap 'stop_host; rm -rf "$out"' EXIT
dotnet build src/Platform.Host -c Release --nologo -v q -clp:ErrorsOnly

start_host() { # data directory
  PLATFORM_DATA_DIR="$1" ASPNETCORE_ENVIRONMENT=Staging ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Platform__AllowLocalhostHosts=true Database__MigrateAtStartup=true DemoData__SeedAtStartup=true \
    Serilog__MinimumLevel__Default=Warning RateLimits__SignInPerAccountPer5Minutes=100000 \
    RateLimits__GraphQLPerIpPerMinute=100000000 RateLimits__GraphQLPerAccountPerMinute=100000000 \
    dotnet src/Platform.Host/bin/Release/net10.0/Platform.Host.dll > "$out/host.log" 2>&1 &
  host_pid=$!
  for _ in $(seq 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && return; sleep 0.5; done
  echo "host did not start"; cat "$out/host.log"; exit 1
}

gql() { # token, json body
  curl -sf -H "Host: sstrn.localhost" -H "Content-Type: application/json" -H "Authorization: Bearer $1" --data-binary @- "http://127.0.0.1:$port/graphql"
}

token() {
  curl -sf -H "Host: sstrn.localhost" -d client_id=portal -d grant_type=password -d username=employer@sstrn.demo -d password='Demo-2026!' \
    "http://127.0.0.1:$port/connect/token" | jq -r .access_token
}

# --- the small database: demo data, one workstation, 10,000 employees imported through the API ----------
small="$out/small"; mkdir -p "$small"
start_host "$small"
tok=$(token)
company=$(echo '{"query":"{ me { memberships { company { id memberNumber } } } }"}' | gql "$tok" | jq -r '.data.me.memberships[] | select(.company.memberNumber=="101.1") | .company.id')
echo "{\"query\":\"mutation(\$i: CreateWorkstationInput!) { createWorkstation(input: \$i) { errors { code } } }\",\"variables\":{\"i\":{\"companyId\":\"$company\",\"label\":\"Manutentionnaire\",\"cspCode\":\"676a\",\"risks\":[]}}}" | gql "$tok" >/dev/null

python3 - "$out/import.csv" <<'PY'
import sys, random
random.seed(4)
first = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules", "Inès", "Arthur", "Manon", "Nathan"]
last = ["MARTIN", "BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND", "LEROY", "MOREAU", "SIMON", "LAURENT"]
def letters(i):  # names take letters only: 0 -> A, 25 -> Z, 26 -> BA…
    word = ""
    while True:
        word = chr(65 + i % 26) + word
        i //= 26
        if i == 0: return word
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("Civilite(Madame/Monsieur);Prenom;Nom de naissance;Nom marital;Date de naissance;INS (N suivi du numéro);Date entree;Date sortie;Code CSP du type de poste;Libelle du type de poste;Libelle du type de contrat\n")
    for i in range(10000):
        civ = "Madame" if i % 2 else "Monsieur"
        f.write(f"{civ};{random.choice(first)};{random.choice(last)}-{letters(i)};;{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 40};;01/{1 + i % 12:02d}/2020;;676a;MANUTENTIONNAIRE;CDI\n")
PY
jq -Rs --arg c "$company" '{query: "mutation($i: CsvImportInput!) { importEmployees(input: $i) { imported errors { line message } } }", variables: {i: {companyId: $c, csv: .}}}' "$out/import.csv" > "$out/import.json"
start_ns=$(date +%s%N)
gql "$tok" < "$out/import.json" > "$out/import-result.json"
import_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
imported=$(jq -r '.data.importEmployees.imported' "$out/import-result.json")
[ "$imported" = 10000 ] || { echo "import failed:"; head -c 1500 "$out/import-result.json"; echo; exit 1; }
echo "import of 10,000 lines: $imported imported in $import_ms ms (target < 5000 ms)"

walk() { # label: walks the 200 pages $passes times, one request at a time, and prints p50/p95/p99
  local label=$1 times="$out/$1.times"
  : > "$times"
  for pass in $(seq "$passes"); do
    local after=null
    while :; do
      local body
      body=$(jq -nc --arg c "$company" --argjson a "$after" '{query: "query($c: ID!, $a: String) { company(id: $c) { employees(first: 50, after: $a) { totalCount pageInfo { hasNextPage endCursor } edges { node { id firstName birthName startDate endDate validated currentWorkstation { label followUp } } } } } }", variables: {c: $c, a: $a}}')
      local result
      result=$(curl -s -o "$out/page.json" -w '%{time_total}' -H "Host: sstrn.localhost" -H "Content-Type: application/json" -H "Authorization: Bearer $tok" --data "$body" "http://127.0.0.1:$port/graphql")
      [ "$pass" -gt 0 ] && echo "$result" >> "$times"
      [ "$(jq -r '.data.company.employees.edges | length' "$out/page.json")" = 50 ] || { echo "unexpected page:"; head -c 500 "$out/page.json"; exit 1; }
      [ "$(jq -r '.data.company.employees.pageInfo.hasNextPage' "$out/page.json")" = true ] || break
      after=$(jq '.data.company.employees.pageInfo.endCursor' "$out/page.json")
    done
  done
  sort -n "$times" | awk -v label="$label" '{ v[NR] = $1 * 1000 } END {
    printf "%-28s %5d pages   p50 %6.2f ms   p95 %6.2f ms   p99 %6.2f ms\n", label, NR, v[int(NR * .50)], v[int(NR * .95)], v[int(NR * .99)] }'
  sort -n "$times" | awk '{ v[NR] = $1 * 1000 } END { print v[int(NR * .95)] }' > "$out/$label.p95"
}

walk "10,000 employees in all" >/dev/null   # warm-up
walk "10,000 employees in all"
stop_host

# --- the large database: the same file plus 990,000 employees of 400 other companies, four tenants ------
sqlite3 "$small/platform.db" <<'SQL'
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 399)
INSERT INTO Companies (Id, TenantId, MemberNumber, Siret, Name, CreatedAt)
SELECT printf('B0000000-0000-7000-8000-%012X', i), (CASE i % 4 WHEN 0 THEN 'sst68' WHEN 1 THEN 'sstrn' WHEN 2 THEN 'sist-on' ELSE 'sstbtp-bfc' END),
       printf('B%05d', i), '73282932000074', printf('Entreprise de charge %d', i), '2026-01-01 00:00:00+00:00' FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 989999)
INSERT INTO Employees (Id, TenantId, CompanyId, Civility, FirstName, BirthName, BirthDate, Contract, StartDate, CreatedAt, SortName)
SELECT printf('E0000000-0000-7000-8000-%012X', i), (CASE (i / 2475) % 4 WHEN 0 THEN 'sst68' WHEN 1 THEN 'sstrn' WHEN 2 THEN 'sist-on' ELSE 'sstbtp-bfc' END),
       printf('B0000000-0000-7000-8000-%012X', i / 2475), (CASE i % 2 WHEN 0 THEN 'Madame' ELSE 'Monsieur' END), printf('Prénom%d', i),
       printf('NOM%07d', (i * 7919) % 989999), '1980-01-01', 'CDI', '2020-01-01', '2026-01-01 00:00:00+00:00', printf('NOM%07d PRENOM%d', (i * 7919) % 989999, i)
FROM n;
COMMIT;
ANALYZE;
SQL
echo "employees in the database now: $(sqlite3 "$small/platform.db" 'SELECT count(*) FROM Employees')"
start_host "$small"
tok=$(token)
walk "1,000,000 employees in all" >/dev/null   # warm-up
walk "1,000,000 employees in all"
awk -v big="$(cat "$out/1,000,000 employees in all.p95")" -v small="$(cat "$out/10,000 employees in all.p95")" 'BEGIN {
  printf "p95 1,000,000 / 10,000 = %.2f (target <= 1.2); p95 %.2f ms (target < 20 ms): %s\n", big / small, big, (big < 20 && big / small <= 1.2 ? "met" : "NOT met") }'
