#!/bin/sh
# Install the Debian packages kansrijk needs: with apt-get when run as root,
# otherwise print the exact command. Packages already present are skipped.
set -u
missing=""
for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
    echo "kansrijk: installing$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing || {
        echo "kansrijk: apt-get failed; install by hand:$missing" >&2
        exit 1
    }
else
    echo "kansrijk: missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install --no-install-recommends$missing" >&2
    exit 1
fi
