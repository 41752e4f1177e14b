#!/usr/bin/env bash
# Creates the certificates every node shares (self-signed, for a trial or a staging stack): token
# signing and encryption, and the data-protection certificate that encrypts the key ring. A real
# deployment uses its own and keeps them apart from the data volumes (README, « Running »).
#   deploy/make-certificates.sh [directory] [password]     (default: deploy/secrets, « change-me »)
set -euo pipefail
dir=${1:-"$(dirname "$0")/secrets"}
password=${2:-change-me}
mkdir -p "$dir"
for name in signing encryption data-protection; do
  [[ -f "$dir/$name.pfx" ]] && continue
  openssl req -x509 -newkey rsa:2048 -nodes -days 730 -subj "/CN=platform-$name" \
    -keyout "$dir/$name.key" -out "$dir/$name.crt" 2>/dev/null
  openssl pkcs12 -export -inkey "$dir/$name.key" -in "$dir/$name.crt" -out "$dir/$name.pfx" -passout "pass:$password"
  rm -f "$dir/$name.key"
  echo "$dir/$name.pfx"
done
