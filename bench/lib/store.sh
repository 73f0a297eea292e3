# shellcheck shell=bash disable=SC2034  # the variables are for the sourcing scripts
# The generated request store shared by the benchmark scripts in bench/
# (sourced after bench/lib/common.sh, not run): a store made with
# `hostingctl init`, six staff and ten agencies added through the CLI, and
# request files written directly by an awk generator in exactly the format
# encode_request writes, then checked against hostingctl.
#
# Uses BIN, hc, STORE and TMP from bench_setup.  Knob:
#   BENCH_REQUESTS=N      number of request files (default 10000)

N=${BENCH_REQUESTS:-10000}
ZONE=pekalongankota.go.id
# The five years before the current one: every generated event lies in the
# past, so hostingctl accepts a new step on any of the requests.
THIS_YEAR=$(date +%Y)
YEARS=$(seq -s ' ' $((THIS_YEAR - 5)) $((THIS_YEAR - 1)))

# Date arithmetic for awk programs (office time is UTC+7, no DST): days since
# 1970-01-01 from a civil date and back, and an ISO 8601 time from an epoch.
AWK_DATES='
function days_from_civil(y, m, d,   era, yoe, doy, doe) {
    y -= (m <= 2); era = int(y / 400); yoe = y - era * 400
    doy = int((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    return era * 146097 + doe - 719468
}
function iso_date(days,   z, era, doe, yoe, y, doy, mp, d, m) {
    z = days + 719468; era = int(z / 146097); doe = z - era * 146097
    yoe = int((doe - int(doe / 1460) + int(doe / 36524) - int(doe / 146096)) / 365)
    y = yoe + era * 400; doy = doe - (365 * yoe + int(yoe / 4) - int(yoe / 100))
    mp = int((5 * doy + 2) / 153); d = doy - int((153 * mp + 2) / 5) + 1
    m = mp < 10 ? mp + 3 : mp - 9
    return sprintf("%04d-%02d-%02d", y + (m <= 2), m, d)
}
function iso_time(epoch,   local, days, s) {
    local = epoch + 25200; days = int(local / 86400); s = local - days * 86400
    return iso_date(days) sprintf("T%02d:%02d:%02d+07:00", int(s / 3600), int(s / 60) % 60, s % 60)
}
'

# make_store: creates $STORE with its staff and agencies, then writes N request
# files received on working days of YEARS.  Sets BYTES (their total size) and
# writes the manifest $TMP/manifest: "id status events received_at", one line
# per request in the order of the ids (and of the day of receipt).
make_store() {
    say "creating a store in $STORE ..."
    hc init >/dev/null
    # The shipped calendar confirms 2026 only.  An office that has run
    # hostingctl for years has confirmed each year's holidays, and the checks
    # below want listings without warnings: confirm the generated years, this
    # one and the next (the due times of open requests).
    local confirmed
    confirmed=$(seq -s ', ' $((THIS_YEAR - 5)) $((THIS_YEAR + 1)))
    sed -i "s/^confirmed_years: .*/confirmed_years: [$confirmed]/" "$STORE/calendar.yaml"
    grep -q "^confirmed_years: \[$confirmed\]$" "$STORE/calendar.yaml" ||
        die "could not confirm the years $confirmed in calendar.yaml"
    # The first staff member is the admin who adds the rest: the user
    # running the benchmark.
    hc staff add dewi --name "Dewi Anggraini" --role admin --unix-user "$(id -un)" >/dev/null
    hc staff add hartono --name "Drs. Hartono, M.Si." --title "Kepala Dinas" \
        --role kepala_dinas --unix-user hartono >/dev/null
    hc staff add wulan --name "Wulan Sari, S.Kom." --title "Kepala Bidang INS" \
        --role kepala_bidang --unix-user wulan >/dev/null
    hc staff add andi --name "Andi Prasetyo" --role petugas_teknis --unix-user andi >/dev/null
    hc staff add sari --name "Sari Lestari" --role petugas_teknis --unix-user sari >/dev/null
    hc staff add rudi --name "Rudi Hermawan" --role petugas_teknis --unix-user rudi >/dev/null
    local agencies=(
        "dinkes|Dinas Kesehatan"
        "disdik|Dinas Pendidikan"
        "dpmptsp|Dinas Penanaman Modal dan PTSP"
        "bappeda|Badan Perencanaan Pembangunan Daerah"
        "bpkad|Badan Pengelolaan Keuangan dan Aset Daerah"
        "dukcapil|Dinas Kependudukan dan Pencatatan Sipil"
        "dishub|Dinas Perhubungan"
        "dinsos|Dinas Sosial"
        "setda|Sekretariat Daerah"
        "rsud|RSUD Bendan"
    )
    local a y codes=()
    for a in "${agencies[@]}"; do
        hc agency add "${a%%|*}" --name "${a#*|}" >/dev/null
        codes+=("${a%%|*}")
    done

    say "generating $N request files ..."
    for y in $YEARS; do mkdir -p "$STORE/requests/$y"; done
    local gen_start gen_end files
    gen_start=${EPOCHREALTIME/[.,]/}
    # Writes request files byte for byte as encode_request does (verify_store
    # checks it) and the manifest outside the store.
    awk -v n="$N" -v dir="$STORE/requests" -v zone="$ZONE" -v years="$YEARS" \
        -v agencies="${codes[*]}" -v manifest="$TMP/manifest" "$AWK_DATES"'
    function pick(arr, cnt) { return arr[1 + int(rand() * cnt)] }
    function insert(pos, action,   j) {   # into act[1..k] before pos
        for (j = k; j >= pos; j--) act[j + 1] = act[j]
        act[pos] = action; k++
    }
    function prefix(p,   j) { k = 0; for (j = 1; j <= p; j++) act[++k] = main[j] }
    # The actions leading to status st, 1 to 10 events.
    function actions(st,   p, j) {
        if (st in mainpos) prefix(mainpos[st])
        else if (st == "incomplete") {
            prefix(3); act[++k] = "incomplete"
            if (rand() < 0.2) { act[++k] = "resume"; act[++k] = "incomplete" }
        } else if (st == "rejected") { prefix(1 + int(rand() * 7)); act[++k] = "reject" }
        else { prefix(1 + int(rand() * 8)); act[++k] = "cancel" }
        # Detours: documents missing then resumed, a reassignment, remarks.
        if (k >= 3 && act[3] == "assign" && k <= 8 && st != "incomplete" && rand() < 0.15) {
            insert(4, "incomplete"); insert(5, "resume")
        }
        if (k >= 3 && act[3] == "assign" && k <= 9 && rand() < 0.05) insert(4, "assign")
        while (k < 10 && rand() < 0.3) insert(2 + int(rand() * k), "note")
    }
    function event(action, at, by, rec, note, dk1, dv1, dk2, dv2) {
        ev = ev "  - action: " action "\n    at: " iso_time(at) "\n    by: " by "\n    recorded_by: " rec "\n"
        if (note != "") ev = ev "    note: \"" note "\"\n"
        if (dk1 != "") {
            ev = ev "    data:\n      " dk1 ": \"" dv1 "\"\n"
            if (dk2 != "") ev = ev "      " dk2 ": \"" dv2 "\"\n"
        }
    }
    function remark() { return rand() < 0.2 ? pick(notes, nnotes) : "" }
    BEGIN {
        srand(20261128)
        ny = split(years, Y, " "); nag = split(agencies, AG, " ")
        split("new dispose assign verify provision submit forward approve deliver complete", main, " ")
        split("received disposed assigned verified provisioned submitted forwarded approved delivered completed", ms, " ")
        for (j = 1; j <= 10; j++) mainpos[ms[j]] = j
        nopen = split("received disposed assigned incomplete verified provisioned submitted forwarded approved delivered", open, " ")
        nofc = split("andi sari rudi", officers, " ")
        nw = split("simpus sipd ppid jdih sakip simpeg eoffice lapor siskeudes absensi perizinan " \
                   "arsip pajak retribusi bansos sekolah ppdb perpus kominfo statistik " \
                   "pengaduan antrian rekammedis gis aset dokumen agenda berita opendata survei", words, " ")
        nwtitle = split("SIMPUS SIPD PPID JDIH SAKIP SIMPEG E-Office LAPOR Siskeudes Absensi Perizinan " \
                        "Arsip Pajak Retribusi Bansos Sekolah PPDB Perpustakaan Kominfo Statistik " \
                        "Pengaduan Antrian Rekam-Medis GIS Aset Dokumen Agenda Berita Open-Data Survei", titles, " ")
        split("Budi Santoso|Siti Rahayu|Agus Wibowo|Rina Marlina|Joko Susilo|Nur Aini|Eko Saputra|Lina Kusuma", cname, "|")
        split("budi|siti|agus|rina|joko|nuraini|eko|lina", cmail, "|")
        nnotes = split("surat diantar langsung oleh staf OPD|mohon diprioritaskan|konfirmasi via telepon ke kontak OPD|" \
                       "berkas lengkap diterima di loket|menunggu jadwal rapat|server web01 dipakai|" \
                       "dokumen hak akses ditandatangani", notes, "|")
        nmiss = split("surat kuasa pengelola aplikasi|dokumen kebutuhan sistem|KTP penanggung jawab|" \
                      "pakta integritas pengelola|struktur data aplikasi", missing, "|")
        nreas = split("aplikasi sudah tersedia di layanan pusat|nama domain tidak sesuai ketentuan|" \
                      "permohonan ganda|tidak ada penanggung jawab aplikasi", reasons, "|")
        ncanc = split("OPD memakai layanan SaaS pusat|anggaran aplikasi dibatalkan|OPD menarik permohonan", cancels, "|")
        split("email letter hand", via, " ")
        split("8.1 8.2 8.3", php, " ")
        split("512 1024 1024 2048 5120", quota, " ")
        per_year = int((n + ny - 1) / ny)
        for (i = 0; i < n; i++) {
            yi = 1 + int(i / per_year); year = Y[yi]; seq = i - (yi - 1) * per_year + 1
            id = sprintf("HST-%d-%04d", year, seq)
            ag = AG[1 + i % nag]; wi = 1 + int(rand() * nw)
            # Received on a working day between 07:30 and 15:30 office time.
            span = (yi == ny) ? 300 : 360
            day = days_from_civil(year, 1, 2) + int((seq - 1) * span / per_year)
            wd = (day + 3) % 7; if (wd >= 5) day += 7 - wd
            t = day * 86400 - 25200 + 27000 + int(rand() * 28800)
            r = rand()
            if (yi < ny) st = r < 0.80 ? "completed" : r < 0.88 ? "rejected" : r < 0.94 ? "cancelled" : pick(open, nopen)
            else st = r < 0.30 ? "completed" : r < 0.35 ? "rejected" : r < 0.40 ? "cancelled" : pick(open, nopen)
            actions(st)

            f = dir "/" year "/" id ".yaml"
            out = "# Hosting request " id ". Written by hostingctl; the status is derived from the events.\n" \
                  "schema: 2\nid: " id "\nagency: " ag "\nletter:\n" \
                  "  number: \"" sprintf("400.14/%d/%s/%d", 100 + int(rand() * 800), toupper(substr(ag, 1, 1)) substr(ag, 2), year) "\"\n" \
                  "  date: " iso_date(day - int(rand() * 6)) "\n" \
                  "  subject: \"Permohonan hosting aplikasi " titles[wi] " " toupper(ag) "\"\n" \
                  "  received_at: " (received = iso_time(t)) "\n"
            if (rand() < 0.6) {
                out = out "  attachments:\n    - name: \"surat-permohonan.pdf\"\n" \
                      "      path: \"documents/" id "/letter/surat-permohonan.pdf\"\n" \
                      "      size: " (40000 + int(rand() * 900000)) "\n"
                if (rand() < 0.4)
                    out = out "    - name: \"kebutuhan-sistem.docx\"\n" \
                          "      path: \"documents/" id "/letter/kebutuhan-sistem.docx\"\n" \
                          "      size: " (10000 + int(rand() * 200000)) "\n"
            }
            if (rand() < 0.85) {
                c = 1 + int(rand() * 8)
                out = out "contact:\n  name: \"" cname[c] "\"\n  phone: \"08" (1200000000 + int(rand() * 799999999)) "\"\n" \
                      "  email: \"" cmail[c] "@" ag "." zone "\"\n"
            } else out = out "contact:\n  name: \"\"\n  phone: \"\"\n  email: \"\"\n"
            r = rand(); app = r < 0.3 ? "static" : r < 0.85 ? "php" : "proxy"
            out = out "hosting:\n  domain: " words[wi] "-" ag "-" (i + 1) "." zone "\n  app: " app "\n"
            if (app == "php") out = out "  php_version: \"" php[1 + int(rand() * 3)] "\"\n"
            if (app == "proxy") out = out "  upstream_port: " (3000 + int(rand() * 6000)) "\n"
            out = out "  database: " ((app == "php" && rand() < 0.7) ? "true" : "false") "\n" \
                  "  disk_quota_mb: " quota[1 + int(rand() * 5)] "\nevents:\n"

            officer = pick(officers, nofc); ev = ""
            for (j = 1; j <= k; j++) {
                a = act[j]
                if (j > 1) t += 3600 + int(rand() * 3 * 86400)
                if (a == "new") { by = rand() < 0.7 ? "dewi" : officer; event(a, t, by, by, remark()) }
                else if (a == "dispose") event(a, t, "hartono", "dewi", remark())
                else if (a == "assign") { if (j > 3 && act[j - 1] == "assign") officer = pick(officers, nofc)
                                          event(a, t, "wulan", "dewi", remark(), "officer", officer) }
                else if (a == "incomplete") event(a, t, officer, officer, remark(), "missing", pick(missing, nmiss))
                else if (a == "provision") event(a, t, officer, officer, remark(), "mode", "manual", "server", "web01")
                else if (a == "forward") event(a, t, "wulan", "dewi", remark())
                else if (a == "approve") event(a, t, "hartono", "dewi", remark())
                else if (a == "deliver") event(a, t, officer, officer, remark(), "via", via[1 + int(rand() * 3)])
                else if (a == "reject") event(a, t, rand() < 0.5 ? "hartono" : "wulan", "dewi", remark(), "reason", pick(reasons, nreas))
                else if (a == "cancel") event(a, t, "dewi", "dewi", remark(), "reason", pick(cancels, ncanc))
                else if (a == "note") { by = rand() < 0.5 ? "dewi" : officer; event(a, t, by, by, pick(notes, nnotes)) }
                else event(a, t, officer, officer, remark())   # verify resume submit complete
            }
            printf "%s%s", out, ev > f
            close(f)
            print id, st, k, received > manifest
        }
    }'
    gen_end=${EPOCHREALTIME/[.,]/}
    files=$(find "$STORE/requests" -name '*.yaml' | wc -l)
    BYTES=$(find "$STORE/requests" -name '*.yaml' -printf '%s\n' | awk '{s += $1} END {print s}')
    [[ $files == "$N" ]] || die "generated $files files, expected $N"
    say "  $files files, $((BYTES / 1024)) KiB, in $(((gen_end - gen_start) / 1000)) ms"
}

# verify_store: checks the generated files against hostingctl before anything
# is timed, and sets STATUSES and EVENTS (the counts, for the report).
verify_store() {
    local id st k out lines count got f
    say "verifying that every file loads ..."
    # Byte-for-byte format check: `request note` decodes a file and writes it back
    # with encode_request; apart from the appended note event it must be unchanged.
    while read -r id st k _; do
        f=$STORE/requests/${id:4:4}/$id.yaml
        cp -p "$f" "$TMP/orig.yaml"
        hc request note "$id" --by dewi "bench round trip" >/dev/null ||
            die "request note $id failed"
        head -n -5 "$f" | cmp -s - "$TMP/orig.yaml" ||
            { diff <(head -n -5 "$f") "$TMP/orig.yaml" >&2 || true; die "$id: generated YAML differs from encode_request"; }
        cp -p "$TMP/orig.yaml" "$f"
    done < <(awk '!seen[$2]++' "$TMP/manifest")
    # `request show` on one file of every status shows that status.
    while read -r id st k _; do
        out=$(hc request show "$id") || die "request show $id failed"
        grep -q "^$id .*\[$st\]\$" <<<"$out" || die "request show $id: expected status $st: $out"
    done < <(awk '!seen[$2]++' "$TMP/manifest")
    rm -f "$STORE/.cache/requests.idx"
    lines=$(hc request list 2>"$TMP/list.err" | wc -l)
    [[ ! -s $TMP/list.err ]] && [[ $lines == $((N + 1)) ]] ||
        { cat "$TMP/list.err" >&2; die "request list printed $lines lines, expected $((N + 1)) (header + $N)"; }
    # Every status count of the manifest agrees with `request list --status`.
    while read -r st count; do
        got=$(hc request list --status "$st" | tail -n +2 | wc -l)
        [[ $got == "$count" ]] || die "request list --status $st: $got rows, expected $count"
    done < <(awk '{c[$2]++} END {for (s in c) print s, c[s]}' "$TMP/manifest")
    STATUSES=$(awk '{c[$2]++} END {for (s in c) print s "=" c[s]}' "$TMP/manifest" | sort | tr '\n' ' ')
    EVENTS=$(awk '{c[$3]++} END {for (k in c) print k "=" c[k]}' "$TMP/manifest" | sort -n | tr '\n' ' ')
    say "  all $N requests load"
}
