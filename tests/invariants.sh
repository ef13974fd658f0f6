# Shared by tests/ledger.sh, tests/concurrency.sh and tests/crash.sh: what must hold of a
# database whatever ran at once or was killed. `consistent DB` prints "ok", or the first
# rule that is broken:
#   PRAGMA integrity_check is ok;
#   at most one active delivery per (type, organisatie, periode);
#   every active delivery has exactly rows_accepted rows in its table, and no table holds
#   rows of a delivery that is not active (so each table holds the sum of rows_accepted
#   of the active deliveries of its type, which is checked too).
# shellcheck shell=bash
LEDGER_TYPES="regios sites gemeenten organisaties afspraken doelen referenties zwangerschap screening zorgepisode overdracht mdo bevalling jgz_contact"

consistent() {
    local db=$1 q="" t ic v
    ic=$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1 | head -3 | tr '\n' ' ')
    if [ "$ic" != "ok " ]; then
        echo "integrity_check: $ic"
        return
    fi
    for t in $LEDGER_TYPES; do
        q="$q SELECT 'delivery ' || l.id || ' ($t) holds ' || (SELECT count(*) FROM $t x WHERE x.levering_id = l.id)
                 || ' rows, its ledger entry says ' || l.rows_accepted
              FROM levering l WHERE l.type = '$t' AND l.status = 'actief'
               AND l.rows_accepted <> (SELECT count(*) FROM $t x WHERE x.levering_id = l.id)
            UNION ALL
            SELECT '$t holds ' || count(*) || ' rows of deliveries that are not active' FROM $t
             WHERE levering_id NOT IN (SELECT id FROM levering WHERE status = 'actief') HAVING count(*) > 0
            UNION ALL
            SELECT '$t holds ' || (SELECT count(*) FROM $t) || ' rows, the active deliveries '
                   || (SELECT coalesce(sum(rows_accepted), 0) FROM levering WHERE status = 'actief' AND type = '$t')
             WHERE (SELECT count(*) FROM $t)
                   <> (SELECT coalesce(sum(rows_accepted), 0) FROM levering WHERE status = 'actief' AND type = '$t')
            UNION ALL"
    done
    q="$q SELECT 'identity ' || type || '/' || coalesce(organisatie, '-') || '/' || coalesce(periode, '-') || ' has '
                 || count(*) || ' active deliveries'
            FROM levering WHERE status = 'actief' GROUP BY type, organisatie, periode HAVING count(*) > 1"
    v=$(sqlite3 "$db" "$q LIMIT 1" 2>&1)
    echo "${v:-ok}"
}
