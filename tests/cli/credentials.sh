# Keys as systemd hands them to a unit ($CREDENTIALS_DIRECTORY) give every
# fetcher of the registry the accounts, with the labels, that the keys
# directory gives: the series a cron job recorded go on under systemd.
. "$(dirname "$0")/lib.sh"

# load_credential DIR ID PATH: LoadCredential=ID:PATH as systemd.exec(5) lays it
# out in DIR: a file is the credential ID; "If an absolute path referring to a
# directory is specified, every file in that directory (recursively) will be
# loaded as a separate credential. The ID for each credential will be the
# provided ID suffixed with "_$FILENAME"" (subdirectories joined by "_").  The
# copies are mode 0400 with an ACL that lets the unit's user read them, which
# stat shows as 0440.
load_credential() {
    local dir=$1 id=$2 path=$3 f rel
    mkdir -p "$dir"
    if [ -d "$path" ]; then
        while IFS= read -r f; do
            rel=${f#"$path"/}
            install -m 440 "$f" "$dir/${id}_${rel//\//_}"
        done < <(find "$path" -type f | sort)
    else
        install -m 440 "$path" "$dir/$id"
    fi
}

# The accounts a fetcher reports, one line each.
accounts() { jq -r '[.provider, .account, .kind, (.window // "-"), .status] | join(" ")' "$T/out" | sort; }

# fetch_with LAYOUT: runs the fetcher of the current registry entry with its
# fixture, the keys of $key_vars unset, keys from the layout given.
fetch_with() {
    local layout=$1 v
    (
        fixture_env "$fixture" "$URL"
        for v in $key_vars; do unset "$v"; done
        case $layout in
            keys) export QUOTAWATCH_KEYS="$T/keys" ;;
            cred) export QUOTAWATCH_KEYS="$T/no-keys" CREDENTIALS_DIRECTORY="$T/cred" ;;
        esac
        run "$tool" $args --base-url "$URL" $FIXTURE_ARGS
        accounts >"$T/accounts.$layout"
        echo "$st" >"$T/status.$layout"
    )
}

tested=0
while IFS=$'\t' read -r id provider name emoji tool args keys regions watch_all fixture; do
    dash_empty args keys fixture
    [ -n "$fixture" ] && [ -n "$keys" ] || continue
    start_server "$here/../data/$fixture-routes.json"
    key_vars=
    names=
    for k in $keys; do
        key_vars="$key_vars ${k%%:*}"
        k=${k#*:}
        names="$names ${k%%:*}"
    done
    values=$(fixture_env "$fixture" "$URL"; for v in $key_vars; do printf '%s\n' "${!v}"; done)
    for layout in one several; do
        rm -rf "$T/keys" "$T/cred" "$T/cred-all"
        set -- $values
        for n in $names; do
            if [ "$layout" = one ]; then
                key_file "$T/keys/$n" "$1"
            else
                key_file "$T/keys/$n/personal" "$1"
                key_file "$T/keys/$n/team" "$1"
            fi
            shift
        done
        fetch_with keys
        want="default "
        [ "$layout" = several ] && want="personal team "
        check "$id, $layout key(s) in the keys directory: accounts $want" \
            [ "$(awk '{ print $2 }' "$T/accounts.keys" | sort -u | tr '\n' ' ')" = "$want" ]
        # LoadCredential=NAME:/etc/quotawatch/keys/NAME, one line per key.
        for n in $names; do load_credential "$T/cred" "$n" "$T/keys/$n"; done
        fetch_with cred
        check "$id, $layout key(s), LoadCredential= per provider: the same accounts" \
            diff "$T/accounts.keys" "$T/accounts.cred"
        check "$id, $layout key(s), LoadCredential= per provider: the same exit status" \
            [ "$(cat "$T/status.keys")" = "$(cat "$T/status.cred")" ]
        # LoadCredential=keys:/etc/quotawatch/keys, as watch-all.service has it.
        rm -rf "$T/cred"
        load_credential "$T/cred" keys "$T/keys"
        fetch_with cred
        check "$id, $layout key(s), LoadCredential=keys: the same accounts" \
            diff "$T/accounts.keys" "$T/accounts.cred"
    done
    tested=$((tested + 1))
done < <(providers)
check "every provider with keys and a fixture was tried ($tested)" [ "$tested" -ge 10 ]

# A credential others may read is refused as a key file is, with the fix
# (before any request: the server is the last fixture's).
rm -rf "$T/cred"
key_file "$T/cred/moonshot" sk-good
chmod 604 "$T/cred/moonshot"
CREDENTIALS_DIRECTORY="$T/cred" run fetch-moonshot --base-url "$URL"
check "a credential others may read: exit 1, chmod 600 in the message" \
    [ "$st" = 1 ] && grep -q 'chmod 600' "$T/err"
finish
