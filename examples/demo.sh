#!/usr/bin/env bash
# A walk through the service standard with a throwaway store: the health
# agency (Dinas Kesehatan) asks for hosting of its SIMPUS application and the
# request goes through all nine steps.  Usage: examples/demo.sh [HOSTINGCTL]
set -euo pipefail
HC=${1:-hostingctl}
HC=$(command -v "$HC" || echo "$HC")
STORE=$(mktemp -d "${TMPDIR:-/tmp}/hostingctl-demo.XXXXXX")
rmdir "$STORE"
export HOSTINGCTL_STORE=$STORE
ME=$(id -un)

# Headings in bold on a terminal only, like hostingctl's own colours.
if [[ -t 1 && -z ${NO_COLOR:-} ]]; then
    step() { printf '\n\033[1m## %s\033[0m\n' "$*"; }
else
    step() { printf '\n## %s\n' "$*"; }
fi
run() { printf '$ hostingctl %s\n' "$*"; "$HC" "$@"; }

step "Set up the office: a store, the people and the agency"
run init "$STORE"
# The technical officer runs the service and is the store's first admin.
run staff add budi --name "Budi Santoso, A.Md." --nip 199001012015031001 \
    --title "Pranata Komputer" --role petugas_teknis --role admin --unix-user "$ME"
run staff add kadis --name "Dr. Hj. Sri Wahyuni, M.Si." --nip 197001011990032001 \
    --title "Kepala Dinas" --role kepala_dinas
run staff add kabid --name "Ir. Agus Prasetyo" --nip 197505052000031002 \
    --title "Kepala Bidang Infrastruktur dan Statistik" --role kepala_bidang
run agency add dinkes --name "Dinas Kesehatan" --head "dr. Slamet Budiyanto, M.Kes." \
    --email dinkes@pekalongankota.go.id

step "1. The agency's letter arrives and is recorded"
ID=$("$HC" --json request new --agency dinkes --letter-number 400.7/123/Dinkes/2026 \
      --letter-date "$(date +%F)" --subject "Permohonan hosting aplikasi SIMPUS" \
      --domain simpus --app php --php 8.2 --database yes --quota 2G \
      --contact-name "Rina" --contact-phone "0852 2683 3647" | sed -n 's/^  "id": "\(.*\)",$/\1/p')
printf '$ hostingctl request new --agency dinkes ... --domain simpus --app php\n'
"$HC" request show "$ID"

step "2. The Head of Office writes the disposition"
run request dispose "$ID" --by kadis --note "Proses sesuai ketentuan"
step "3. The Head of Division forwards it to a technical officer"
run request assign "$ID" --by kabid --officer budi
step "4. The officer verifies the documents (--by defaults to the login's staff member)"
run request verify "$ID" --complete
step "5. The officer prepares the domain and the server, and reports"
run request provision "$ID" --manual --server web01 --note "vhost and A record created"
run request submit "$ID"
step "6. The Head of Division asks for approval"
run request forward "$ID" --by kabid
step "7. The Head of Office approves the hosting document"
run request approve "$ID" --by kadis
step "8. The access-rights document goes to the agency"
run request deliver "$ID" --via email
step "9. The agency has access: done"
run request complete "$ID"

step "The record"
run request show "$ID"
run request log "$ID"
run request list
step "A step out of order is refused"
run request approve "$ID" --by kadis || true

printf '\nThe demo store is in %s (remove it with: rm -rf %s)\n' "$STORE" "$STORE"
