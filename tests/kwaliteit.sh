#!/usr/bin/env bash
# End-to-end test of the data-quality and anchoring rows (verankering.*, kwaliteit.*) that
# `kansrijk compute` adds to the outcome table, on the hand-made fixture in
# tests/fixtures/kwaliteit. Every expected number is worked out by hand in the comments.
# Usage: tests/kwaliteit.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" kwaliteit "$1"
FX=$HERE/fixtures/kwaliteit
cd "$W" || exit 2
DB=$W/k.db
# row IND REGIO SITE GROEP WAARDE PERIODE: teller/noemer of one row ('-' when there is none)
row() {
    local r
    r=$(sql "SELECT teller || '/' || noemer FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' AND periode = '$6'")
    echo "${r:--}"
}
# rowraw IND REGIO SITE GROEP WAARDE PERIODE: "teller_ruw/noemer_ruw mark" of one row (for suppressed rows)
rowraw() {
    local r
    r=$(sql "SELECT teller_ruw || '/' || noemer_ruw || ' ' || coalesce(nullif(onderdrukt, ''), 'shown') FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' AND periode = '$6'")
    echo "${r:--}"
}
# series IND REGIO SITE GROEP WAARDE: every period of one row, "2025=t/n 2025Q1=t/n ..."
series() {
    sql "SELECT group_concat(periode || '=' || teller || '/' || noemer, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' ORDER BY periode)"
}
# seriesraw IND REGIO SITE GROEP WAARDE: as series, from the raw counts, each with x when suppressed
seriesraw() {
    sql "SELECT group_concat(periode || '=' || teller_ruw || '/' || noemer_ruw || onderdrukt, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' ORDER BY periode)"
}

# ---- the fixture ------------------------------------------------------------------------------------
# Registry: regions zl and zhz; current municipalities zl GM0935, GM0917, GM1954 (GM0881 merged into
# GM1954), zhz GM0505. Organisations: VP-A (verloskundigenpraktijk, zl, S-NOORD), ZH-B (ziekenhuis, zl,
# S-NOORD), JGZ-C (jgz, zl, no site), KNP-E (knooppunt, zl, no site), ZH-D (ziekenhuis, zhz, S-DORD).
# Agreements: VP-A zwangerschap from 2025Q1; VP-A screening 2025Q1 to 2025Q1; ZH-B bevalling from
# 2025Q1; JGZ-C jgz_contact from 2025 (= from 2025Q1); KNP-E mdo from 2025Q2. ZH-D has none: it is
# expected every quarter from its first delivery of a type. Targets (doelen.csv) are given near the end.
# Deliveries (data rows read / accepted / rejected):
#   zwangerschap VP-A 2025Q1   6/3/3   line 5 GM9999 (municipality); line 6 leeftijdsklasse 99 (code)
#                                      and intake 31-02 (date): counted under its first reason, code;
#                                      line 7 lijn_intake 4 (code)
#   zwangerschap VP-A 2025Q2   2/2/0 replaced by 4/4/0 (a correction; its P2 row is a later version
#                                      of the Q1 row of P2, so the Q1 row of P2 is no longer current)
#   screening    VP-A 2025Q1   2/2/0
#   screening    VP-A 2025Q2   refused whole (a bsn column): counts nowhere
#   bevalling    ZH-B 2025Q1   2/2/0
#   bevalling    ZH-B 2025Q3   2/2/0   P2's child born 10-09-2025, after the peildatum
#   jgz_contact  JGZ-C 2025    6/5/1   a year delivery; line 7 has no geboortedatum (required); PZ's two
#                                      contacts link nowhere; PY's contact of 20-08-2025 is after the
#                                      peildatum
#   overdracht   ZH-D 2025Q1   2/2/0   PW's handover (birth date only, no pregnancy) links nowhere
#   zorgepisode  ZH-D 2025Q2   1/1/0 withdrawn, then 2/2/0 (a correction by its history)
"$K" init --db "$DB" >/dev/null || bad "init"
"$K" ingest --db "$DB" "$FX"/ref/*.csv >/dev/null || bad "reference data"
for f in zwangerschap_VP-A_2025Q1.csv v1/zwangerschap_VP-A_2025Q2.csv zwangerschap_VP-A_2025Q2.csv \
    screening_VP-A_2025Q1.csv geweigerd/screening_VP-A_2025Q2.csv bevalling_ZH-B_2025Q1.csv \
    bevalling_ZH-B_2025Q3.csv jgz_contact_JGZ-C_2025.csv overdracht_ZH-D_2025Q1.csv v1/zorgepisode_ZH-D_2025Q2.csv; do
    "$K" ingest --db "$DB" --accept-partial "$FX/$f" >/dev/null 2>&1
done
"$K" deliveries --db "$DB" --intrekken "$(sql "SELECT id FROM levering WHERE type = 'zorgepisode' AND status = 'actief'")" >/dev/null || bad "withdraw"
"$K" ingest --db "$DB" "$FX/zorgepisode_ZH-D_2025Q2.csv" >/dev/null || bad "zorgepisode after the withdrawal"
expect_eq "the ledger" "$(sql "SELECT group_concat(type || ':' || organisatie || ':' || periode || ':' || status, ' ') FROM (SELECT * FROM levering WHERE organisatie IS NOT NULL ORDER BY id)")" \
    "zwangerschap:VP-A:2025Q1:actief zwangerschap:VP-A:2025Q2:vervangen zwangerschap:VP-A:2025Q2:actief screening:VP-A:2025Q1:actief screening:VP-A:2025Q2:geweigerd bevalling:ZH-B:2025Q1:actief bevalling:ZH-B:2025Q3:actief jgz_contact:JGZ-C:2025:actief overdracht:ZH-D:2025Q1:actief zorgepisode:ZH-D:2025Q2:ingetrokken zorgepisode:ZH-D:2025Q2:actief"

# The peildatum 15-08-2025 lies in 2025Q3: rows of 2025Q3 and 2025 are voorlopig, 2025Q1 and 2025Q2 not.
if "$K" compute --db "$DB" --peildatum 15-08-2025 >"$W/out"; then ok; else bad "compute"; fi
# the rows of this family (kwaliteit.koppeling.jgz and .bevalling count persons and are made elsewhere)
Q="(indicator LIKE 'verankering.%' OR indicator LIKE 'kwaliteit.afgewezen%' OR indicator LIKE 'kwaliteit.volledigheid.%' OR indicator LIKE 'kwaliteit.koppeling.ongekoppeld%')"
N1=$(sql "SELECT count(*) FROM uitkomst WHERE $Q")

# ---- verankering.aanlevering: cells are type-quarters, a year is its quarters -------------------------
# VP-A: Q1 zwangerschap + screening delivered (2 of 2); Q2 zwangerschap delivered, corrected (the refused
# screening is not delivered, and not due after 2025Q1); Q3 zwangerschap due, missing.
G=verankering.aanlevering
expect_eq "VP-A geleverd" "$(series $G.geleverd zl '*' organisatie VP-A)" "2025=3/4 2025Q1=2/2 2025Q2=1/1 2025Q3=0/1"
expect_eq "VP-A gecorrigeerd (of delivered)" "$(series $G.gecorrigeerd zl '*' organisatie VP-A)" "2025=1/3 2025Q1=0/2 2025Q2=1/1 2025Q3=0/0"
expect_eq "VP-A ontbreekt" "$(series $G.ontbreekt zl '*' organisatie VP-A)" "2025=1/4 2025Q1=0/2 2025Q2=0/1 2025Q3=1/1"
# ZH-B bevalling: Q1 delivered, Q2 missing, Q3 delivered
expect_eq "ZH-B geleverd" "$(series $G.geleverd zl '*' organisatie ZH-B)" "2025=2/3 2025Q1=1/1 2025Q2=0/1 2025Q3=1/1"
expect_eq "ZH-B ontbreekt" "$(series $G.ontbreekt zl '*' organisatie ZH-B)" "2025=1/3 2025Q1=0/1 2025Q2=1/1 2025Q3=0/1"
# JGZ-C: the year delivery covers Q1..Q3 (the quarters up to the peildatum's)
expect_eq "JGZ-C geleverd (year delivery)" "$(series $G.geleverd zl '*' organisatie JGZ-C)" "2025=3/3 2025Q1=1/1 2025Q2=1/1 2025Q3=1/1"
# KNP-E: mdo due from 2025Q2, never delivered
expect_eq "KNP-E ontbreekt" "$(series $G.ontbreekt zl '*' organisatie KNP-E)" "2025=2/2 2025Q2=1/1 2025Q3=1/1"
# ZH-D without agreements: overdracht from Q1 (delivered Q1; missing Q2, Q3), zorgepisode from Q2 (delivered
# and corrected Q2, missing Q3)
expect_eq "ZH-D geleverd" "$(series $G.geleverd zhz '*' organisatie ZH-D)" "2025=2/5 2025Q1=1/1 2025Q2=1/2 2025Q3=0/2"
expect_eq "ZH-D gecorrigeerd (after a withdrawal)" "$(series $G.gecorrigeerd zhz '*' organisatie ZH-D)" "2025=1/2 2025Q1=0/1 2025Q2=1/1 2025Q3=0/0"
expect_eq "ZH-D ontbreekt" "$(series $G.ontbreekt zhz '*' organisatie ZH-D)" "2025=3/5 2025Q1=0/1 2025Q2=1/2 2025Q3=2/2"
# totals of zl (VP-A + ZH-B + JGZ-C + KNP-E): Q1 2+1+1+0 = 4 of 4; Q2 1+0+1+0 = 2 of 4, missing 0+1+0+1 = 2;
# Q3 0+1+1+0 = 2 of 4, missing 1+0+0+1 = 2; 2025 8 of 12, missing 4, corrected 1 of 8
expect_eq "zl geleverd" "$(series $G.geleverd zl '*' totaal '')" "2025=8/12 2025Q1=4/4 2025Q2=2/4 2025Q3=2/4"
expect_eq "zl ontbreekt" "$(series $G.ontbreekt zl '*' totaal '')" "2025=4/12 2025Q1=0/4 2025Q2=2/4 2025Q3=2/4"
expect_eq "zl gecorrigeerd" "$(row $G.gecorrigeerd zl '*' totaal '' 2025)" "1/8"
# all regions: zl + ZH-D
expect_eq "all geleverd 2025" "$(row $G.geleverd '*' '*' totaal '' 2025)" "10/17"
expect_eq "all ontbreekt 2025" "$(row $G.ontbreekt '*' '*' totaal '' 2025)" "7/17"
# rows: accepted/rejected of the data rows read, at the delivery's own period (quarters also in the year)
# VP-A Q1: zwangerschap 3 + screening 2 accepted, 3 rejected, of 6 + 2; Q2: 4 of 4; 2025: 9 and 3 of 12
expect_eq "VP-A rijen_geaccepteerd" "$(series $G.rijen_geaccepteerd zl '*' organisatie VP-A)" "2025=9/12 2025Q1=5/8 2025Q2=4/4 2025Q3=0/0"
expect_eq "VP-A rijen_afgewezen" "$(series $G.rijen_afgewezen zl '*' organisatie VP-A)" "2025=3/12 2025Q1=3/8 2025Q2=0/4 2025Q3=0/0"
# JGZ-C's rows are in its year only
expect_eq "JGZ-C rijen_afgewezen" "$(series $G.rijen_afgewezen zl '*' organisatie JGZ-C)" "2025=1/6 2025Q1=0/0 2025Q2=0/0 2025Q3=0/0"
# zl 2025: accepted 9 + 4 + 5 = 18, rejected 3 + 0 + 1 = 4, of 12 + 4 + 6 = 22; all regions + ZH-D 4 of 4
expect_eq "zl rijen 2025" "$(row $G.rijen_geaccepteerd zl '*' totaal '' 2025) $(row $G.rijen_afgewezen zl '*' totaal '' 2025)" "18/22 4/22"
expect_eq "all rijen 2025" "$(row $G.rijen_geaccepteerd '*' '*' totaal '' 2025) $(row $G.rijen_afgewezen '*' '*' totaal '' 2025)" "22/26 4/26"
# places: VP-A and ZH-B at site S-NOORD, JGZ-C and KNP-E at site onbekend (no site in the registry)
expect_eq "site rows of zl" "$(row $G.geleverd zl S-NOORD totaal '' 2025) $(row $G.geleverd zl onbekend totaal '' 2025) $(row $G.geleverd zl S-NOORD organisatie VP-A 2025)" "5/7 3/5 3/4"
expect_eq "the places" "$(sql "SELECT group_concat(p, ' ') FROM (SELECT DISTINCT regio || ':' || site AS p FROM uitkomst WHERE $Q ORDER BY 1)")" \
    "*:* zhz:* zhz:S-DORD zl:* zl:S-NOORD zl:onbekend"
# no organisation of the registry without a cell (none here) and no refused delivery gives a row
expect_eq "VP-A screening Q2 not counted" "$(row $G.geleverd zl '*' organisatie VP-A 2025Q2)" "1/1"

# ---- verankering.deelname -----------------------------------------------------------------------------
# delivered in Q1: VP-A, ZH-B, JGZ-C (year), ZH-D; Q2: VP-A, JGZ-C, ZH-D; Q3: ZH-B, JGZ-C; 2025: all but KNP-E
# zl has 4 registered organisations, zhz 1, all 5
D=verankering.deelname
expect_eq "deelname zl" "$(series $D zl '*' totaal '')" "2025=3/4 2025Q1=3/4 2025Q2=2/4 2025Q3=2/4"
expect_eq "deelname zhz" "$(series $D zhz '*' totaal '')" "2025=1/1 2025Q1=1/1 2025Q2=1/1 2025Q3=0/1"
expect_eq "deelname all" "$(series $D '*' '*' totaal '')" "2025=4/5 2025Q1=4/5 2025Q2=3/5 2025Q3=2/5"
expect_eq "deelname per soort, all 2025Q2" "$(sql "SELECT group_concat(groepwaarde || '=' || teller || '/' || noemer, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = '$D' AND regio = '*' AND site = '*' AND groep = 'organisatie_soort' AND periode = '2025Q2' ORDER BY groepwaarde)")" \
    "jgz=1/1 knooppunt=0/1 verloskundigenpraktijk=1/1 ziekenhuis=1/2"
expect_eq "deelname per site 2025Q2" "$(row $D zl S-NOORD totaal '' 2025Q2) $(row $D zl onbekend totaal '' 2025Q2) $(row $D zhz S-DORD totaal '' 2025Q3)" "1/2 1/2 0/1"
# 3 of 4 as a share with the Wilson interval: p = 0.75, z = 1.959964, z^2 = 3.841459;
# centre (0.75 + 3.841459/8) / (1 + 3.841459/4) = 1.230182 / 1.960365 = 0.627527;
# half-width 1.959964 * sqrt(0.75 * 0.25 / 4 + 3.841459 / 64) / 1.960365 = 0.640814 / 1.960365 = 0.326885
expect_eq "a share and its interval" "$(sql "SELECT round(waarde, 2) || ' ' || round(ci_laag, 2) || ' ' || round(ci_hoog, 2) || ' ' || eenheid FROM uitkomst WHERE indicator = '$D' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2025Q1'")" \
    "75.0 30.06 95.44 %"
# municipalities with an intake (P1 GM0935, P2 GM0917, P3 GM0881 -> GM1954 in Q1; P7, P9 GM0935 and P8 GM0505 in Q2)
expect_eq "gemeenten zl" "$(series $D.gemeenten zl '*' totaal '')" "2025=3/3 2025Q1=3/3 2025Q2=1/3 2025Q3=0/3"
expect_eq "gemeenten zhz" "$(series $D.gemeenten zhz '*' totaal '')" "2025=1/1 2025Q1=0/1 2025Q2=1/1 2025Q3=0/1"
expect_eq "gemeenten all" "$(series $D.gemeenten '*' '*' totaal '')" "2025=4/4 2025Q1=3/4 2025Q2=2/4 2025Q3=0/4"

# ---- kwaliteit.koppeling.ongekoppeld: current records dated by the peildatum, by delivery period -----------
O=kwaliteit.koppeling.ongekoppeld
# JGZ-C: PX's huisbezoek and P2's prenatal visit link, PZ's two contacts do not; PY's 3m (20-08) is after the peildatum
expect_eq "jgz_contact JGZ-C" "$(series $O.jgz_contact zl '*' organisatie JGZ-C)" "2025=2/4"
# ZH-D overdracht: P8's links by its due date, PW's does not
expect_eq "overdracht ZH-D" "$(series $O.overdracht zhz '*' organisatie ZH-D)" "2025=1/2 2025Q1=1/2"
# zwangerschap VP-A: Q1 P1, P3 (P2's row was replaced by its Q2 version); Q2 P7, P8, P9, P2
expect_eq "zwangerschap VP-A" "$(series $O.zwangerschap zl '*' organisatie VP-A)" "2025=0/6 2025Q1=0/2 2025Q2=0/4"
# bevalling ZH-B: Q1 PX and PY (a pregnancy from the due date alone), Q3 P1 (P2's birth is after the peildatum)
expect_eq "bevalling ZH-B" "$(series $O.bevalling zl '*' organisatie ZH-B)" "2025=0/3 2025Q1=0/2 2025Q3=0/1"
# all types, zl 2025: VP-A 6 + 2, ZH-B 3, JGZ-C 4 = 15 records, 2 unlinked; all regions + ZH-D 2 + 2: 3 of 19
expect_eq "all types" "$(row $O zl '*' totaal '' 2025) $(row $O '*' '*' totaal '' 2025) $(row $O zhz '*' organisatie ZH-D 2025)" "2/15 3/19 1/4"
expect_eq "a share unlinked" "$(sql "SELECT round(waarde, 2) || ' ' || eenheid FROM uitkomst WHERE indicator = '$O' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode = '2025'")" "13.33 %"
# every delivery here is of 2025: its year rows agree with what linkage counted per organisation and type
expect_eq "agrees with the koppeling table" "$(sql "SELECT count(*) FROM koppeling k LEFT JOIN uitkomst u ON u.indicator = '$O.' || k.type AND u.regio = '*' AND u.site = '*' AND u.groep = 'organisatie' AND u.groepwaarde = k.organisatie AND u.periode = '2025' WHERE coalesce(u.teller, -1) <> k.ongekoppeld OR coalesce(u.noemer, -1) <> k.records") $(sql 'SELECT count(*) FROM koppeling')" "0 6"

# ---- kwaliteit.afgewezen: rejected rows (each under its first reason) of data rows read ----------------
A=kwaliteit.afgewezen
expect_eq "zwangerschap per organisation" "$(series $A.zwangerschap zl '*' organisatie VP-A)" "2025=3/10 2025Q1=3/6 2025Q2=0/4"
# line 5 municipality; lines 6 and 7 code (line 6 also has a date problem, counted once, under code)
expect_eq "zwangerschap per reason, zl 2025Q1" "$(sql "SELECT group_concat(groepwaarde || '=' || teller || '/' || noemer, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = '$A.zwangerschap' AND regio = 'zl' AND site = '*' AND groep = 'reden' AND periode = '2025Q1' ORDER BY groepwaarde)")" \
    "code=2/6 municipality=1/6"
expect_eq "jgz_contact" "$(row $A.jgz_contact zl '*' totaal '' 2025) $(row $A.jgz_contact zl '*' reden required 2025)" "1/6 1/6"
expect_eq "a type without rejections" "$(series $A.overdracht zhz '*' organisatie ZH-D)" "2025=0/2 2025Q1=0/2"
# all types, zl 2025: 3 + 1 = 4 rejected of 12 + 4 + 6 = 22 rows; reasons code 2, municipality 1, required 1
expect_eq "all types zl 2025" "$(row $A zl '*' totaal '' 2025) $(sql "SELECT group_concat(groepwaarde || '=' || teller || '/' || noemer, ' ') FROM (SELECT * FROM uitkomst WHERE indicator = '$A' AND regio = 'zl' AND site = '*' AND groep = 'reden' AND periode = '2025' ORDER BY groepwaarde)")" \
    "4/22 code=2/22 municipality=1/22 required=1/22"
expect_eq "all regions 2025" "$(row $A '*' '*' totaal '' 2025)" "4/26"
expect_eq "reasons add up to totaal" "$(sql "SELECT count(*) FROM uitkomst t WHERE t.indicator LIKE '$A%' AND t.groep = 'totaal' AND t.teller <> coalesce((SELECT sum(r.teller) FROM uitkomst r WHERE r.indicator = t.indicator AND r.regio = t.regio AND r.site = t.site AND r.periode = t.periode AND r.groep = 'reden'), 0)")" "0"
expect_eq "rejected rows agree with the ledger" "$(row $A '*' '*' totaal '' 2025)" "$(sql "SELECT sum(rows_rejected) || '/' || sum(rows_read - rows_skipped) FROM levering WHERE status = 'actief' AND organisatie IS NOT NULL")"

# ---- kwaliteit.volledigheid: share of current rows dated by the peildatum with a value ----------------------
V=kwaliteit.volledigheid
# pariteit: Q1 P1 0, P3 1 (2 of 2); Q2 P7 2+, P8 empty, P9 1, P2 1 (3 of 4)
# (every completeness row counts persons: in this fixture of a few persons each is suppressed; the raw counts below)
expect_eq "zwangerschap pariteit" "$(seriesraw $V.zwangerschap zl '*' kolom pariteit)" "2025=5/6x 2025Q1=2/2x 2025Q2=3/4x"
# geboortegewicht: Q1 PX 3400, PY empty; Q3 P1 only (P2 born after the peildatum)
expect_eq "bevalling geboortegewicht" "$(seriesraw $V.bevalling zl '*' kolom geboortegewicht)" "2025=2/3x 2025Q1=1/2x 2025Q3=1/1x"
# jgz_contact: a_terme_datum only on P2's prenatal visit; geboortedatum on the other three
expect_eq "jgz_contact dates" "$(rowraw $V.jgz_contact zl '*' kolom a_terme_datum 2025) $(rowraw $V.jgz_contact zl '*' kolom geboortedatum 2025)" "1/4 x 3/4 x"
# columns filled only on an event (an episode ended, risk factors found) count persons with that event: 1 of 2 is
# suppressed like any count of persons (OUTCOMES.md, disclosure: event columns)
expect_eq "zorgepisode eind_datum (event column)" "$(rowraw $V.zorgepisode zhz '*' kolom eind_datum 2025Q2)" "1/2 x"
expect_eq "screening risicofactoren (event column)" "$(rowraw $V.screening zl S-NOORD kolom risicofactoren 2025Q1)" "1/2 x"
# any column: whether it is filled can tell something of a person (a stillbirth has no birth weight, a prenatal
# visit no geboortedatum), so a column filled on every row is suppressed as well when its noemer is under 10
expect_eq "a column filled on every row: suppressed too" "$(rowraw $V.zorgepisode zhz '*' kolom start_datum 2025Q2)" "2/2 x"
expect_eq "the columns of a type (bookkeeping and organisatie left out)" "$(sql "SELECT group_concat(groepwaarde, ' ') FROM (SELECT groepwaarde FROM uitkomst WHERE indicator = '$V.zorgepisode' AND regio = '*' AND site = '*' AND periode = '2025' ORDER BY groepwaarde)")" \
    "a_terme_datum client_pseudoniem eind_datum lijn reden start_datum"

# ---- conventions of the whole family --------------------------------------------------------------------
# the rows that count persons: every completeness row, and the rows of the mdo extract (each record a pregnancy of
# route 3), which the counts over all types leave out
EV="((indicator LIKE '$V.%' AND groep = 'kolom') OR indicator IN ('$A.mdo', '$O.mdo'))"
expect_eq "never suppressed but event columns, raw = shown" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND NOT $EV AND (onderdrukt <> '' OR teller IS NULL OR teller <> teller_ruw OR noemer <> noemer_ruw)")" "0"
expect_eq "event columns: no shown row with a noemer under 10 or a teller or complement of 1-9" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND $EV AND onderdrukt = '' AND (noemer < 10 OR teller BETWEEN 1 AND 9 OR noemer - teller BETWEEN 1 AND 9)")" "0"
expect_eq "event columns: suppressed rows show nothing, raw kept" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND $EV AND onderdrukt <> '' AND (onderdrukt <> 'x' OR teller IS NOT NULL OR noemer IS NOT NULL OR waarde IS NOT NULL OR teller_ruw IS NULL)")" "0"
expect_eq "event columns: some suppressed in this fixture" "$(sql "SELECT count(*) > 0 FROM uitkomst WHERE $Q AND $EV AND onderdrukt <> ''")" "1"
expect_eq "units" "$(sql "SELECT group_concat(x, ' ') FROM (SELECT DISTINCT CASE WHEN indicator LIKE 'verankering.aanlevering.%' THEN 'aanlevering' WHEN indicator LIKE 'verankering.deelname%' THEN 'deelname' WHEN indicator LIKE 'kwaliteit.koppeling.%' THEN 'koppeling' WHEN indicator LIKE 'kwaliteit.afgewezen%' THEN 'afgewezen' ELSE 'volledigheid' END || ':' || eenheid AS x FROM uitkomst WHERE $Q ORDER BY 1)")" \
    "aanlevering:aantal afgewezen:aantal deelname:% koppeling:% volledigheid:%"
expect_eq "a count's value is its teller, without interval" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND eenheid = 'aantal' AND (waarde <> teller OR ci_laag IS NOT NULL)")" "0"
expect_eq "a share's value and interval" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND eenheid = '%' AND onderdrukt = '' AND (noemer < 1 OR abs(waarde - 100.0 * teller / noemer) > 1e-9 OR ci_laag > waarde OR ci_hoog < waarde OR ci_laag IS NULL)")" "0"
expect_eq "voorlopig: the periods not over at the peildatum" "$(sql "SELECT group_concat(periode || '=' || v, ' ') FROM (SELECT periode, max(voorlopig) AS v FROM uitkomst WHERE $Q GROUP BY periode HAVING min(voorlopig) = max(voorlopig) ORDER BY periode)")" \
    "2025=1 2025Q1=0 2025Q2=0 2025Q3=1"
expect_eq "no period after the peildatum" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND periode IN ('2025Q4', '2026')")" "0"
expect_eq "organisation rows add up to totaal" "$(sql "SELECT count(*) FROM uitkomst t WHERE (t.indicator LIKE 'verankering.aanlevering.%' OR t.indicator LIKE '$O%' OR t.indicator LIKE '$A%') AND t.groep = 'totaal' AND (t.teller, t.noemer) IS NOT (SELECT sum(o.teller), sum(o.noemer) FROM uitkomst o WHERE o.indicator = t.indicator AND o.regio = t.regio AND o.site = t.site AND o.periode = t.periode AND o.groep = 'organisatie')")" "0"
expect_eq "quarters add up to the year (delivery cells)" "$(sql "SELECT count(*) FROM uitkomst y WHERE y.indicator IN ('$G.geleverd', '$G.ontbreekt', '$G.gecorrigeerd') AND y.periode = '2025' AND (y.teller, y.noemer) IS NOT (SELECT sum(q.teller), sum(q.noemer) FROM uitkomst q WHERE q.indicator = y.indicator AND q.regio = y.regio AND q.site = y.site AND q.groep = y.groep AND q.groepwaarde = y.groepwaarde AND q.periode LIKE '2025Q_')")" "0"
# targets (ref/doelen.csv): verankering.deelname 75 in zl from 2025Q1, 90 elsewhere from 2025; kwaliteit.volledigheid
# 95; kwaliteit.koppeling 95, a linkage rate: not a target for the share unlinked. Green meets the target, amber
# when the interval holds it: zl 2025Q1 75 % -> groen; zl 2025Q2 50 % (15.0-85.0) -> oranje; all 2025Q1 80 %
# (37.6-96.4) -> oranje; all 2025Q3 40 % (11.8-76.9) -> rood; pariteit 2025Q1 100 % -> groen, 2025Q2 75 % (30.1-95.4) -> oranje
status() { sql "SELECT coalesce(doel, '-') || ':' || coalesce(status, '-') FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '*' AND groep = '$3' AND groepwaarde = '$4' AND periode = '$5'"; }
expect_eq "targets and status" "$(status $D zl totaal '' 2025Q1) $(status $D zl totaal '' 2025Q2) $(status $D '*' totaal '' 2025Q1) $(status $D '*' totaal '' 2025Q3)" \
    "75.0:groen 75.0:oranje 90.0:oranje 90.0:rood"
expect_eq "targets of completeness (suppressed here: grijs)" "$(status $V.zwangerschap zl kolom pariteit 2025Q1) $(status $V.zwangerschap zl kolom pariteit 2025Q2)" "95.0:grijs 95.0:grijs"
expect_eq "no target for the unlinked, no status without a direction" "$(sql "SELECT count(*) FROM uitkomst WHERE (indicator LIKE '$O%' AND doel IS NOT NULL) OR (indicator LIKE '$G.%' AND status IS NOT NULL)")" "0"
expect_eq "the count printed includes these rows" "$(grep -o '[0-9]* outcome rows' "$W/out" | cut -d' ' -f1)" "$(sql 'SELECT count(*) FROM uitkomst')"

# ---- again: the same rows, not twice; a later peildatum counts what happened since ---------------------------------
"$K" compute --db "$DB" --peildatum 15-08-2025 >/dev/null || bad "compute again"
expect_eq "recompute gives the same rows" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q")" "$N1"
"$K" compute --db "$DB" >/dev/null || bad "compute at the default peildatum"
# the default peildatum is 31-12-2025 (the end of the year delivery): 2025Q4 is due and missing for VP-A
# zwangerschap, ZH-B bevalling, KNP-E mdo, ZH-D overdracht and zorgepisode; JGZ-C's year covers it
expect_eq "2025Q4 at the default peildatum" "$(row $G.ontbreekt '*' '*' totaal '' 2025Q4) $(row $G.geleverd '*' '*' totaal '' 2025Q4)" "5/6 1/6"
# P2's child (10-09-2025) and PY's 3m contact (20-08-2025) now count
expect_eq "records up to the new peildatum" "$(rowraw $V.bevalling zl '*' kolom geboortegewicht 2025Q3) $(row $O.jgz_contact zl '*' organisatie JGZ-C 2025)" "2/2 x 2/5"
expect_eq "nothing voorlopig at the end of the year" "$(sql "SELECT count(*) FROM uitkomst WHERE $Q AND voorlopig = 1")" "0"

summary
