#!/bin/sh
# make deps: installs the Debian packages named as arguments that are missing.
# The machine is the user's (DESIGN.md §7): apt never removes a package
# (--no-remove), and a service a new package brings is neither started now
# (policy-rc.d for the time of the install) nor at the next boot (its units
# are disabled).  As root, or through sudo.
#   deps.sh PACKAGE...            installs those missing
#   deps.sh --unpack PACKAGE DIR  unpacks PACKAGE's .deb into DIR (apt-get
#                                 download + dpkg -x): a server the tests run
#                                 privately, never installed (exim4, DESIGN.md §7)
set -eu
if [ "${1:-}" = --unpack ]; then
    pkg=$2 dir=$3
    [ -e "$dir/.unpacked" ] && exit 0
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    (cd "$tmp" && apt-get download -qq "$pkg" 2>/dev/null) || {
        echo "make deps: cannot download $pkg; the tests that need it are skipped" >&2
        exit 0
    }
    mkdir -p "$dir"
    dpkg -x "$tmp"/*.deb "$dir"
    touch "$dir/.unpacked"
    exit 0
fi
missing=
for p in "$@"; do
    dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' ||
        missing="$missing $p"
done
[ -n "$missing" ] || exit 0

if [ "$(id -u)" = 0 ]; then
    as_root=
elif command -v sudo >/dev/null; then
    as_root=sudo
else
    echo "make deps: installing$missing needs root: run it as root or install sudo" >&2
    exit 1
fi
echo "installing:$missing"
# shellcheck disable=SC2086  # the package list is split on purpose
$as_root sh -eu -c '
    policy=/usr/sbin/policy-rc.d
    if [ ! -e $policy ]; then
        trap "rm -f $policy" EXIT
        printf "#!/bin/sh\nexit 101\n" >$policy
        chmod 755 $policy
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-remove \
        --no-install-recommends "$@" >/dev/null
    command -v systemctl >/dev/null || exit 0
    for p in "$@"; do
        dpkg -L "$p" | grep -E "^/(usr/)?lib/systemd/system/[^/@]+\.(service|socket|timer)$" |
            xargs -r -n 1 basename | xargs -r systemctl disable --quiet 2>/dev/null || true
    done
' deps $missing
