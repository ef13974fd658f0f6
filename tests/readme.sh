#!/usr/bin/env bash
# The walkthroughs work when typed literally (issue 11): every ```sh block of README.md's
# "Walkthrough" section (English screen) and of docs/handleiding.md's "Stap voor stap" (the
# Dutch one) is run in order in a fresh folder, as a new user would type it, and what it prints
# must be what the page shows (tests/walkthrough.py).
# Usage: tests/readme.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" readme "$1"
ROOT=$(cd "$HERE/.." && pwd)

if python3 "$HERE/walkthrough.py" "$ROOT/README.md" "## Walkthrough: a delivery comes in" "$K" "$W/en" >"$W/en.out" 2>&1; then
    ok
else
    bad "README.md walkthrough"
fi
sed 's/^/  /' "$W/en.out"
if [ -f "$ROOT/docs/handleiding.md" ]; then
    if python3 "$HERE/walkthrough.py" "$ROOT/docs/handleiding.md" "## Stap voor stap" "$K" "$W/nl" >"$W/nl.out" 2>&1; then
        ok
    else
        bad "docs/handleiding.md walkthrough"
    fi
    sed 's/^/  /' "$W/nl.out"
fi
# the harness itself fails on a walkthrough that prints something else
sed 's/58 rows read: 57 accepted/58 rows read: 56 accepted/' "$ROOT/README.md" >"$W/README.md"
ln -s "$ROOT/samples" "$W/samples"
if python3 "$HERE/walkthrough.py" "$W/README.md" "## Walkthrough: a delivery comes in" "$K" "$W/broken" >"$W/broken.out" 2>&1; then
    bad "a README that shows other output passes"
else
    expect_grep "the changed block is named" "FAIL  ./kansrijk ingest --db zuid-limburg.db --terugkoppeling terugkoppeling inbox/bevalling" "$W/broken.out"
fi
summary
