#!/usr/bin/env bash
# Host CPU per request of two builds of the host, side by side, measured alternately (issue 9): on a
# shared, busy machine req/s are noise, the CPU time the host process spent per answered request is not.
#   bash bench/cpu-per-request.sh OLD_BIN_DIR NEW_BIN_DIR [seconds per run, default 10] [rounds, default 2]
# Each directory holds a Release build of src/Platform.Host (copy bin/Release/net10.0 before and after a
# change). Both hosts get the demo data and 2,000 employees (as bench/signed-in.sh); then, per round,
# anonymous `tenant`, bearer `me`, the GraphQL page of 50 and the portal page of 50 (KINDS to choose),
# wrk 1 thread 8 connections; KINDS may add `idle` (background CPU with no request). Prints requests, CPU µs per request, req/s, p99 and the load average.
set -uo pipefail
old_bin=$1; new_bin=$2; duration=${3:-10}; rounds=${4:-2}
work=$(mktemp -d /tmp/platform-cpu.XXXXXX)
python3 - "$work/import.csv" <<'PY2'
import sys
first = ["Camille", "Lucas", "Léa", "Hugo", "Chloé", "Louis", "Emma", "Jules"]
def letters(i):
    word = ""
    while True:
        word = chr(65 + i % 26) + word
        i //= 26
        if i == 0: return word
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("Civilite(Madame/Monsieur);Prenom;Nom de naissance;Nom marital;Date de naissance;INS (N suivi du numéro);Date entree;Date sortie;Code CSP du type de poste;Libelle du type de poste;Libelle du type de contrat\n")
    for i in range(2000):
        f.write(f"{'Madame' if i % 2 else 'Monsieur'};{first[i % 8]};NOM-{letters(i)};;{1 + i % 28:02d}/{1 + i % 12:02d}/{1960 + i % 40};;01/{1 + i % 12:02d}/2020;;676a;MANUTENTIONNAIRE;CDI\n")
PY2
host=sstrn.localhost
declare -A pid port tok company cookie
start() { # name bin port
  local n=$1 bin=$2 p=$3
  port[$n]=$p
  PLATFORM_DATA_DIR="$work/$n-data" ASPNETCORE_ENVIRONMENT=Staging ASPNETCORE_URLS="http://127.0.0.1:$p" \
  Platform__AllowLocalhostHosts=true Database__MigrateAtStartup=true DemoData__SeedAtStartup=true \
  Serilog__MinimumLevel__Default=Warning RateLimits__SignInPerAccountPer5Minutes=100000 \
  RateLimits__GraphQLPerIpPerMinute=1000000000 RateLimits__GraphQLPerAccountPerMinute=1000000000 \
  dotnet $bin/Platform.Host.dll > "$work/$n.log" 2>&1 &
  pid[$n]=$!
}
base() { echo "http://127.0.0.1:${port[$1]}"; }
gql() { curl -sf -H "Host: $host" -H "Content-Type: application/json" -H "Authorization: Bearer $2" --data-binary @- "$(base $1)/graphql"; }
prepare() { local n=$1 b; b=$(base $n)
  for _ in $(seq 240); do curl -sf "$b/health" >/dev/null && break; sleep 0.5; done
  tok[$n]=$(curl -sf -H "Host: $host" -d client_id=portal -d grant_type=password -d username=employer@sstrn.demo -d password='Demo-2026!' "$b/connect/token" | jq -r .access_token)
  company[$n]=$(echo '{"query":"{ me { memberships { company { id memberNumber } } } }"}' | gql $n "${tok[$n]}" | jq -r '.data.me.memberships[] | select(.company.memberNumber=="101.1") | .company.id')
  echo "{\"query\":\"mutation(\$i: CreateWorkstationInput!) { createWorkstation(input: \$i) { errors { code } } }\",\"variables\":{\"i\":{\"companyId\":\"${company[$n]}\",\"label\":\"Manutentionnaire\",\"cspCode\":\"676a\",\"risks\":[]}}}" | gql $n "${tok[$n]}" >/dev/null
  jq -Rs --arg c "${company[$n]}" '{query: "mutation($i: CsvImportInput!) { importEmployees(input: $i) { imported } }", variables: {i: {companyId: $c, csv: .}}}' $work/import.csv | gql $n "${tok[$n]}" | jq -c .data
  jq -nc --arg c "${company[$n]}" '{query: "query($c: ID!, $n: Int) { company(id: $c) { employees(first: $n) { totalCount pageInfo { hasNextPage endCursor } edges { node { id firstName birthName startDate endDate validated currentWorkstation { label followUp } } } } } }", variables: {c: $c, n: 50}}' > $work/$n-page.json
  lua $work/$n-page.lua "$(cat $work/$n-page.json)" "${tok[$n]}"
  lua $work/$n-me.lua '{"query":"{ me { email } }"}' "${tok[$n]}"
  lua $work/$n-anon.lua '{"query":"{ tenant { slug } }"}'
}
lua() { jq -rn --arg body "$2" --arg token "${3:-}" '"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n" + (if $token == "" then "" else "wrk.headers[\"Authorization\"] = \"Bearer \($token)\"\n" end) + "wrk.body = \($body | tojson)"' > "$1"; }
sign_in() { local n=$1 b jar=$work/jar form af; b=$(base $n); rm -f $jar
  form=$(curl -sf -c "$jar" -H "Host: $host" "$b/connexion")
  af=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$form" | sed 's/.*value="//; s/"$//')
  curl -sf -b "$jar" -c "$jar" -D "$work/h" -H "Host: $host" -o /dev/null --data-urlencode "__RequestVerificationToken=$af" --data-urlencode "Identifier=employer@sstrn.demo" --data-urlencode "Password=Demo-2026!" "$b/connexion"
  cookie[$n]=$(grep -io 'set-cookie: platform.session=[^;]*' "$work/h" | sed 's/^[Ss]et-[Cc]ookie: //' | tail -1)
}
fresh() { local n=$1 b; b=$(base $n)
  tok[$n]=$(curl -sf -H "Host: $host" -d client_id=portal -d grant_type=password -d username=employer@sstrn.demo -d password='Demo-2026!' "$b/connect/token" | jq -r .access_token)
  lua $work/$n-page.lua "$(cat $work/$n-page.json)" "${tok[$n]}"
  lua $work/$n-me.lua '{"query":"{ me { email } }"}' "${tok[$n]}"
}
ticks() { awk '{print $14+$15}' /proc/${pid[$1]}/stat; }
run() { # name kind
  local n=$1 kind=$2 b; b=$(base $n); local args
  if [ "$kind" = idle ]; then # the host's own background CPU (timers, jobs, the JIT's tiering), to weigh slow runs by
    local i0 i1; i0=$(ticks $n); sleep "$duration"; i1=$(ticks $n)
    printf '%-4s %-7s %8.1f ms CPU per second with no request  load %s\n' $n idle "$(echo "($i1-$i0)*10/$duration" | bc -l)" "$(cut -d' ' -f1 /proc/loadavg)"
    return
  fi
  case $kind in
    anon) args=(-s $work/$n-anon.lua "$b/graphql");;
    me) fresh $n; args=(-s $work/$n-me.lua "$b/graphql");;
    page) fresh $n; args=(-s $work/$n-page.lua "$b/graphql");;
    portal) sign_in $n; args=(-H "Cookie: ${cookie[$n]}" "$b/entreprises/${company[$n]}/salaries");;
  esac
  wrk -t1 -c8 -d2s -H "Host: $host" "${args[@]}" >/dev/null
  local t0; t0=$(ticks $n)
  wrk -t1 -c8 -d${duration}s --latency -H "Host: $host" "${args[@]}" > $work/out.txt
  local t1; t1=$(ticks $n)
  local req; req=$(awk '/requests in/ {print $1}' $work/out.txt)
  grep -q Non-2xx $work/out.txt && echo "NON-2XX $n $kind"
  printf '%-4s %-7s %7s req  %8.0f us CPU/req  %s req/s  p99 %s  load %s\n' $n $kind $req "$(echo "($t1-$t0)*10000/$req" | bc -l)" \
    "$(awk '/^Requests\/sec/ {print $2}' $work/out.txt)" "$(awk '$1=="99%" {print $2}' $work/out.txt)" "$(cut -d' ' -f1 /proc/loadavg)"
}
trap 'kill ${pid[old]} ${pid[new]} 2>/dev/null; rm -rf "$work"' EXIT
start old $old_bin ${OLD_PORT:-5181}; start new $new_bin ${NEW_PORT:-5182}
prepare old; prepare new
for r in $(seq $rounds); do
  for kind in ${KINDS:-anon me page portal}; do run old $kind; run new $kind; done
done
