# bash completion for hostingctl(1)                          -*- shell-script -*-
#
# Completes command groups, verbs, options, fixed values (statuses, roles,
# application kinds, delivery and complaint channels, report formats, ...)
# and names read from the store: request and complaint numbers (the file
# names under requests/ and complaints/), staff ids for --by, --officer and
# complaint escalate --to, agency codes for --agency and server names for
# --server.  The store is the one the command line names with --store, else
# $HOSTINGCTL_STORE, else ${XDG_DATA_HOME:-$HOME/.local/share}/hostingctl.
# Nothing here runs hostingctl itself, so completing stays instant on a
# large store.

_hostingctl_groups="init staff agency request complaint calendar report survey audit store server doc
    template"
_hostingctl_staff_verbs="add list show edit deactivate activate"
_hostingctl_agency_verbs="add list show"
_hostingctl_complaint_verbs="new respond escalate resolve note show log list"
_hostingctl_calendar_verbs="show import-ics due elapsed"
_hostingctl_report_verbs="sla quarterly"
_hostingctl_survey_verbs="record import list summary"
_hostingctl_store_verbs="check"
_hostingctl_server_verbs="add edit remove list show trust check"
_hostingctl_doc_verbs="render list"
_hostingctl_template_verbs="list export check"
_hostingctl_doc_kinds="disposition hosting approval access receipt"
_hostingctl_request_verbs="new dispose assign verify resume provision submit forward approve
    deliver complete reject cancel note amend revert attach show list find log"
_hostingctl_global_opts="--store --json -q --quiet -v --verbose --no-color -y --yes -h --help
    --version"
_hostingctl_statuses="received disposed assigned incomplete verified provisioned submitted
    forwarded approved delivered completed rejected cancelled"
_hostingctl_roles="kepala_dinas kepala_bidang petugas_teknis admin pejabat_pengaduan"
_hostingctl_complaint_statuses="open responded escalated resolved"
_hostingctl_channels="phone whatsapp email web twitter instagram direct"

# Succeeds for an option that takes a value (all other options are flags).
_hostingctl_takes_value() {
    case $1 in
        --store | --name | --nip | --title | --role | --unix-user | --head | --phone | \
            --email | --address | --agency | --letter-number | --letter-date | \
            --received-at | --subject | --domain | --app | --php | --upstream-port | \
            --database | --quota | --contact-name | --contact-phone | --contact-email | \
            --attach | --by | --at | --note | --officer | --missing | --server | --via | \
            --reason | --status | --from | --to | --due-within | --month | --days | \
            --channel | --contact | --request | --text | --solution | --format | --out | \
            --scores | --date | --year | --quarter | --group | --jobs)
            return 0
            ;;
    esac
    return 1
}

# The options of one command: _hostingctl_verb_opts GROUP VERB
_hostingctl_verb_opts() {
    local step="--by --at --note"
    case "$1 $2" in
        "init ") echo "--group" ;;
        "staff add" | "staff edit") echo "--name --nip --title --role --unix-user" ;;
        "audit "*) echo "--target" ;;
        "agency add") echo "--name --head --phone --email --address" ;;
        "request new")
            echo "--agency --letter-number --letter-date --received-at --subject --domain" \
                "--app --php --upstream-port --database --quota --contact-name" \
                "--contact-phone --contact-email --attach --by --note"
            ;;
        "request assign") echo "$step --officer" ;;
        "request verify") echo "$step --complete --incomplete --missing" ;;
        "request provision") echo "$step --manual --server --dry-run --keep-partial --all-verified --jobs" ;;
        "request deliver") echo "$step --via" ;;
        "request reject" | "request cancel") echo "$step --reason" ;;
        "request note") echo "--by --at" ;;
        "request amend")
            echo "--agency --letter-number --letter-date --subject --contact-name --contact-phone" \
                "--contact-email --domain --app --php --upstream-port --database --quota --by --reason"
            ;;
        "request revert") echo "--reason --by" ;;
        "request attach") echo "--by --note" ;;
        "request list")
            echo "--status --open --agency --officer --domain --from --to --overdue --due-within"
            ;;
        "request dispose") echo "$step --urgency --division" ;;
        "request resume" | "request submit" | "request forward" | \
            "request approve" | "request complete") echo "$step" ;;
        "complaint new")
            echo "--channel --from --contact --request --text --received-at --by"
            ;;
        "complaint respond") echo "--by --at --text" ;;
        "complaint escalate") echo "--by --at --to --note" ;;
        "complaint resolve") echo "--by --at --solution" ;;
        "complaint note") echo "--by --at" ;;
        "complaint list") echo "--status --channel --from --to --open" ;;
        "calendar show") echo "--month --year" ;;
        "calendar due") echo "--from --days" ;;
        "calendar elapsed") echo "--from --to" ;;
        "report sla") echo "--fail-on-breach --due-within" ;;
        "report quarterly") echo "--year --quarter --previous --format --out --stdout" ;;
        "survey record") echo "--scores --date --by" ;;
        "survey import") echo "--by" ;;
        "survey list") echo "--from --to" ;;
        "survey summary") echo "--from --to --year --quarter" ;;
        "store check") echo "--repair" ;;
        "doc render") echo "--format --out" ;;
        "server add" | "server edit")
            echo "--host --port --user --identity-file --become --public-ip --web --php" \
                "--capacity --sites-root --vhost-dir --php-pool-dir --php-socket-dir" \
                "--web-test --web-reload --php-reload --php-test --tls-certificate --tls-key" \
                "--listen-http --listen-https --web-user --site-user-prefix" \
                "--database --database-client"
            ;;
    esac
}

# The store directory: _hostingctl_store [VALUE-OF---store]
_hostingctl_store() {
    local dir=$1
    if [[ -z $dir ]]; then
        if [[ -n ${HOSTINGCTL_STORE-} ]]; then
            dir=$HOSTINGCTL_STORE
        else
            dir=${XDG_DATA_HOME:-${HOME-}/.local/share}/hostingctl
        fi
    fi
    # shellcheck disable=SC2088 # a literal "~" typed on the command line
    case $dir in
        "~") dir=${HOME-} ;;
        "~/"*) dir=${HOME-}/${dir#"~/"} ;;
    esac
    printf '%s\n' "$dir"
}

# Record numbers: the names of DIR/YEAR/ID.yaml in the store:
# _hostingctl_record_ids STORE [DIR (default requests)]
_hostingctl_record_ids() {
    local f
    local -a files=()
    mapfile -t files < <(compgen -G "$1/${2:-requests}/*/*.yaml" 2>/dev/null)
    for f in ${files[@]+"${files[@]}"}; do
        f=${f##*/}
        f=${f%.yaml}
        # Skip temporary files of an atomic write and anything not a number.
        [[ $f == .* || $f == *[!A-Za-z0-9_.-]* ]] && continue
        printf '%s\n' "$f"
    done
}

# Values of "- KEY: value" list items in a YAML file: _hostingctl_yaml_items FILE KEY
_hostingctl_yaml_items() {
    [[ -r $1 ]] || return 0
    sed -n "s/^[[:space:]]*- $2:[[:space:]]*[\"']\{0,1\}\([A-Za-z0-9_.-]*\).*/\1/p" "$1" 2>/dev/null
}

# The ids of active staff holding one of the roles: _hostingctl_staff_with FILE ROLE...
# (roles as a flow list "[a, b]" or a block list of "- a" lines).
_hostingctl_staff_with() {
    [[ -r $1 ]] || return 0
    local file=$1; shift
    awk -v want=" $* " '
        function flush() { if (id != "" && active && hit) print id; id = ""; active = 1; hit = 0; inroles = 0 }
        function has(v) { gsub(/["\047[:space:]]/, "", v); if (v != "" && index(want, " " v " ")) hit = 1 }
        /^[[:space:]]*- id:/ { flush(); v = $0; sub(/.*- id:[[:space:]]*/, "", v); gsub(/["\047[:space:]]/, "", v); id = v; next }
        /^[[:space:]]*roles:/ { v = $0; sub(/.*roles:[[:space:]]*/, "", v); gsub(/[][,]/, " ", v)
                                n = split(v, a, " "); for (i = 1; i <= n; i++) has(a[i]); inroles = (n == 0); next }
        inroles && /^[[:space:]]*- / { v = $0; sub(/^[[:space:]]*- /, "", v); has(v); next }
        /^[[:space:]]*[A-Za-z_]+:/ { inroles = 0 }
        /^[[:space:]]*active:[[:space:]]*false/ { active = 0 }
        END { flush() }' "$file" 2>/dev/null
}

# The complaint channels of hostingctl.yaml (complaints: channels: [...]),
# or the default list when the store names none.
_hostingctl_channels_of() {
    local line
    [[ -r $1 ]] && line=$(sed -n '/^complaints:/,/^[^[:space:]#]/{s/^[[:space:]]*channels:[[:space:]]*\[\(.*\)\].*/\1/p;}' "$1" 2>/dev/null)
    if [[ -n $line ]]; then
        echo "${line//,/ }"
    else
        echo "$_hostingctl_channels"
    fi
}

# The office's time zone (time_zone: of hostingctl.yaml, default
# Asia/Jakarta): dates and times are offered in it, as the tool reads them.
_hostingctl_zone() {
    local zone=
    [[ -r $1 ]] && zone=$(sed -n 's/^time_zone:[[:space:]]*["'"'"']\{0,1\}\([A-Za-z0-9_/+-]*\).*/\1/p' "$1" 2>/dev/null)
    echo "${zone:-Asia/Jakarta}"
}

# Server names: the "- name:" items of the servers: list (not of dns:).
_hostingctl_servers() {
    [[ -r $1 ]] || return 0
    sed -n "/^servers:/,/^[^[:space:]#]/{s/^[[:space:]]*- name:[[:space:]]*[\"']\{0,1\}\([A-Za-z0-9_.-]*\).*/\1/p;}" \
        "$1" 2>/dev/null
}

# Sets COMPREPLY to the words of $1 that start with $2, each behind $3.
# Matches by hand rather than with "compgen -W", which would expand $(...)
# and the like inside names read from the store.
_hostingctl_reply() {
    local cur=$2 prefix=${3-} w
    local -a all=()
    IFS=$' \t\n' read -r -d '' -a all <<<"$1" || :
    COMPREPLY=()
    for w in ${all[@]+"${all[@]}"}; do
        [[ $w == "$cur"* ]] && COMPREPLY+=("$prefix$w")
    done
    return 0
}

# Completes the value of option $1 of command $3 $4; $2 is the word typed so far.
_hostingctl_value() {
    local opt=$1 cur=$2 group=${3-} verb=${4-} store
    store=$(_hostingctl_store "$_hostingctl_store_arg")
    # Options whose meaning depends on the command.
    case "$group $verb $opt" in
        "complaint new --from") opt=--free-text ;;  # the complainant's name
        "complaint escalate --to") opt=--official ;; # the complaints official
    esac
    case $opt in
        --status | --role | --format)
            # A comma list: complete the last element.
            local list=$_hostingctl_statuses head=""
            [[ $group == complaint ]] && list=$_hostingctl_complaint_statuses
            [[ $opt == --role ]] && list=$_hostingctl_roles
            [[ $opt == --format ]] && list="md html json csv"
            [[ $group == doc && $opt == --format ]] && list="html md pdf"
            if [[ $cur == *,* ]]; then
                head=${cur%,*},
                cur=${cur##*,}
                local w rest=""
                for w in $list; do # without the elements already given
                    [[ ,$head == *",$w,"* ]] || rest+=" $w"
                done
                list=$rest
            fi
            _hostingctl_reply "$list" "$cur" "$head"
            ;;
        --app) _hostingctl_reply "static php proxy" "$cur" ;;
        --via) _hostingctl_reply "email letter hand" "$cur" ;;
        --database) _hostingctl_reply "yes no" "$cur" ;;
        --urgency) _hostingctl_reply "biasa segera sangat_segera rahasia" "$cur" ;;
        --channel) _hostingctl_reply "$(_hostingctl_channels_of "$store/hostingctl.yaml")" "$cur" ;;
        --quarter) _hostingctl_reply "1 2 3 4" "$cur" ;;
        --year)
            local year
            TZ=$(_hostingctl_zone "$store/hostingctl.yaml") printf -v year '%(%Y)T' -1
            _hostingctl_reply "$year" "$cur"
            ;;
        --request) _hostingctl_reply "$(_hostingctl_record_ids "$store")" "$cur" ;;
        --by)
            _hostingctl_reply "$(_hostingctl_yaml_items "$store/staff.yaml" id)" "$cur"
            ;;
        --officer) # technical officers: assign --officer, request list --officer
            _hostingctl_reply "$(_hostingctl_staff_with "$store/staff.yaml" petugas_teknis)" "$cur"
            ;;
        --official)
            _hostingctl_reply "$(_hostingctl_staff_with "$store/staff.yaml" pejabat_pengaduan)" "$cur"
            ;;
        --agency)
            _hostingctl_reply "$(_hostingctl_yaml_items "$store/agencies.yaml" code)" "$cur"
            ;;
        --server) _hostingctl_reply "$(_hostingctl_servers "$store/servers.yaml")" "$cur" ;;
        --letter-date | --from | --to | --date)
            local today
            TZ=$(_hostingctl_zone "$store/hostingctl.yaml") printf -v today '%(%Y-%m-%d)T' -1
            _hostingctl_reply "$today" "$cur"
            ;;
        --month)
            local month
            TZ=$(_hostingctl_zone "$store/hostingctl.yaml") printf -v month '%(%Y-%m)T' -1
            _hostingctl_reply "$month" "$cur"
            ;;
        --at | --received-at)
            local now
            TZ=$(_hostingctl_zone "$store/hostingctl.yaml") printf -v now '%(%Y-%m-%dT%H:%M)T' -1
            _hostingctl_reply "$now" "$cur"
            ;;
        --group) mapfile -t COMPREPLY < <(compgen -g -- "$cur") ;;
        --attach)
            compopt -o filenames 2>/dev/null || :
            mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            ;;
        --store | --out)
            compopt -o filenames 2>/dev/null || :
            mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            ;;
        *) COMPREPLY=() ;; # free text: nothing to offer
    esac
}

_hostingctl() {
    COMPREPLY=()
    local -a words=("${COMP_WORDS[@]}")
    local cword=$COMP_CWORD
    local cur=${words[cword]-} prev="" eqprefix=""
    ((cword > 0)) && prev=${words[cword - 1]-}

    # "--opt=value": bash splits it at "=" (COMP_WORDBREAKS) into "--opt" "=" "value".
    if [[ $cur == "=" && $prev == --* ]]; then
        cur=""
    elif [[ $prev == "=" ]] && ((cword > 1)); then
        prev=${words[cword - 2]-}
    elif [[ $cur == --*=* ]]; then
        # "--opt=value" kept whole (no "=" in COMP_WORDBREAKS)
        prev=${cur%%=*}
        eqprefix=$prev=
        cur=${cur#*=}
    elif _hostingctl_takes_value "$prev"; then
        : # the word after a value option is that option's value
    else
        prev=""
    fi

    # What has been typed so far: the store, the group, the verb, and how
    # many positional arguments the verb already has.
    local _hostingctl_store_arg="" # read by _hostingctl_value too
    local group="" verb="" w
    local -i npos=0 i=1
    while ((i < cword)); do
        w=${words[i]}
        if [[ $w == --* && ${words[i + 1]-} == "=" ]]; then
            # "--opt=value", split by bash into "--opt" "=" "value"
            [[ $w == --store ]] && _hostingctl_store_arg=${words[i + 2]-}
            i+=2
        elif [[ $w == --store=* ]]; then
            _hostingctl_store_arg=${w#--store=}
        elif [[ $w == -* ]]; then
            if [[ $w != *=* ]] && _hostingctl_takes_value "$w"; then
                [[ $w == --store ]] && _hostingctl_store_arg=${words[i + 1]-}
                i+=1
            fi
        elif [[ -z $group ]]; then
            group=$w
        elif [[ -z $verb && $group != init ]]; then
            verb=$w
        else
            npos+=1
        fi
        i+=1
    done

    if [[ -n $prev ]]; then
        _hostingctl_value "$prev" "$cur" "$group" "$verb"
        if [[ -n $eqprefix ]]; then
            local -i k
            for ((k = 0; k < ${#COMPREPLY[@]}; k++)); do
                COMPREPLY[k]=$eqprefix${COMPREPLY[k]}
            done
        fi
        return 0
    fi

    if [[ $cur == -* ]]; then
        local opts
        opts="$_hostingctl_global_opts $(_hostingctl_verb_opts "$group" "$verb")"
        _hostingctl_reply "$opts" "$cur"
        return 0
    fi

    local store
    store=$(_hostingctl_store "$_hostingctl_store_arg")
    case $group in
        "") _hostingctl_reply "$_hostingctl_groups" "$cur" ;;
        init)
            if ((npos == 0)); then
                compopt -o filenames 2>/dev/null || :
                mapfile -t COMPREPLY < <(compgen -d -- "$cur")
            fi
            ;;
        staff)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_staff_verbs" "$cur"
            elif [[ $verb == show || $verb == edit || $verb == deactivate || $verb == activate ]] &&
                ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_yaml_items "$store/staff.yaml" id)" "$cur"
            fi
            ;;
        server)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_server_verbs" "$cur"
            elif [[ $verb != add && $verb != list ]] && ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_yaml_items "$store/servers.yaml" name)" "$cur"
            fi
            ;;
        agency)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_agency_verbs" "$cur"
            elif [[ $verb == show ]] && ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_yaml_items "$store/agencies.yaml" code)" "$cur"
            fi
            ;;
        request)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_request_verbs" "$cur"
            elif [[ $verb != new && $verb != list && $verb != find ]] && ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_record_ids "$store")" "$cur"
            elif [[ $verb == attach ]]; then
                compopt -o filenames 2>/dev/null || :
                mapfile -t COMPREPLY < <(compgen -f -- "$cur")
            fi
            ;;
        doc)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_doc_verbs" "$cur"
            elif ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_record_ids "$store")" "$cur"
            elif [[ $verb == render ]] && ((npos == 1)); then
                _hostingctl_reply "$_hostingctl_doc_kinds" "$cur"
            fi
            ;;
        template)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_template_verbs" "$cur"
            elif [[ $verb == export ]] && ((npos == 0)); then
                local names
                names=$("${COMP_WORDS[0]}" ${_hostingctl_store_arg:+--store "$_hostingctl_store_arg"} \
                    template list 2>/dev/null | awk 'NR > 1 {print $1}')
                _hostingctl_reply "$names" "$cur"
            fi
            ;;
        complaint)
            if [[ -z $verb ]]; then
                _hostingctl_reply "$_hostingctl_complaint_verbs" "$cur"
            elif [[ $verb != new && $verb != list && $verb != find ]] && ((npos == 0)); then
                _hostingctl_reply "$(_hostingctl_record_ids "$store" complaints)" "$cur"
            fi
            ;;
        calendar | report | survey | store)
            if [[ -z $verb ]]; then
                local verbs=$_hostingctl_calendar_verbs
                [[ $group == report ]] && verbs=$_hostingctl_report_verbs
                [[ $group == survey ]] && verbs=$_hostingctl_survey_verbs
                [[ $group == store ]] && verbs=$_hostingctl_store_verbs
                _hostingctl_reply "$verbs" "$cur"
            elif ((npos == 0)); then
                case "$group $verb" in
                    "survey record")
                        _hostingctl_reply "$(_hostingctl_record_ids "$store")" "$cur"
                        ;;
                    "calendar import-ics" | "survey import")
                        compopt -o filenames 2>/dev/null || :
                        mapfile -t COMPREPLY < <(compgen -f -- "$cur")
                        ;;
                esac
            fi
            ;;
    esac
    return 0
}

complete -F _hostingctl hostingctl
