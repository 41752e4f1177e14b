#!/usr/bin/env bash
# Benchmark of issue 11, printed, not asserted: the nightly due-visit refresh over N employees across
# the four tenants (default 1,000,000; target: under 60 s in all).
#   bash bench/due-visits.sh [employees, default 1000000]
# Release build, SQLite file (the embedded default). The database gets 400 companies (100 per tenant),
# one workstation each (a quarter with night work, a tenth SIR with asbestos), the employees spread over
# them with birth and hiring dates over 40 years, a declared situation for 7 % of them (RQTH one in 20, pregnancy
# one in 50: adapted follow-up), and a past VIP for two employees out of three. The host's
# refresh-due-visits command then runs every tenant's night twice: the first stores who is due, the
# second (the same night again) finds nothing to change.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
command -v sqlite3 >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlite3 >/dev/null; }

out=$(mktemp -d /tmp/platform-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT
dotnet build src/Platform.Host -c Release --nologo -v q -clp:ErrorsOnly
host() { PLATFORM_DATA_DIR="$out" ASPNETCORE_ENVIRONMENT=Staging Platform__AllowLocalhostHosts=true Serilog__MinimumLevel__Default=Warning \
  Email__Transport=Files dotnet src/Platform.Host/bin/Release/net10.0/Platform.Host.dll "$@"; }
host seed-demo >/dev/null

per_company=$(( (n + 399) / 400 ))
sqlite3 "$out/platform.db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 399)
INSERT INTO Companies (Id, TenantId, MemberNumber, Siret, Name, CreatedAt)
SELECT printf('B0000000-0000-7000-8000-%012X', i), (CASE i % 4 WHEN 0 THEN 'sst68' WHEN 1 THEN 'sstrn' WHEN 2 THEN 'sist-on' ELSE 'sstbtp-bfc' END),
       printf('B%05d', i), '73282932000074', printf('Entreprise de charge %d', i), '2026-01-01 00:00:00+00:00' FROM c;
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 399)
INSERT INTO Workstations (Id, TenantId, CompanyId, Label, CspCode, Risks, CacesCategories, CreatedAt)
SELECT printf('C0000000-0000-7000-8000-%012X', i), (CASE i % 4 WHEN 0 THEN 'sst68' WHEN 1 THEN 'sstrn' WHEN 2 THEN 'sist-on' ELSE 'sstbtp-bfc' END),
       printf('B0000000-0000-7000-8000-%012X', i), 'Poste de charge', '676a',
       (CASE WHEN i % 10 = 3 THEN '["Asbestos"]' WHEN i % 4 = 1 THEN '["NightWork"]' ELSE '[]' END), '[]', '2026-01-01 00:00:00+00:00' FROM c;
WITH RECURSIVE e(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM e WHERE i < $n - 1)
INSERT INTO Employees (Id, TenantId, CompanyId, Civility, FirstName, BirthName, BirthDate, Contract, StartDate, CreatedAt, SortName, CurrentWorkstationId, Situations)
SELECT printf('E0000000-0000-7000-8000-%012X', i), (CASE (i / $per_company) % 4 WHEN 0 THEN 'sst68' WHEN 1 THEN 'sstrn' WHEN 2 THEN 'sist-on' ELSE 'sstbtp-bfc' END),
       printf('B0000000-0000-7000-8000-%012X', i / $per_company), (CASE i % 2 WHEN 0 THEN 'Madame' ELSE 'Monsieur' END), printf('Prénom%d', i),
       printf('NOM%07d', i), date('1960-01-01', '+' || (i * 7 % 14600) || ' days'),
       (CASE WHEN i % 50 = 0 THEN 'Apprentissage' ELSE 'CDI' END), date('2000-01-01', '+' || (i * 13 % 9600) || ' days'),
       '2026-01-01 00:00:00+00:00', printf('NOM%07d PRENOM%d', i, i), printf('C0000000-0000-7000-8000-%012X', i / $per_company),
       (CASE WHEN i % 20 = 7 THEN 1 WHEN i % 50 = 11 THEN 4 ELSE 0 END)
FROM e;
INSERT INTO HeldVisits (Id, TenantId, CompanyId, EmployeeId, Kind, HeldOn, Source, RecordedAt)
SELECT 'F' || substr(Id, 2), TenantId, CompanyId, Id, 'Vip', date('2021-01-01', '+' || (abs(random()) % 2000) || ' days'), 'history', '2026-01-01 00:00:00+00:00'
FROM Employees WHERE Id LIKE 'E0000000%' AND rowid % 3 <> 0;
COMMIT;
ANALYZE;
SQL
echo "employees: $(sqlite3 "$out/platform.db" 'SELECT count(*) FROM Employees'), past visits: $(sqlite3 "$out/platform.db" 'SELECT count(*) FROM HeldVisits')"
echo "--- first night (stores who is due)"
host refresh-due-visits | grep -v '^\['
echo "--- the same night again (nothing to change, nothing sent)"
host refresh-due-visits | grep -v '^\['
echo "stored due visits: $(sqlite3 "$out/platform.db" 'SELECT count(*) FROM DueVisitEntries'), requests created (sist-on): $(sqlite3 "$out/platform.db" 'SELECT count(*) FROM VisitRequests')"
