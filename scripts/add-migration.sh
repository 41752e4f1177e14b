#!/usr/bin/env bash
# Adds one migration, with the same name, to each provider's migrations folder:
#   scripts/add-migration.sh AddEmployees
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Platform.Host -v q -nologo >/dev/null
for provider in Sqlite SqlServer Postgres; do
  echo "== $provider"
  dotnet ef migrations add "$name" --no-build \
    --project src/Platform.Features --startup-project src/Platform.Host \
    --context "${provider}PlatformDbContext" \
    --output-dir "Persistence/Migrations/$provider"
done
