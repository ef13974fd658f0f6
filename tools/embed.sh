#!/bin/sh
# Turn a text file into a C string constant: embed.sh NAME FILE > out.c
# Used to embed sql/*.sql into the binary, so that it is self-contained.
set -eu
name=$1
file=$2
printf '/* generated from %s by tools/embed.sh; do not edit */\n' "$file"
printf 'extern const char %s[];\nconst char %s[] =\n' "$name" "$name"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/    "/' -e 's/$/\\n"/' "$file"
printf '    ;\n'
