#!/usr/bin/env bash
# Benchmark of issue 12, printed, not asserted: the annual billing run for 100,000 companies across the
# four tenants (target < 60 s) and its rerun; 1,000 invoice PDFs one after another (target p95 < 50 ms).
# Release build, SQLite file (the embedded default), in-process services (no HTTP in the way).
#   bash bench/billing-run.sh [companies, default 100000]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/BillingBench -- "${1:-100000}"
