#!/usr/bin/env bash
# Hand-computed checks of two indicator families of the outcome table (table uitkomst) that
# tests/uitkomst.sh leaves out, worked out from the contract alone (shared design OUTCOMES.md,
# section L and "Comparing sites"; EXTRACTS.md; and the "Keuzes" of docs/uitkomsten.md), on the
# small world in tests/fixtures/verschuiving:
#   (1) the shift to the 1st line: lijn.verschuiving.eerste_lijn_baring.verschil / .trend and
#       lijn.verschuiving.eerste_lijn_dagen.verschil / .trend, with the default baseline year and
#       with `kansrijk compute --basis 2022`;
#   (2) the observed/expected ratios uitkomst.vroeggeboorte.oe and uitkomst.laag_geboortegewicht.oe
#       (indirect standardisation on leeftijdsklasse x pariteit, exact Poisson interval) and the
#       relative risk uitkomst.vroeggeboorte.rr_route3 (log method).
#
# Usage: tests/verschuiving.sh PATH/TO/kansrijk
# Prints one line per check, "ok NAME" or "FAIL NAME: got X expected Y", and exits 1 when any
# check fails (2 when the fixtures cannot even be loaded).
#
# The database is computed with --peildatum 15-04-2025 (P) and --min-cel 5. Values (waarde) and
# intervals (ci_laag, ci_hoog) are compared to two decimals, counts exactly.
#
# The contract, as used below (docs/uitkomsten.md, "Keuzes"):
#  - .verschil: one row per year after the baseline year: waarde(year) - waarde(baseline) in
#    percentage points; for births with Newcombe's hybrid score interval (method 10, built from
#    the two Wilson intervals, z = 1.959964); for care-days no interval; null when either year's
#    row is suppressed. teller and noemer are empty on pp rows; teller_ruw/noemer_ruw hold "the
#    counts of the row they rest on".
#  - .trend: weighted least squares of the quarterly values (in %) on the quarter, weights =
#    noemer, from Q1 of the baseline year to the last quarter that has ended on P, only quarters
#    whose own quarterly row (of lijn.eerste_lijn_baring / lijn.eerste_lijn_dagen, same place
#    and groep) is shown: a suppressed quarter, by whatever rule (noemer, complement, secondary),
#    takes no part, as the slope would give its value away; slope in pp per quarter with a
#    t-interval on k - 2 degrees of freedom; periode 'BASELINE-LASTYEAR'; teller_ruw = k, the
#    number of quarters used; noemer_ruw = the sum of their noemers (the weights).
#  - baseline: --basis, else the first calendar year with data in all four quarters.
#  - .oe: observed / expected, expected = sum over the leeftijdsklasse x pariteit strata of the
#    place's children in the stratum x the rate of all regions together in that stratum (same
#    period); exact Poisson 95 % interval of the observed count divided by the expected count;
#    per region and site, per year and rolling window; null when the row's own totaal is
#    suppressed or nothing is observed.
#  - .rr_route3: risk in route 3 / risk in route 1, interval exp(ln RR +- z*se),
#    se = sqrt(1/a - 1/n3 + 1/c - 1/n1); null when an arm is suppressed or has a zero cell.
#
# ======================================================================================
# THE WORLD (labels; tests/fixtures/verschuiving/README.md maps them to pseudonyms:
# pseudonym = SHA-256 of "kansrijk-verschuiving-<label>")
# ======================================================================================
# Regions zl (GM0935, GM0917) and zhz (GM0505). Sites S-A (zl: VP-A midwives, ZH-A hospital),
# S-B (zl: VP-B, ZH-B), S-C (zhz: VP-C, ZH-C). Files are <type>_<organisatie>_<year>.csv.
#
# O - 140 children born 01-05-2021..19-06-2021 (all in 2021Q2), each its own pregnancy with a
#     zwangerschap row (intake 01-04..20-04-2021 at VP-A/VP-B/VP-C, which gives the site), one
#     screening on the intake date (route 1 or 3) and a bevalling row (ZH-A/ZH-B/ZH-C), all
#     levend. Preterm = 34+0 weeks, else 40+0; low = 2200 g, else 3400 g. Two strata only:
#     a = leeftijdsklasse 25-29, pariteit 0; b = 35-39, pariteit 1.
#  A01-A40 zl S-A (GM0935), stratum a. Route 3: A01-A10, of which A01-A05 preterm; route 1:
#          A11-A40, of which A11-A16 low.
#  B01-B20 zl S-B (GM0917), stratum b. Route 3: B01-B12, of which B01-B07 preterm and B01-B05
#          low; route 1: B13-B20.
#  C01-C80 zhz S-C (GM0505). C01-C60 stratum a, route 1, C01-C05 preterm, C01-C14 low;
#          C61-C80 stratum b, route 3, C61-C65 preterm and low.
# L - births for lijn.eerste_lijn_baring: one bevalling row each (no zwangerschap row, so not
#     screened; region and site from the bevalling organisation: ZH-A, zl, S-A), 40+0, 3400 g,
#     levend; a_terme_datum = geboortedatum. Per quarter (label L<quarter>-<nn>), lijn 1 / births:
#       2022Q3 6/20   2022Q4 8/20                                       (nothing in 2022Q1, Q2)
#       2023Q1 8/20   2023Q2 12/20  2023Q3 2/4   2023Q4 10/20
#       2024Q1 12/20  2024Q2 15/30  2024Q3 14/20 2024Q4 13/20
#       2025Q1 16/20  2025Q2 5/10 (born 01-04..10-04-2025, before P; the quarter has not ended)
#     2023Q3: L2023Q3-01 (lijn 1) and -02 (lijn 2) at ZH-A, -03 (lijn 1) and -04 (lijn 2) at
#     ZH-B (site S-B): site S-B's only births after 2021. All four are born at 23+0 weeks
#     (a_terme_datum = birth + 119): lijn.eerste_lijn_baring counts all gestational ages,
#     uitkomst.* only >= 24+0, so these four make no small uitkomst cell (a 2-child S-B 2023
#     row would, through the window group {S-B 2021, S-B 2023, S-B 2021-2023} and then the site
#     group, suppress the 2021 site rows the O/E checks need).
# D - route-2 pregnancies for lijn.eerste_lijn_dagen: zwangerschap row at VP-A (GM0935, 30-34,
#     pariteit 1, intake on day 1..5 of the quarter, due = intake + 200, no birth), a route-2
#     screening on the intake date, a line-1 episode at VP-A of a days from the intake and then a
#     line-2 episode at ZH-A of b days (both closed, all before P). Per quarter (label
#     D<quarter>-<n>), pregnancies x (a, b) -> line-1 days / all care-days:
#       2022Q3 5 x (20,60) = 100/400   2022Q4 5 x (18,42) =  90/300
#       2023Q1 5 x (24,56) = 120/400   2023Q2 5 x (24,36) = 120/300
#       2023Q3 (25,42) (25,42) (25,41) =  75/200 (3 pregnancies)   2023Q4 5 x (28,52) = 140/400
#       2024Q1 5 x (30,30) = 150/300   2024Q2 5 x (36,44) = 180/400
#       2024Q3 5 x (40,40) = 200/400   2024Q4 5 x (24,36) = 120/300
#       2025Q1 5 x (48,32) = 240/400   2025Q2 5 x (2,8) = 10/50 (intake 01-04..05-04-2025)
# Nothing else. So 2021 has data in one quarter only, 2022 in two, 2023 in all four: the
# default baseline year is 2023 (for both indicators, whichever records are counted as data).

. "$(dirname "$0")/lib.sh" verschuiving "$1"
FX=$HERE/fixtures/verschuiving
DB=$W/verschuiving.db
where() { echo "indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' AND periode = '$6'"; }
# raw IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: teller_ruw/noemer_ruw of one row
raw() {
    check "$1 $2/$3 $4${5:+=$5} $6 raw" "$(sql "SELECT teller_ruw || '/' || noemer_ruw FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"
}
# val IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: waarde to two decimals, or "null"
val() {
    check "$1 $2/$3 $4${5:+=$5} $6 waarde" \
        "$(sql "SELECT CASE WHEN waarde IS NULL THEN 'null' ELSE printf('%.2f', waarde) END FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"
}
# ci IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: "ci_laag ci_hoog" to two decimals, or "null null"
ci() {
    check "$1 $2/$3 $4${5:+=$5} $6 ci" \
        "$(sql "SELECT CASE WHEN ci_laag IS NULL THEN 'null' ELSE printf('%.2f', ci_laag) END || ' ' || CASE WHEN ci_hoog IS NULL THEN 'null' ELSE printf('%.2f', ci_hoog) END FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"
}
# counts IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: teller/noemer as shown ("null/null" on pp and ratio rows)
counts() {
    check "$1 $2/$3 $4${5:+=$5} $6 teller/noemer" \
        "$(sql "SELECT coalesce(teller, 'null') || '/' || coalesce(noemer, 'null') FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"
}
# sup IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: onderdrukt ('' shows as "shown")
sup() {
    check "$1 $2/$3 $4${5:+=$5} $6 onderdrukt" \
        "$(sql "SELECT CASE WHEN onderdrukt = '' THEN 'shown' ELSE onderdrukt END FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"
}
# One check of a whole pp/ratio row: waarde, interval
row() { val "$1" "$2" "$3" "$4" "$5" "$6" "$8"; ci "$1" "$2" "$3" "$4" "$5" "$6" "$7"; }   # row IND R S G GW P "LO HI" WAARDE

# Exact Poisson 95 % limits of an observed count O, computed HERE independently of the engine:
# bisection in awk on the Poisson CDF (no chi-square routine). Lower limit L: P(X >= O | L) =
# 0.025; upper limit U: P(X <= O | U) = 0.025. oe_ci O E prints "L/E U/E" to two decimals.
# (Cross-check with a table of exact limits, e.g. the chi-square form chi2(.025; 2O)/2 and
# chi2(.975; 2O+2)/2: O=5 1.6235 11.6683 | 6 2.2019 13.0595 | 7 2.8144 14.4227 |
# 10 4.7954 18.3904 | 11 5.4912 19.6820 | 12 6.2006 20.9616 | 19 11.4392 29.6709.)
oe_ci() {
    awk -v o="$1" -v e="$2" '
        function cdf(k, m,   i, term, s) { term = exp(-m); s = term; for (i = 1; i <= k; i++) { term *= m / i; s += term }; return s }
        function lower(o,   lo, hi, mid, i) { lo = 0; hi = 10 * o + 10; for (i = 0; i < 200; i++) { mid = (lo + hi) / 2; if (1 - cdf(o - 1, mid) < 0.025) lo = mid; else hi = mid }; return (lo + hi) / 2 }
        function upper(o,   lo, hi, mid, i) { lo = 0; hi = 10 * o + 10; for (i = 0; i < 200; i++) { mid = (lo + hi) / 2; if (cdf(o, mid) > 0.025) lo = mid; else hi = mid }; return (lo + hi) / 2 }
        BEGIN { printf "%.2f %.2f\n", lower(o) / e, upper(o) / e }'
}

# ---- load: the reference files first, then every extract; nothing may be rejected -------------
"$K" init --db "$DB" >/dev/null || { echo "FAIL init"; exit 2; }
for r in regios sites gemeenten organisaties; do
    "$K" ingest --db "$DB" "$FX/$r.csv" >"$W/ingest.out" 2>&1 || { echo "FAIL ingest $r.csv"; cat "$W/ingest.out"; exit 2; }
done
"$K" ingest --db "$DB" "$FX"/*_*_*.csv >"$W/ingest.out" 2>&1
check "ingest: exit status" "$?" "0"
check "ingest: all 30 deliveries active" "$(sql "SELECT count(*) FROM levering WHERE organisatie IS NOT NULL AND status = 'actief'")" "30"
check "ingest: every row accepted (read/accepted/rejected/skipped)" \
    "$(sql "SELECT sum(rows_read) || '/' || sum(rows_accepted) || '/' || sum(rows_rejected) || '/' || sum(rows_skipped) FROM levering WHERE organisatie IS NOT NULL")" "876/876/0/0"
"$K" compute --db "$DB" --peildatum 15-04-2025 --min-cel 5 >"$W/compute.out" 2>&1
check "compute: exit status" "$?" "0"

B=lijn.eerste_lijn_baring
BV=lijn.verschuiving.eerste_lijn_baring
DG=lijn.eerste_lijn_dagen
DV=lijn.verschuiving.eerste_lijn_dagen

# ======================================================================================
# 1a. The rows the shift rests on (zl, site *, totaal)
# ======================================================================================
# lijn.eerste_lijn_baring (cohort birth): the L births above. zl 2021Q2 also holds the 60 O
# children of zl (route 1 -> lijn 1: A11-A40 and B13-B20 = 38), not used by any shift row.
#   2022 = 6+8 = 14/40 = 35 %      2023 = 8+12+2+10 = 32/64 = 50 %
#   2024 = 12+15+14+13 = 54/90 = 60 %      2025 = 16+5 = 21/30 = 70 %
raw $B zl '*' totaal '' 2022 14/40
raw $B zl '*' totaal '' 2023 32/64
raw $B zl '*' totaal '' 2024 54/90
raw $B zl '*' totaal '' 2025 21/30
raw $B zl '*' totaal '' 2023Q3 2/4
raw $B zl '*' totaal '' 2024Q2 15/30
raw $B zl '*' totaal '' 2025Q2 5/10
val $B zl '*' totaal '' 2023 50.00
val $B zl '*' totaal '' 2024 60.00
#   Quarter rows suppressed at --min-cel 5 (the trend below leaves every one of them out, also
#   those with >= 5 births: only shown quarters take part):
#   2023Q3 2/4 (noemer < 5), and so 2023Q1 8/20 (secondary: the group {2023Q1..Q4, 2023} holds one
#   suppressed row; its shown part with the smallest teller is 2023Q1, 8 < 10 < 12); 2025Q1 16/20
#   (complement 4), and so 2025Q2 5/10 (secondary, the only other quarter of 2025). The years stay
#   shown, and so do 2022Q3, 2022Q4, 2023Q2, 2023Q4 and 2024Q1..Q4 (tellers and complements >= 5).
#   S-A has the same quarters suppressed (S-A = * but for 2023Q3, where S-A 1/2 and S-B 1/2 are
#   both suppressed).
sup $B zl '*' totaal '' 2023Q3 'x'
sup $B zl '*' totaal '' 2023Q1 'x'
sup $B zl '*' totaal '' 2025Q1 'x'
sup $B zl '*' totaal '' 2025Q2 'x'
sup $B zl '*' totaal '' 2023Q2 shown
sup $B zl '*' totaal '' 2022Q3 shown
sup $B zl '*' totaal '' 2024Q2 shown
sup $B zl S-A totaal '' 2023Q1 'x'
sup $B zl S-A totaal '' 2025Q1 'x'
sup $B zl '*' totaal '' 2023 shown
sup $B zl '*' totaal '' 2025 shown
# lijn.eerste_lijn_dagen (cohort intake, route 2/3): the D pregnancies above.
#   2022 = 190/700 = 27.142857 %    2023 = (120+120+75+140)/(400+300+200+400) = 455/1300 = 35 %
#   2024 = (150+180+200+120)/(300+400+400+300) = 650/1400 = 46.428571 %
#   2025 = (240+10)/(400+50) = 250/450 = 55.555556 %
raw $DG zl '*' totaal '' 2022 190/700
raw $DG zl '*' totaal '' 2023 455/1300
raw $DG zl '*' totaal '' 2024 650/1400
raw $DG zl '*' totaal '' 2025 250/450
raw $DG zl '*' totaal '' 2023Q3 75/200
raw $DG zl '*' totaal '' 2025Q2 10/50
val $DG zl '*' totaal '' 2023 35.00
val $DG zl '*' totaal '' 2024 46.43
#   Quarter rows suppressed at --min-cel 5 (care-days: fewer than 5 pregnancies in the cell; no
#   teller or complement rule on days): 2023Q3 (3 pregnancies), and so one shown quarter of 2023
#   (secondary, smallest teller, then noemer): 2023Q1 120/400, 2023Q2 120/300, 2023Q4 140/400 ->
#   the tie on 120 days goes to the smaller noemer: 2023Q2. Every other quarter (5 pregnancies
#   each) is shown, 2025Q1 and 2025Q2 included.
sup $DG zl '*' totaal '' 2023Q3 'x'
sup $DG zl '*' totaal '' 2023Q2 'x'
sup $DG zl '*' totaal '' 2023Q1 shown
sup $DG zl '*' totaal '' 2023Q4 shown
sup $DG zl '*' totaal '' 2025Q1 shown
sup $DG zl '*' totaal '' 2023 shown

# ======================================================================================
# 1b. lijn.verschuiving.eerste_lijn_baring, default baseline = 2023
# ======================================================================================
# .verschil, zl *, per year after 2023: 2024 and 2025 (none for 2021, 2022 or 2023 itself).
# Wilson 95 % (z = 1.959964): centre (x + z^2/2)/(n + z^2), half z*sqrt(x(n-x)/n + z^2/4)/(n + z^2)
#   54/90: p .600000, W = (.496703, .695110): p - l = .103297, u - p = .095110
#   32/64: p .500000, W = (.381021, .618979): p - l = u - p = .118979
#   21/30: p .700000, W = (.521242, .833353): p - l = .178758, u - p = .133353
#   14/40: p .350000, W = (.221345, .504941): p - l = .128655, u - p = .154941
# Newcombe 10, d = p1 - p2: L = d - sqrt((p1 - l1)^2 + (u2 - p2)^2), U = d + sqrt((u1 - p1)^2 + (p2 - l2)^2)
#   2024 vs 2023: d = 10 pp; L = 10 - 100*sqrt(.103297^2 + .118979^2) = 10 - 15.7564 = -5.7564
#                            U = 10 + 100*sqrt(.095110^2 + .118979^2) = 10 + 15.2322 = 25.2322
#   2025 vs 2023: d = 20 pp; L = 20 - 100*sqrt(.178758^2 + .118979^2) = 20 - 21.4733 = -1.4733
#                            U = 20 + 100*sqrt(.133353^2 + .118979^2) = 20 + 17.8715 = 37.8715
#   (2025 is not over on P; its year row exists and is shown, so its verschil is written.)
check "$BV.verschil zl/*: rows for the years after 2023 only" \
    "$(sql "SELECT group_concat(periode, ' ') FROM (SELECT periode FROM uitkomst WHERE indicator = '$BV.verschil' AND regio = 'zl' AND site = '*' AND groep = 'totaal' ORDER BY periode)")" "2024 2025"
row $BV.verschil zl '*' totaal '' 2024 "-5.76 25.23" 10.00
row $BV.verschil zl '*' totaal '' 2025 "-1.47 37.87" 20.00
counts $BV.verschil zl '*' totaal '' 2024 null/null
check "$BV.verschil zl/* 2024 eenheid" "$(sql "SELECT eenheid FROM uitkomst WHERE $(where $BV.verschil zl '*' totaal '' 2024)")" "pp"
#   teller_ruw/noemer_ruw "hold the counts of the row it rests on": the year's row, 54/90
raw $BV.verschil zl '*' totaal '' 2024 54/90
#   all regions together: after 2021 only zl has data, so '*' = zl
row $BV.verschil '*' '*' totaal '' 2024 "-5.76 25.23" 10.00
#   route: every L birth is unscreened, so route niet_gescreend = totaal
row $BV.verschil zl '*' route niet_gescreend 2024 "-5.76 25.23" 10.00
#   site S-A: 2023 = 31/62 (all but L2023Q3-03/-04); S-B 2023 = 1/2 is suppressed (noemer < 5),
#   so the group {S-A, S-B, site *} of 2023 holds exactly one suppressed row and the secondary
#   rule suppresses its shown part S-A 2023 as well -> S-A's verschil is null (one year suppressed).
raw $B zl S-A totaal '' 2023 31/62
sup $B zl S-B totaal '' 2023 'x'
check "$B zl/S-A 2023 suppressed (secondary)" "$(sql "SELECT onderdrukt <> '' FROM uitkomst WHERE $(where $B zl S-A totaal '' 2023)")" "1"
row $BV.verschil zl S-A totaal '' 2024 "null null" null
row $BV.verschil zl S-A totaal '' 2025 "null null" null

# .trend, zl *: quarters 2023Q1 .. 2025Q1 (the last quarter ended on P = 15-04-2025; 2025Q2 has
# not ended, and is suppressed besides), only the SHOWN ones (1a): without 2023Q1 (8/20, secondary),
# 2023Q3 (2/4) and 2025Q1 (16/20, complement 4) -> 2023Q2, 2023Q4, 2024Q1..Q4, k = 6; periode
# 2023-2025. 2023Q1 and 2025Q1 have 20 births each (>= --min-cel): they are out only because
# their rows are suppressed.
# x = quarters since 2023Q1, y = % lijn 1, w = births/10 (scaling every weight by one constant
# changes neither the slope nor its standard error):
#   (x, y, w) = (1,60,2) (3,50,2) (4,60,2) (5,50,3) (6,70,2) (7,65,2)
#   Sw = 13, Swx = 57, Swy = 760, Swx^2 = 297, Swxy = 3400
#   xbar = 57/13 = 4.384615, ybar = 760/13 = 58.461538
#   Sxx = 297 - 57^2/13 = 47.076923;  Sxy = 3400 - 57*760/13 = 67.692308
#   b = Sxy/Sxx = 1.437908 pp per quarter;  a = ybar - b*xbar = 52.156863
#   residuals y - (a + bx): 6.4052 -6.4706 2.0915 -9.3464 9.2157 2.7778
#   Sw r^2 = 82.0539 + 83.7370 + 8.7488 + 262.0659 + 169.8577 + 15.4321 = 621.8954
#   s^2 = 621.8954/(6-2) = 155.4739;  se(b) = sqrt(s^2/Sxx) = sqrt(3.302549) = 1.817292
#   t(.975; 4) = 2.776445 -> b +- 5.045611 = (-3.6077, 6.4835)
#   (Under the former rule, suppressed quarters of >= 5 births taken in (k = 8), b would be 3.46;
#   with only 2025Q1 taken back in, 2.91; unweighted, 1.57; quarters numbered by rank rather
#   than by time, 2.01: each is told apart at two decimals.)
#   teller_ruw/noemer_ruw = k / the sum of the weights used = 6 / (20+20+20+30+20+20) = 6/130.
row $BV.trend zl '*' totaal '' 2023-2025 "-3.61 6.48" 1.44
check "$BV.trend zl/* 2023-2025 teller_ruw (quarters used)" "$(sql "SELECT teller_ruw FROM uitkomst WHERE $(where $BV.trend zl '*' totaal '' 2023-2025)")" "6"
raw $BV.trend zl '*' totaal '' 2023-2025 6/130
#   a suppressed quarter is left out: the quarters used are exactly the shown quarterly rows of
#   2023Q1..2025Q1 (6 of the 8 ended quarters with >= 5 births), read back from the table
shown_q() {  # shown_q IND SITE FROM TO: count/sum(noemer_ruw) of the shown zl quarterly totaal rows FROM..TO
    sql "SELECT count(*) || '/' || sum(noemer_ruw) FROM uitkomst WHERE indicator = '$1' AND regio = 'zl' AND site = '$2' AND groep = 'totaal' AND periode GLOB '[0-9][0-9][0-9][0-9]Q[1-4]' AND periode BETWEEN '$3' AND '$4' AND onderdrukt = ''"
}
check "$BV.trend zl/* 2023-2025 leaves the suppressed quarters out (quarters used = shown quarters)" \
    "$(sql "SELECT teller_ruw || '/' || noemer_ruw FROM uitkomst WHERE $(where $BV.trend zl '*' totaal '' 2023-2025)")" "$(shown_q $B '*' 2023Q1 2025Q1)"
check "$B zl/* 2023Q1..2025Q1: quarters with >= 5 births (all 8) vs shown (6)" \
    "$(sql "SELECT count(*) || ' ' || sum(onderdrukt = '') FROM uitkomst WHERE indicator = '$B' AND regio = 'zl' AND site = '*' AND groep = 'totaal' AND periode GLOB '[0-9][0-9][0-9][0-9]Q[1-4]' AND periode BETWEEN '2023Q1' AND '2025Q1' AND noemer_ruw >= 5")" "8 6"
counts $BV.trend zl '*' totaal '' 2023-2025 null/null
check "$BV.trend zl/*: one row, periode 2023-2025" \
    "$(sql "SELECT group_concat(periode) FROM uitkomst WHERE indicator = '$BV.trend' AND regio = 'zl' AND site = '*' AND groep = 'totaal'")" "2023-2025"
#   site S-A: the same shown quarters (S-A's 2023Q1 and 2025Q1 are suppressed as site *'s are, its
#   2023Q3 (1/2) too), so the same trend; the trend rests on quarters, not on the suppressed
#   year 2023
row $BV.trend zl S-A totaal '' 2023-2025 "-3.61 6.48" 1.44

# ======================================================================================
# 1c. lijn.verschuiving.eerste_lijn_dagen, default baseline = 2023
# ======================================================================================
# .verschil: 2024: 46.428571 - 35 = 11.428571 -> 11.43; 2025: 55.555556 - 35 = 20.555556 -> 20.56;
# no interval (care-days are not independent persons).
check "$DV.verschil zl/*: rows for the years after 2023 only" \
    "$(sql "SELECT group_concat(periode, ' ') FROM (SELECT periode FROM uitkomst WHERE indicator = '$DV.verschil' AND regio = 'zl' AND site = '*' AND groep = 'totaal' ORDER BY periode)")" "2024 2025"
row $DV.verschil zl '*' totaal '' 2024 "null null" 11.43
row $DV.verschil zl '*' totaal '' 2025 "null null" 20.56
counts $DV.verschil zl '*' totaal '' 2024 null/null
#   every D pregnancy is route 2 at VP-A (site S-A): route 2 and site S-A = totaal (only one site
#   in the group, nothing suppressed)
row $DV.verschil zl '*' route 2 2024 "null null" 11.43
row $DV.verschil zl S-A totaal '' 2024 "null null" 11.43
# .trend: quarters 2023Q1 .. 2025Q1, only the shown ones (1a): without 2023Q3 (3 pregnancies < 5)
# and 2023Q2 (5 pregnancies, suppressed by the secondary rule) -> k = 7, periode 2023-2025.
# 2025Q2 is shown but has not ended on P: out.
# Weights = noemer = care-days (here /100); y = % of the care-days in line 1:
#   (x, y, w) = (0,30,4) (3,35,4) (4,50,3) (5,45,4) (6,50,4) (7,40,3) (8,60,4)
#   Sw = 26, Swx = 121, Swy = 1150, Swx^2 = 731, Swxy = 5880
#   xbar = 121/26 = 4.653846, ybar = 1150/26 = 44.230769
#   Sxx = 731 - 121^2/26 = 167.884615;  Sxy = 5880 - 121*1150/26 = 528.076923
#   b = 528.076923/167.884615 = 3.145475;  a = 44.230769 - 3.145475*4.653846 = 29.592211
#   residuals: 0.4078 -4.0286 7.8259 -0.3196 1.5349 -11.6105 5.2440
#   Sw r^2 = 0.6652 + 64.9197 + 183.7336 + 0.4085 + 9.4241 + 404.4138 + 109.9976 = 773.5624
#   s^2 = 773.5624/5 = 154.7125;  se = sqrt(154.7125/167.884615) = sqrt(0.921541) = 0.959969
#   t(.975; 5) = 2.570582 -> 3.145475 +- 2.467679 = (0.6778, 5.6132)
#   (Under the former rule (2023Q2 in, k = 8), b would be 2.80; with the secondary tie broken the
#   other way (2023Q1 out, 2023Q2 in), 2.49; with the unended 2025Q2 (x = 9, 20 %, w 0.5), 2.69;
#   unweighted, 2.96.)
#   teller_ruw/noemer_ruw = 7 / (400+400+300+400+400+300+400) = 7/2600.
row $DV.trend zl '*' totaal '' 2023-2025 "0.68 5.61" 3.15
check "$DV.trend zl/* 2023-2025 teller_ruw (quarters used)" "$(sql "SELECT teller_ruw FROM uitkomst WHERE $(where $DV.trend zl '*' totaal '' 2023-2025)")" "7"
raw $DV.trend zl '*' totaal '' 2023-2025 7/2600
check "$DV.trend zl/* 2023-2025 leaves the suppressed quarters out (quarters used = shown quarters)" \
    "$(sql "SELECT teller_ruw || '/' || noemer_ruw FROM uitkomst WHERE $(where $DV.trend zl '*' totaal '' 2023-2025)")" "$(shown_q $DG '*' 2023Q1 2025Q1)"

# 1d. provisional (voorlopig), worked out by hand from OUTCOMES.md's rule (P = 15-04-2025): a row is provisional when
# P - (its period's last day) < the horizon, or its period is not over. Begin baring is a birth cohort without a window
# (horizon 0); care days an intake cohort (294 days). A difference is provisional as its year is; a trend when any
# quarter it rests on is (they once were never provisional, and the care days' trend rose on provisional quarters):
#   $BV.verschil 2024: year over, horizon 0 -> 0;   2025: not over -> 1
#   $DV.verschil 2024: P - 31-12-2024 = 105 days < 294 -> 1;   2025 -> 1
#   $BV.trend: its quarters (to 2025Q1, over on P), horizon 0 -> 0
#   $DV.trend: 2024Q3 ended 30-09-2024, P - that = 197 < 294 -> 1
vl() { check "$1 $2/$3 $4${5:+=$5} $6 voorlopig" "$(sql "SELECT voorlopig FROM uitkomst WHERE $(where "$1" "$2" "$3" "$4" "$5" "$6")")" "$7"; }
vl $BV.verschil zl '*' totaal '' 2024 0
vl $BV.verschil zl '*' totaal '' 2025 1
vl $DV.verschil zl '*' totaal '' 2024 1
vl $DV.verschil zl '*' totaal '' 2025 1
vl $BV.trend zl '*' totaal '' 2023-2025 0
vl $DV.trend zl '*' totaal '' 2023-2025 1

# ======================================================================================
# 2. O/E and relative risk, 2021 (zl, zhz) - the O children
# ======================================================================================
# Children at >= 24+0 weeks, birth cohort 2021: zl 60 (S-A 40, S-B 20), zhz 80, all 140.
# Strata of all regions together (the standard), 2021:
#   vroeggeboorte (< 37+0):  a: A01-A05 + C01-C05 = 10/100 = .10   b: B01-B07 + C61-C65 = 12/40 = .30
#   laag_geboortegewicht:    a: A11-A16 + C01-C14 = 20/100 = .20   b: B01-B05 + C61-C65 = 10/40 = .25
# uitkomst.vroeggeboorte.oe, 2021:
#   zl  (a 40, b 20): O = 5 + 7 = 12, E = 40*.10 + 20*.30 = 4 + 6 = 10 -> 1.20
#       exact 95 %: (6.2006, 20.9616)/10 = (0.6201, 2.0962)
#   zhz (a 60, b 20): O = 5 + 5 = 10, E = 60*.10 + 20*.30 = 6 + 6 = 12 -> 0.8333
#       (4.7954, 18.3904)/12 = (0.3996, 1.5325)          (E zl + E zhz = 22 = O zl + O zhz)
#   S-A (a 40): O = 5, E = 4 -> 1.25, (1.6235, 11.6683)/4 = (0.4059, 2.9171)
#   S-B (b 20): O = 7, E = 6 -> 1.1667, (2.8144, 14.4227)/6 = (0.4691, 2.4038)
#   S-C = zhz (its only site)
# Every row the ratios rest on is shown at --min-cel 5 (tellers 5..19, complements >= 5):
t_() { raw "$1" "$2" "$3" totaal '' "$4" "$5"; sup "$1" "$2" "$3" totaal '' "$4" shown; }
t_ uitkomst.vroeggeboorte zl '*' 2021 12/60
t_ uitkomst.vroeggeboorte zhz '*' 2021 10/80
t_ uitkomst.vroeggeboorte zl S-A 2021 5/40
t_ uitkomst.vroeggeboorte zl S-B 2021 7/20
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse 25-29 2021 5/40
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse 35-39 2021 7/20
V=uitkomst.vroeggeboorte.oe
row $V zl '*' totaal '' 2021 "$(oe_ci 12 10)" 1.20
row $V zhz '*' totaal '' 2021 "$(oe_ci 10 12)" 0.83
row $V zl S-A totaal '' 2021 "$(oe_ci 5 4)" 1.25
row $V zl S-B totaal '' 2021 "$(oe_ci 7 6)" 1.17
row $V zhz S-C totaal '' 2021 "$(oe_ci 10 12)" 0.83
counts $V zl '*' totaal '' 2021 null/null
#   teller_ruw/noemer_ruw: the counts of the row it rests on, the place's own totaal (O / children)
raw $V zl '*' totaal '' 2021 12/60
# uitkomst.laag_geboortegewicht.oe, 2021 (every O child is live-born with a weight):
#   zl:  O = 6 + 5 = 11, E = 40*.20 + 20*.25 = 8 + 5 = 13 -> 0.8462, (5.4912, 19.6820)/13 = (0.4224, 1.5140)
#   zhz: O = 14 + 5 = 19, E = 60*.20 + 20*.25 = 12 + 5 = 17 -> 1.1176, (11.4392, 29.6709)/17 = (0.6729, 1.7454)
#   S-A: O = 6, E = 8 -> 0.75, (2.2019, 13.0595)/8 = (0.2752, 1.6324)
#   S-B: O = 5, E = 5 -> 1.00, (1.6235, 11.6683)/5 = (0.3247, 2.3337)
L=uitkomst.laag_geboortegewicht.oe
t_ uitkomst.laag_geboortegewicht zl '*' 2021 11/60
t_ uitkomst.laag_geboortegewicht zhz '*' 2021 19/80
row $L zl '*' totaal '' 2021 "$(oe_ci 11 13)" 0.85
row $L zhz '*' totaal '' 2021 "$(oe_ci 19 17)" 1.12
row $L zl S-A totaal '' 2021 "$(oe_ci 6 8)" 0.75
row $L zl S-B totaal '' 2021 "$(oe_ci 5 5)" 1.00
# Nothing observed -> null: no O child died (perinatale_sterfte 0/60 in zl), and no L birth
# (2022 on) is preterm (vroeggeboorte zl 2022 0/40).
row uitkomst.perinatale_sterfte.oe zl '*' totaal '' 2021 "null null" null
row $V zl '*' totaal '' 2022 "null null" null
# Rolling window 2021-2023 (written: 2021, 2022 and 2023 each hold >= 5 children in all regions:
# 140, 40, 60; the four 2023Q3 births at 23+0 do not count). The L births of 2022-2023 (zl) have no zwangerschap row (leeftijdsklasse and
# pariteit unknown) and no event: whether they form a stratum of their own (rate 0) or are left
# out of the standard, they add nothing to E, so the window gives the 2021 ratios again:
#   zl O = 12 (of 60 + 40 + 60 = 160 children), E = 10 -> 1.20;  zhz O = 10, E = 12 -> 0.83
t_ uitkomst.vroeggeboorte zl '*' 2021-2023 12/160
row $V zl '*' totaal '' 2021-2023 "$(oe_ci 12 10)" 1.20
row $V zhz '*' totaal '' 2021-2023 "$(oe_ci 10 12)" 0.83
# uitkomst.vroeggeboorte.rr_route3, 2021, log method (z = 1.959964):
#   zhz: route 3 = C61-C80: 5/20 = .25; route 1 = C01-C60: 5/60 = .083333 -> RR = 3.00
#        se = sqrt(1/5 - 1/20 + 1/5 - 1/60) = sqrt(.333333) = .577350
#        exp(ln 3 -+ 1.959964*.577350) = (0.9676, 9.3017)
#   all regions: route 3 = A01-A10 (5) + B01-B12 (7) + C61-C80 (5) = 17/42;
#        route 1 = A11-A40 (0) + B13-B20 (0) + C01-C60 (5) = 5/98
#        RR = (17/42)/(5/98) = 1666/210 = 7.933333
#        se = sqrt(1/17 - 1/42 + 1/5 - 1/98) = sqrt(.224810) = .474141
#        7.933333 * exp(-+ .929298) = (3.1323, 20.0930)
#   zl: route 1 = 0/38, a zero cell -> null (its arms are shown: 12/22 and 0/38)
#   The window 2021-2023 adds only unscreened births: the same RR as 2021.
R=uitkomst.vroeggeboorte.rr_route3
raw uitkomst.vroeggeboorte zhz '*' route 3 2021 5/20
raw uitkomst.vroeggeboorte zhz '*' route 1 2021 5/60
raw uitkomst.vroeggeboorte '*' '*' route 3 2021 17/42
raw uitkomst.vroeggeboorte '*' '*' route 1 2021 5/98
raw uitkomst.vroeggeboorte zl '*' route 1 2021 0/38
sup uitkomst.vroeggeboorte zl '*' route 1 2021 shown
row $R zhz '*' totaal '' 2021 "0.97 9.30" 3.00
row $R zhz S-C totaal '' 2021 "0.97 9.30" 3.00
row $R '*' '*' totaal '' 2021 "3.13 20.09" 7.93
row $R zl '*' totaal '' 2021 "null null" null
row $R '*' '*' totaal '' 2021-2023 "3.13 20.09" 7.93
# uitkomst.laag_geboortegewicht.rr_route3, 2021:
#   zl: route 3 = A01-A10 (0) + B01-B12 (5) = 5/22; route 1 = A11-A40 (6) + B13-B20 (0) = 6/38
#       RR = (5/22)/(6/38) = 190/132 = 1.439394; se = sqrt(1/5 - 1/22 + 1/6 - 1/38) = .543043
#       1.439394 * exp(-+ 1.064345) = (0.4965, 4.1727)
#   all regions: route 3 = 5 + 5 (C61-C65) = 10/42; route 1 = 6 + 14 (C01-C14) = 20/98
#       RR = (10/42)/(20/98) = 980/840 = 1.166667; se = sqrt(1/10 - 1/42 + 1/20 - 1/98) = .340567
#       1.166667 * exp(-+ .667499) = (0.5985, 2.2743)
#   S-A: route 3 0/10, a zero cell -> null
raw uitkomst.laag_geboortegewicht zl '*' route 3 2021 5/22
raw uitkomst.laag_geboortegewicht zl '*' route 1 2021 6/38
row uitkomst.laag_geboortegewicht.rr_route3 zl '*' totaal '' 2021 "0.50 4.17" 1.44
row uitkomst.laag_geboortegewicht.rr_route3 '*' '*' totaal '' 2021 "0.60 2.27" 1.17
row uitkomst.laag_geboortegewicht.rr_route3 zl S-A totaal '' 2021 "null null" null

# ======================================================================================
# 3. kansrijk compute --basis 2022 (2022 has data in two quarters only: a baseline by choice)
# ======================================================================================
"$K" compute --db "$DB" --peildatum 15-04-2025 --min-cel 5 --basis 2022 >"$W/compute.out" 2>&1
check "compute --basis 2022: exit status" "$?" "0"
# baring .verschil against 2022 = 14/40 = 35 %, for 2023, 2024, 2025 (not for 2021):
#   2023 vs 2022: d = 15; L = 15 - 100*sqrt(.118979^2 + .154941^2) = 15 - 19.5353 = -4.5353
#                         U = 15 + 100*sqrt(.118979^2 + .128655^2) = 15 + 17.5237 = 32.5237
#   2024 vs 2022: d = 25; L = 25 - 100*sqrt(.103297^2 + .154941^2) = 25 - 18.6218 = 6.3782
#                         U = 25 + 100*sqrt(.095110^2 + .128655^2) = 25 + 15.9993 = 40.9993
#   2025 vs 2022: d = 35; L = 35 - 100*sqrt(.178758^2 + .154941^2) = 35 - 23.6561 = 11.3439
#                         U = 35 + 100*sqrt(.133353^2 + .128655^2) = 35 + 18.5297 = 53.5297
check "$BV.verschil zl/* --basis 2022: rows for 2023-2025" \
    "$(sql "SELECT group_concat(periode, ' ') FROM (SELECT periode FROM uitkomst WHERE indicator = '$BV.verschil' AND regio = 'zl' AND site = '*' AND groep = 'totaal' ORDER BY periode)")" "2023 2024 2025"
row $BV.verschil zl '*' totaal '' 2023 "-4.54 32.52" 15.00
row $BV.verschil zl '*' totaal '' 2024 "6.38 41.00" 25.00
row $BV.verschil zl '*' totaal '' 2025 "11.34 53.53" 35.00
#   site S-A: 2022 = 14/40 and 2024 = 54/90 shown -> 25.00 as above; 2023 suppressed -> null
row $BV.verschil zl S-A totaal '' 2024 "6.38 41.00" 25.00
row $BV.verschil zl S-A totaal '' 2023 "null null" null
# baring .trend from 2022Q1: 2022Q1 and Q2 have no births (no row: out), 2022Q3 30 % and 2022Q4
# 40 % (6/20 and 8/20, both shown) come in at x = -2, -1 (x still counted from 2023Q1); 2023Q1,
# 2023Q3 and 2025Q1 stay out (suppressed; the baseline does not change what is suppressed)
# -> k = 8, periode 2022-2025:
#   (x, y, w) = (-2,30,2) (-1,40,2) (1,60,2) (3,50,2) (4,60,2) (5,50,3) (6,70,2) (7,65,2)
#   Sw = 17, Swx = 51, Swy = 900, Swx^2 = 307, Swxy = 3200
#   xbar = 51/17 = 3, ybar = 900/17 = 52.941176; Sxx = 307 - 51^2/17 = 154; Sxy = 3200 - 51*900/17 = 500
#   b = 500/154 = 3.246753; a = 52.941176 - 3*3.246753 = 43.200917
#   residuals: -6.7074 0.0458 13.5523 -2.9412 3.8121 -9.4347 7.3186 -0.9282
#   Sw r^2 = 89.9787 + 0.0042 + 367.3313 + 17.3010 + 29.0638 + 267.0397 + 107.1228 + 1.7231 = 879.5646
#   s^2 = 879.5646/6 = 146.5941; se = sqrt(146.5941/154) = sqrt(0.951910) = 0.975659
#   t(.975; 6) = 2.446912 -> 3.246753 +- 2.387351 = (0.8594, 5.6341)
#   (Under the former rule (k = 10), b would be 3.81; unweighted, 3.38.)
#   teller_ruw/noemer_ruw = 8 / (130 + 20 + 20) = 8/170.
row $BV.trend zl '*' totaal '' 2022-2025 "0.86 5.63" 3.25
check "$BV.trend zl/* 2022-2025 teller_ruw (quarters used)" "$(sql "SELECT teller_ruw FROM uitkomst WHERE $(where $BV.trend zl '*' totaal '' 2022-2025)")" "8"
raw $BV.trend zl '*' totaal '' 2022-2025 8/170
check "$BV.trend zl/*: only the 2022-2025 row after --basis 2022" \
    "$(sql "SELECT group_concat(periode) FROM uitkomst WHERE indicator = '$BV.trend' AND regio = 'zl' AND site = '*' AND groep = 'totaal'")" "2022-2025"
# dagen .verschil against 2022 = 190/700 = 27.142857 %:
#   2023: 35 - 27.142857 = 7.857143 -> 7.86; 2024: 46.428571 - 27.142857 = 19.285714 -> 19.29;
#   2025: 55.555556 - 27.142857 = 28.412698 -> 28.41
row $DV.verschil zl '*' totaal '' 2023 "null null" 7.86
row $DV.verschil zl '*' totaal '' 2024 "null null" 19.29
row $DV.verschil zl '*' totaal '' 2025 "null null" 28.41
# dagen .trend from 2022Q1: 2022Q3 25 % and 2022Q4 30 % (5 pregnancies each, shown) come in at
# x = -2, -1; 2023Q2 and 2023Q3 stay out (suppressed) -> k = 9:
#   (x, y, w) = (-2,25,4) (-1,30,3) (0,30,4) (3,35,4) (4,50,3) (5,45,4) (6,50,4) (7,40,3) (8,60,4)
#   Sw = 33, Swx = 110, Swy = 1340, Swx^2 = 750, Swxy = 5590
#   xbar = 110/33 = 3.333333, ybar = 1340/33 = 40.606061; Sxx = 750 - 110^2/33 = 383.333333;
#   Sxy = 5590 - 110*1340/33 = 1123.333333
#   b = 2.930435; a = 30.837945
#   residuals: 0.0229 2.0925 -0.8379 -4.6292 7.4403 -0.4901 1.5794 -11.3510 5.7186
#   Sw r^2 = 0.0021 + 13.1355 + 2.8086 + 85.7198 + 166.0749 + 0.9609 + 9.9786 + 386.5348 + 130.8085 = 796.0237
#   s^2 = 796.0237/7 = 113.7177; se = sqrt(113.7177/383.333333) = sqrt(0.296655) = 0.544660
#   t(.975; 7) = 2.364624 -> 2.930435 +- 1.287917 = (1.6425, 4.2184)
#   (Under the former rule (k = 10), b would be 2.83; with 2023Q1 out instead of 2023Q2, 2.76.)
#   teller_ruw/noemer_ruw = 9 / (2600 + 400 + 300) = 9/3300.
row $DV.trend zl '*' totaal '' 2022-2025 "1.64 4.22" 2.93
check "$DV.trend zl/* 2022-2025 teller_ruw (quarters used)" "$(sql "SELECT teller_ruw FROM uitkomst WHERE $(where $DV.trend zl '*' totaal '' 2022-2025)")" "9"
raw $DV.trend zl '*' totaal '' 2022-2025 9/3300
# the baseline does not touch the O/E rows
row $V zl '*' totaal '' 2021 "$(oe_ci 12 10)" 1.20

summary
