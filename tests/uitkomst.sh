#!/usr/bin/env bash
# Hand-computed checks of the outcome set (table uitkomst), an independent second computation
# of every person-based indicator from the contract alone (shared design OUTCOMES.md and
# EXTRACTS.md), on the small world in tests/fixtures/uitkomst.
#
# Usage: tests/uitkomst.sh PATH/TO/kansrijk
# Prints one line per check, "ok NAME" or "FAIL NAME: got X expected Y", and exits 1 when any
# check fails (2 when the fixtures cannot even be loaded).
#
# The database is computed with --peildatum 30-09-2025 (P below) and --min-cel 5. Cells are
# small, so most checks compare the RAW counts (teller_ruw/noemer_ruw), which are kept whether
# or not a row is suppressed; values (waarde) are checked only on a few bigger groups built for
# it (U, MB, JB and the K retention cohort), each alone in its region, site and period so that no
# secondary suppression reaches it.
#
# ======================================================================================
# THE WORLD (labels; tests/fixtures/uitkomst/README.md maps them to pseudonyms)
# ======================================================================================
# Regions zl (gemeenten GM0935 Maastricht, GM0917 Heerlen, GM1954 Beekdaelen and GM0881
# Onderbanken, merged into GM1954) and zhz (GM0505, GM0590).
# Sites: S-MUMC (zl: VP-MA midwives, ZH-MA hospital), S-ZUYD (zl: VP-HE, ZH-HE),
# S-ASZ (zhz: VP-DO, ZH-DO). JGZ-ZL, JGZ-ZHZ, KNP-ZL (knooppunt), KZ-ZL (kraamzorg) and HA-ZL
# (a GP practice) have no site.
# A trajectory's site is its intake organisation's (no zwangerschap row: its bevalling
# organisation's). Dates below are 2025 unless a year is given; "sc" = screening, "r" = route,
# "ep" = zorgepisode (lijn, start..eind, reden; "open" = no eind_datum), "bev" = bevalling
# (birth date, amenorroeduur, weight, lijn_begin_baring, vitaliteit), "hb" = held JGZ huisbezoek,
# "phb" = prenataal_huisbezoek, "ov" = overdracht, ages are child ages in days (birth = 0).
#
# Z - intake in 2025Q2 (the route cohort; its route-2/3 pregnancies double as lijn/overdracht cases)
#  R1  VP-MA GM0935 25-29 par0  due 20-11  intake 10-04  sc 24-04 r1 [anders]. route 1, sig 1.
#  R2  VP-MA GM0935 30-34 par1  due 01-12  intake 02-05  sc 16-06 r1 [taalbarriere] (= due-168:
#      exactly 16+0), sc 15-07 r2 [schulden]. route 2, sig 1, signalled (>=2) 15-07.
#      ep 1 02-05..open medisch; ep 2 01-08..10-08 medisch. Unborn.
#  R3  VP-HE GM0917 <20 par0  due 25-10  intake 15-04  sc 20-06 r3 [psychiatrie|huisvesting|
#      tienerzwangerschap] (16+0 = 10-05: late). ep 1 01-04..24-06 medisch (starts before
#      intake); ep 2 25-06..open psychosociaal. mdo KNP-ZL aanmeld 22-06, bespreek 30-06,
#      regie jgz 05-07. ov mdo_aanmelding VP-HE->KNP-ZL sent 22-06, received 30-06, warm nee.
#  R4  VP-HE GM0917 35-39 par2+ due 20-12  intake 20-05  sc 01-06 r2 [geen_netwerk], sc 01-08
#      r1 (a step down: route stays 2). ep 1 20-05..04-06 (VP-HE) and ep 1 01-06..10-06 (VP-MA)
#      overlapping; ep 3 05-06..20-10 psychosociaal (eind after P). ov jgz_prenataal
#      VP-HE->JGZ-ZL sent 10-06, reported twice: by VP-HE (no ontvangen, warm ja) and by JGZ-ZL
#      (ontvangen 12-06, warm nee). phb 01-07 held.
#  R5  VP-MA GM0935 20-24 par1  due 10-11  intake 20-04  no screening.
#  R6  VP-HE GM0935 25-29 par0  due 25-03-2026  intake 20-06  no screening (16+0 = 08-10, after P).
#  R7  VP-HE GM0917 30-34 par0  due 28-03-2026  intake 15-06  sc 01-07 r1 (16+0 = 11-10, after P).
#  R8  VP-MA GM0935 35-39 par2+ due 20-07  intake 01-04  sc 17-07 r2 [schulden] ON the birth date
#      (ignored: not before birth). bev 17-07 39+4 3300 g lijn 1 levend. hb at age 7.
#      ov kraam_jgz KZ-ZL->JGZ-ZL (geboortedatum only) sent 20-07, received 21-07, warm ja.
#  R9  VP-HE GM0917 40+ par1  due 10-01-2026  intake 02-06  sc 10-06 r1; sc 15-10 r3 [verslaving]
#      dated after P (ignored). route 1.
#  R10 VP-MA GM0935 <20 par0  due 05-09  intake 05-04  sc 10-04 r1, sc 20-05 r3 [verslaving|
#      huiselijk_geweld], sc 05-09 r2 [schulden] after the birth (ignored). route 3, sig 1,
#      route-3 signalling 20-05. TWINS bev 30-08 39+1: child 1 2600 g lijn 1, child 2 2450 g
#      lijn 2, both levend. ep 1 05-04..24-05; ep 2 25-05..open beide; ep 2 30-08..03-09
#      psychosociaal (starts on the birth date). mdo from two organisations: KNP-ZL (aanmeld
#      22-05, bespreek 10-06, regie wijkteam 12-06) and JGZ-ZL (25-05, bespreek 02-06, regie jgz
#      25-06). phb 01-07 held; hb of both twins on 05-09 (age 6).
#  R11 zhz VP-DO GM0505 40+ pariteit empty  due 15-12  intake 25-04  sc 05-05 r2 [lvb].
#      ov jgz_prenataal VP-DO->JGZ-ZHZ sent 12-05, not received, warm nee.
#  R12 two zwangerschap rows: VP-HE intake 28-03 GM0917 and ZH-MA intake 03-04 GM0935 (due 30-10):
#      the earliest intake leads -> cohort 2025Q1, site S-ZUYD, GM0917. sc 08-04 r1.
#  R13 VP-MA GM0935 25-29 par1  due 10-12  intake 15-05  sc 25-05 r2 [geen_netwerk], sc 30-06 r3
#      [huiselijk_geweld]. route 3, sig 2, route-3 signalling 30-06. ep 1 15-05..open; ep 2
#      10-10 psychosociaal (after P: ignored). mdo KNP-ZL aanmeld 02-07, bespreek 20-07, regie
#      ggz 10-08. phb dated 05-10 (after P: ignored).
#  R14 VP-HE GM0917 30-34 par1  due 10-08  intake 12-04  sc 20-04 r2 [lvb]. No birth recorded
#      (due + 42 = 21-09 < P). ep 1 12-04..open. phb 10-05 niet_verschenen.
# H - intake 2025Q1, signalled in 2025Q2, born by P
#  H1  VP-MA GM0935 25-29 par0  due 25-08  sc 10-04 r2 [schulden]. ov jgz_prenataal sent 20-04,
#      received 05-05, warm nee. phb 01-06 niet_verschenen. ep 1 10-02..11-04; ep 2 12-04..20-05
#      psychosociaal; ep 1 20-05..open. bev 20-08 39+2 3400 g lijn 1. hb 09-09 (age 20).
#  H2  VP-HE GM0917 20-24 par0  due 05-09  sc 15-04 r2 [geen_netwerk]. ov jgz_prenataal sent
#      10-05, received 12-05, warm ja; ov verloskundige_jgz sent 25-09, received 01-10 (after P),
#      warm nee. phb 15-05 held. ep 2 01-05..15-06 psychosociaal. bev 01-09 39+3 3100 g lijn 2.
#      hb 19-09 (age 18).
#  H3  VP-MA GM0935 30-34 par1  due 05-08  sc 20-04 r2. No handover. ep 3 05-05..02-08
#      psychosociaal (crosses the birth). bev 30-07 39+1 3500 g lijn 2. hb 02-08 (age 3).
#  H5  VP-HE GM0917 25-29 par1  due 15-08  sc 15-02 r1. ep 2 01-06..20-06 psychosociaal; ep 1
#      10-06..25-06 (starts before that eind); ep 1 14-08..open (after the birth).
#      bev 12-08 39+4 3600 g lijn 1. No JGZ contact.
#  M2  VP-HE GM0917 <20 par0  due 01-07  sc 28-04 r3. bev 05-05 31+6 1700 g lijn 2 levend.
#      mdo KNP-ZL aanmeld 30-04, bespreek 08-05 (after the birth), regie jgz 10-05.
#      phb 06-05 (after the birth). hb 15-05 (age 10).
#  M4  VP-MA GM0935 35-39 par2+ due 15-10  sc 02-05 r3 [psychiatrie]. mdo from KNP-ZL and JGZ-ZL,
#      both bespreek 09-05 and regie 12-05, types knooppunt and jgz. Unborn.
# intake 2025Q3, signalled close to P (all zl, unborn)
#  J4  VP-MA sc 25-09 r2, no handover.      J5  VP-HE sc 22-09 r2, ov jgz_prenataal sent 26-09, warm ja.
#  J6  VP-MA sc 20-09 r2, ov jgz_prenataal sent 02-10 (after P: ignored).
#  M1  VP-HE sc 25-09 r3, mdo aanmeld 28-09.  M3  VP-MA sc 10-09 r3, mdo bespreek 01-10, regie 03-10.
#  R15 intake 01-08 at HA-ZL (no site: site onbekend), gemeentecode GM0881 (merged into GM1954),
#      due 20-02-2026, not screened.
# O - births 2025 in zl without screening (route niet_gescreend); O7, O8 have a zwangerschap row
#     (VP-MA, intake 2024Q4), the others only a bevalling (ZH-MA, O8 at VP-MA, O9/O10 at ZH-HE)
#  O1  10-05 30+0 1400 g doodgeboren, lijn 2        O2  01-06 23+4 600 g neonataal_overleden day 0, lijn 2
#  O3  15-06 38+0 3000 g neonataal_overleden day 3, lijn 1
#  O4  20-04 39+0 3200 g neonataal_overleden day 10, lijn 1; hb at age 5
#  O5  born 05-10 (after P: ignored)             O6  20-05 24+0 (exactly) 650 g levend, lijn 2; hb at age 25
#  O7  05-06 36+6 2500 g levend, lijn 1; hb age 14  O8  20-06 37+0 2499 g levend, lijn 1; no JGZ
#  O9  20-09 39+0 3300 g lijn 1; hb 25-09 (age 5)  O10 15-09 40+0 3500 g lijn 2; hb dated 01-10 (after P)
#  O11 25-05 40+0 no weight, levend, lijn 1; hb at age 21
# K - births 2023Q1 in zl (site S-MUMC), followed to two years; K1-K6 have a zwangerschap row
#     (VP-MA), K7 is not screened, all others route 1. bevalling (GA, weight, lijn, vitaliteit):
#  K1 10-01-2023 40+0 3500 1 | K2 20-01 38+2 3100 1 | K3 01-02 39+0 3300 2 | K4 10-02 35+5 2300 2
#  K5 20-02 39+3 3400 1 | K6 01-03 34+0 2000 2 neonataal_overleden day 5 | K7 10-03 40+1 3600 1
#  K8 20-03 37+1 2900 1 | K9 25-03 41+0 3800 1 | K10 05-01 39+5 3450 1 | K11 25-01 38+0 3000 2
#  K12 15-02 36+3 2600 1 | K13 25-02 33+0 1800 2 doodgeboren
#  JGZ contacts (age:moment, held unless marked; U = uitschrijving):
#  K1  10:huisbezoek 30:4w 60:8w 100:3m 130:4m 190:6m 240:7_5m 280:9m 340:11m 430:14m 560:18m 740:24m
#  K2  7:huisbezoek 35:4w 70:8w 260:extra
#  K3  5:huisbezoek 40:4w 100:3m 220:6m, U verhuisd at 400
#  K4  3:huisbezoek 30:4w, U geweigerd at 90
#  K5  10:huisbezoek 45:4w 80:8w 300:9m
#  K7  none
#  K8  8:huisbezoek 40:4w 75:8w 110:3m 150:4m 200:6m 250:7_5m 300:9m 360:11m 420:14m 540:18m,
#      U overgedragen at 600
#  K9  10:huisbezoek 40:4w 90:3m 180:6m 360:11m 550:18m 720:24m
#  K10 12:huisbezoek 35:4w NOT held (niet_verschenen) 50:8w 240:7_5m 420:14m 600:18m
#  K11 10:huisbezoek 40:4w 80:8w 120:4m 200:6m
#  K12 10:huisbezoek 42:4w 77:8w 110:3m 150:4m 210:6m 255:7_5m 300:9m 360:11m 450:14m,
#      U geweigerd at 500
# N - births 2024Q4 in zl (site S-ZUYD); N1, N2 have a zwangerschap row; N1, N2, N4 route 1.
#     Age on P in brackets.
#  N1 02-10-2024 39+0 3300 [363]: 10:huisbezoek 30:4w 60:8w 95:3m 130:4m 185:6m 230:7_5m 275:9m,
#      355:11m NOT held
#  N2 20-10-2024 40+2 3500 [345]: 5:huisbezoek 45:4w 70:8w 110:3m 160:4m 200:6m 250:7_5m 290:9m
#  N3 05-11-2024 38+4 3200 [329]: 12:huisbezoek 38:4w 74:8w, U verhuisd at 100
#  N4 20-12-2024 35+2 2400 [284]: 8:huisbezoek 35:4w 65:8w 100:3m 140:4m 200:6m 250:7_5m 280:9m
#  N5 20-11-2024 25+0 800 neonataal_overleden day 2 [314]
#  N6 01-12-2024 29+0 1200 doodgeboren
#  N7 10-10-2024 36+6 2550 [355]: 25:huisbezoek 40:4w 76:8w 113:3m 145:4m, U overleden at 200
#  N8 15-11-2024 39+1 3400 [319]: 9:huisbezoek NOT held, U geweigerd at 50
# U - 2022Q2 in zhz (ZH-DO, site S-ASZ, no zwangerschap rows): 31 births, one per pregnancy
#  U01-U05 route 3, 34+0, 2200 g, lijn 2      U06-U10 route 3, 39+0, 3400 g, lijn 2
#  U11-U15 route 1, 35+0, 2200 g, lijn 2      U16 route 1, 39+0, 3000 g, doodgeboren, lijn 1
#  U17 route 1, 39+0, 3300 g, neonataal_overleden day 3, lijn 1
#  U18 route 1, 39+0, 3300 g, neonataal_overleden day 10, lijn 1
#  U19 route 1, 39+0, no weight, lijn 1       U20-U30 route 1, 39+0, 3400 g, lijn 1
#  U31 route 1, 23+5, 550 g, doodgeboren, lijn 2
# MB - ten route-3 pregnancies in zhz (VP-DO, GM0590), signalled 02-04..11-04-2024, MDO discussed
#      2, 4, 6, 7, 9, 11, 13, 15, 20 and 30 days after signalling (JGZ-ZHZ's mdo rows), no regie.
# JB - ten route-2 pregnancies in zhz, signalled 12-04..21-04-2024, jgz_prenataal sent 3, 5, 6,
#      10, 12, 14, 18, 25 and 40 days after signalling; JB04 has none and is born 8 days after
#      signalling (39+0, 3300 g, levend).
# Nothing else is born in 2022, 2023 or 2024, and nothing else is route 2 or 3 with a signalling
# date in 2024, so the U, MB and JB groups stand alone in their periods.

. "$(dirname "$0")/lib.sh" uitkomst "$1"
FX=$HERE/fixtures/uitkomst
DB=$W/uitkomst.db
# raw IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: teller_ruw/noemer_ruw of one row
raw() {
    check "$1 $2/$3 $4${5:+=$5} $6" \
        "$(sql "SELECT teller_ruw || '/' || noemer_ruw FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' AND periode = '$6'")" "$7"
}
# val IND REGIO SITE GROEP GROEPWAARDE PERIODE WANT: waarde to two decimals, or "null"
val() {
    check "$1 $2/$3 $4${5:+=$5} $6 waarde" \
        "$(sql "SELECT CASE WHEN waarde IS NULL THEN 'null' ELSE printf('%.2f', waarde) END FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '$3' AND groep = '$4' AND groepwaarde = '$5' AND periode = '$6'")" "$7"
}
t() { raw "$1" "$2" "$3" totaal "" "$4" "$5"; }   # t IND REGIO SITE PERIODE WANT: a totaal row

# ---- load: the reference files first, then every extract; nothing may be rejected -------------
"$K" init --db "$DB" >/dev/null || { echo "FAIL init"; exit 2; }
for r in regios sites gemeenten organisaties afspraken doelen; do
    "$K" ingest --db "$DB" "$FX/$r.csv" >"$W/ingest.out" 2>&1 || { echo "FAIL ingest $r.csv"; cat "$W/ingest.out"; exit 2; }
done
"$K" ingest --db "$DB" "$FX"/*_*_*.csv >"$W/ingest.out" 2>&1
check "ingest: exit status" "$?" "0"
check "ingest: all 41 deliveries active" "$(sql "SELECT count(*) FROM levering WHERE organisatie IS NOT NULL AND status = 'actief'")" "41"
check "ingest: every row accepted (read/accepted/rejected/skipped)" \
    "$(sql "SELECT sum(rows_read) || '/' || sum(rows_accepted) || '/' || sum(rows_rejected) || '/' || sum(rows_skipped) FROM levering WHERE organisatie IS NOT NULL")" "409/409/0/0"
"$K" compute --db "$DB" --peildatum 30-09-2025 --min-cel 5 >"$W/compute.out" 2>&1
check "compute: exit status" "$?" "0"

# ======================================================================================
# R - route distribution (cohort: intake_datum; pregnancies with a zwangerschap row)
# ======================================================================================
# Route = highest route of the screenings dated before the (earliest) birth and on or before P;
# signalling route = the route of the first of them.
#   zl 2025Q2 (intake April-June, zl): R1 R2 R3 R4 R5 R6 R7 R8 R9 R10 R13 R14 = 12
#   (R12's earliest intake is 28-03: 2025Q1. R11 is zhz.)
#   R1 1 | R2 1->2 = 2 | R3 3 | R4 2->1 = 2 | R5 - | R6 - | R7 1 | R8 - (its only screening is
#   on the birth date) | R9 1 (the route-3 screening of 15-10 is after P) | R10 1->3 = 3 (the
#   route-2 screening after the birth is ignored) | R13 2->3 = 3 | R14 2
#   screened: R1 R2 R3 R4 R7 R9 R10 R13 R14 = 9 of 12
t route.gescreend zl '*' 2025Q2 9/12
# sites: S-MUMC = VP-MA intakes R1 R2 R5 R8 R10 R13 (screened R1 R2 R10 R13 = 4);
#        S-ZUYD = VP-HE intakes R3 R4 R6 R7 R9 R14 (screened all but R6 = 5)
t route.gescreend zl S-MUMC 2025Q2 4/6
t route.gescreend zl S-ZUYD 2025Q2 5/6
# zhz: R11 screened 1/1; all regions: 9 + 1 of 12 + 1
t route.gescreend zhz '*' 2025Q2 1/1
t route.gescreend '*' '*' 2025Q2 10/13
# 2025Q1 (intake January-March): R12 (VP-HE, earliest intake), H2, M2, H5 at S-ZUYD; H1, H3, M4
# at S-MUMC; all screened before birth. ZH-MA's later zwangerschap row of R12 (03-04, GM0935)
# must neither move R12 to 2025Q2 nor to S-MUMC/GM0935.
t route.gescreend zl S-ZUYD 2025Q1 4/4
t route.gescreend zl S-MUMC 2025Q1 3/3
raw route.gescreend zl '*' gemeente GM0917 2025Q1 4/4
raw route.gescreend zl '*' gemeente GM0935 2025Q1 3/3
# 2025Q3: J4 J6 M3 at S-MUMC (3/3), J5 M1 at S-ZUYD (2/2), R15 at HA-ZL: a site of its own,
# onbekend (0/1); the categories add up to zl * = 5/6. R15's GM0881 counts as GM1954.
t route.gescreend zl '*' 2025Q3 5/6
t route.gescreend zl S-MUMC 2025Q3 3/3
t route.gescreend zl S-ZUYD 2025Q3 2/2
t route.gescreend zl onbekend 2025Q3 0/1
raw route.gescreend zl '*' gemeente GM1954 2025Q3 0/1
check "route.gescreend: no row for the merged GM0881" "$(sql "SELECT count(*) FROM uitkomst WHERE groepwaarde = 'GM0881'")" "0"
# year 2025, zl: Q1 7 (all screened) + Q2 12 (9 screened) + Q3 J4 J5 J6 M1 M3 (screened) and R15
# (not) = 21/25; all regions add R11: 22/26. (O7, O8 were taken in 2024Q4; K, N, MB, JB earlier.)
t route.gescreend zl '*' 2025 21/25
t route.gescreend '*' '*' 2025 22/26
# gemeente, zl 2025Q2: GM0935 = R1 R2 R5 R6 R8 R10 R13 (screened R1 R2 R10 R13: 4/7);
#                      GM0917 = R3 R4 R7 R9 R14 (all screened: 5/5)
raw route.gescreend zl '*' gemeente GM0935 2025Q2 4/7
raw route.gescreend zl '*' gemeente GM0917 2025Q2 5/5
# leeftijdsklasse: <20 R3 R10 (2/2) | 20-24 R5 (0/1) | 25-29 R1 R6 R13 (2/3) | 30-34 R2 R7 R14
# (3/3) | 35-39 R4 R8 (1/2) | 40+ R9 (1/1)
raw route.gescreend zl '*' leeftijdsklasse '<20' 2025Q2 2/2
raw route.gescreend zl '*' leeftijdsklasse 20-24 2025Q2 0/1
raw route.gescreend zl '*' leeftijdsklasse 25-29 2025Q2 2/3
raw route.gescreend zl '*' leeftijdsklasse 30-34 2025Q2 3/3
raw route.gescreend zl '*' leeftijdsklasse 35-39 2025Q2 1/2
raw route.gescreend zl '*' leeftijdsklasse 40+ 2025Q2 1/1
# pariteit: 0 = R1 R3 R6 R7 R10 (4/5) | 1 = R2 R5 R9 R13 R14 (4/5) | 2+ = R4 R8 (1/2);
# R11 (zhz) has no pariteit: onbekend 1/1 in zhz
raw route.gescreend zl '*' pariteit 0 2025Q2 4/5
raw route.gescreend zl '*' pariteit 1 2025Q2 4/5
raw route.gescreend zl '*' pariteit 2+ 2025Q2 1/2
raw route.gescreend zhz '*' pariteit onbekend 2025Q2 1/1

# route.vroeg_gescreend, zl 2025Q2. 16+0 date = due - 168; first screening on or before it counts.
# Denominator: 16+0 date on or before P, or already screened.
#   R1 16+0 05-06, first sc 24-04: yes | R2 16-06, first sc 16-06 (exactly 16+0): yes
#   R3 10-05, sc 20-06: no | R4 05-07, sc 01-06: yes | R5 26-05, unscreened: denominator only
#   R6 08-10 > P, unscreened: out | R7 11-10 > P, but screened 01-07: in, and yes
#   R8 02-02, not screened before birth: denominator only | R9 26-07, sc 10-06: yes
#   R10 21-03, first sc 10-04: no | R13 25-06, sc 25-05: yes | R14 23-02, sc 20-04: no
#   -> yes: R1 R2 R4 R7 R9 R13 = 6; denominator 12 - R6 = 11
t route.vroeg_gescreend zl '*' 2025Q2 6/11

# route.verdeling, zl 2025Q2: route 1 = R1 R7 R9; 2 = R2 R4 R14; 3 = R3 R10 R13;
# niet_gescreend = R5 R6 R8 -> 3/12 each
t route.verdeling.1 zl '*' 2025Q2 3/12
t route.verdeling.2 zl '*' 2025Q2 3/12
t route.verdeling.3 zl '*' 2025Q2 3/12
t route.verdeling.niet_gescreend zl '*' 2025Q2 3/12
# zl 2025: Q1 R12 H5 route 1, H1 H2 H3 route 2, M2 M4 route 3; Q3 J4 J5 J6 route 2, M1 M3
# route 3, R15 not screened -> 1: 3+2 = 5, 2: 3+3+3 = 9, 3: 3+2+2 = 7, niet_gescreend: 3+1 = 4
# (of 25)
t route.verdeling.1 zl '*' 2025 5/25
t route.verdeling.2 zl '*' 2025 9/25
t route.verdeling.3 zl '*' 2025 7/25
t route.verdeling.niet_gescreend zl '*' 2025 4/25

# route.overgang.A_B (A = signalling route, B = route), zl 2025Q2, noemer = the 9 screened:
#   1_1 R1 R7 R9 (R9's later route 3 is after P) | 1_2 R2 | 1_3 R10 | 2_2 R4 (2 then 1) R14 |
#   2_3 R13 | 3_3 R3
t route.overgang.1_1 zl '*' 2025Q2 3/9
t route.overgang.1_2 zl '*' 2025Q2 1/9
t route.overgang.1_3 zl '*' 2025Q2 1/9
t route.overgang.2_2 zl '*' 2025Q2 2/9
t route.overgang.2_3 zl '*' 2025Q2 1/9
t route.overgang.3_3 zl '*' 2025Q2 1/9

# route.risicofactoren, zl 2025Q2: route-2/3 pregnancies R2 R4 R14 R3 R10 R13 = 6; factors at
# any of their screenings before birth and on or before P:
#   R2 taalbarriere (at its route-1 screening: "any screening") + schulden | R4 geen_netwerk |
#   R14 lvb | R3 psychiatrie huisvesting tienerzwangerschap | R10 verslaving huiselijk_geweld
#   (its schulden is after the birth) | R13 geen_netwerk huiselijk_geweld
#   R1's anders is route 1 (not in the denominator); R9's verslaving is after P.
t route.risicofactoren.schulden zl '*' 2025Q2 1/6
t route.risicofactoren.taalbarriere zl '*' 2025Q2 1/6
t route.risicofactoren.geen_netwerk zl '*' 2025Q2 2/6
t route.risicofactoren.lvb zl '*' 2025Q2 1/6
t route.risicofactoren.psychiatrie zl '*' 2025Q2 1/6
t route.risicofactoren.huisvesting zl '*' 2025Q2 1/6
t route.risicofactoren.tienerzwangerschap zl '*' 2025Q2 1/6
t route.risicofactoren.verslaving zl '*' 2025Q2 1/6
t route.risicofactoren.huiselijk_geweld zl '*' 2025Q2 2/6
t route.risicofactoren.anders zl '*' 2025Q2 0/6

# ======================================================================================
# L - shift from 2nd to 1st line
# ======================================================================================
# lijn.psychosociaal_klinisch (cohort intake; route-2/3 pregnancies; a line-2/3 episode with
# reden psychosociaal starting before birth, and on or before P):
#   zl 2025Q2: R2 (line 2 medisch only) no | R4 (line 3 psychosociaal from 05-06) yes |
#   R14 no | R3 (line 2 psychosociaal from 25-06) yes | R10 (line 2 "beide" does not count; its
#   psychosociaal episode starts ON the birth date 30-08) no | R13 (psychosociaal 10-10 > P) no
#   -> 2/6; route 2 (R2 R4 R14) 1/3, route 3 (R3 R10 R13) 1/3
t lijn.psychosociaal_klinisch zl '*' 2025Q2 2/6
raw lijn.psychosociaal_klinisch zl '*' route 2 2025Q2 1/3
raw lijn.psychosociaal_klinisch zl '*' route 3 2025Q2 1/3
#   zl 2025: Q1 route 2/3 = H1 (line 2 psychosociaal 12-04, born 20-08) yes, H2 (01-05) yes,
#   H3 (line 3 05-05, born 30-07) yes, M2 no, M4 no (H5, R12 are route 1) = 3/5; Q2 2/6;
#   Q3 J4 J5 J6 M1 M3 no episodes 0/5 -> 5/16
t lijn.psychosociaal_klinisch zl '*' 2025 5/16

# lijn.eerste_lijn_dagen, zl 2025Q2, route 2/3 (R2 R3 R4 R10 R13 R14). Each episode covers
# max(start, intake) .. min(eind, birth, P); open episodes run to min(birth, P), without a birth
# to due + 42 at the latest; a day in two lines counts for each, in two episodes of one line once.
# An eind after P has not happened (the episode is still open on P).
#   R2  line 1 02-05..30-09 = 30+30+31+31+30 = 152; line 2 01-08..10-08 = 10   -> 152 / 162
#   R3  line 1 01-04..24-06 cut to intake 15-04: 16+31+24 = 71;
#       line 2 25-06..30-09 = 6+31+31+30 = 98                                    ->  71 / 169
#   R4  line 1 20-05..04-06 and 01-06..10-06 overlap: 20-05..10-06 = 12+10 = 22;
#       line 3 05-06..(20-10 > P) 30-09 = 26+31+31+30 = 118                      ->  22 / 140
#   R10 line 1 05-04..24-05 = 26+24 = 50; line 2 "beide" 25-05..birth 30-08 = 7+30+31+30 = 98,
#       the psychosociaal line-2 episode 30-08..03-09 is cut to 30-08, a day already counted
#                                                                                ->  50 / 148
#   R13 line 1 15-05..30-09 = 17+30+31+31+30 = 139; line 2 from 10-10 (after P) ->  139 / 139
#   R14 line 1 12-04..open, no birth: until due + 42 = 21-09: 19+31+30+31+31+21 = 163 -> 163 / 163
#   totaal 152+71+22+50+139+163 = 597 / 162+169+140+148+139+163 = 921
#   route 2 (R2 R4 R14): 152+22+163 = 337 / 162+140+163 = 465
#   route 3 (R3 R10 R13): 71+50+139 = 260 / 169+148+139 = 456
t lijn.eerste_lijn_dagen zl '*' 2025Q2 597/921
raw lijn.eerste_lijn_dagen zl '*' route 2 2025Q2 337/465
raw lijn.eerste_lijn_dagen zl '*' route 3 2025Q2 260/456

# lijn.terugverwijzing (cohort: episode start): line-2/3 psychosociaal episodes that ended before
# birth; teller: followed by a line-1 episode starting on or after their eind and before birth.
#   starting in zl 2025Q2:
#   H1 line 2 12-04..20-05, born 20-08: ended before birth; line 1 from 20-05 (= eind) -> yes
#   H2 line 2 01-05..15-06, born 01-09: ended; no line-1 episode after it -> no
#   H3 line 3 05-05..02-08, born 30-07: ends after the birth -> not in the denominator
#   H5 line 2 01-06..20-06, born 12-08: ended; line 1 10-06 starts before the eind, line 1
#      14-08 starts after the birth -> no
#   R3 line 2 from 25-06 open, R4 line 3 05-06..20-10 (eind after P): not ended -> out
#   -> 1/3. The rest of 2025: R10's (starts 30-08, ends 03-09 after its birth) is out, R13's
#   starts after P -> zl 2025 1/3 too.
t lijn.terugverwijzing zl '*' 2025Q2 1/3
t lijn.terugverwijzing zl '*' 2025 1/3

# lijn.eerste_lijn_baring (cohort birth; one per delivery, the row of the lowest kind_volgnummer;
# all gestational ages; born on or before P):
#   zl 2025Q2: M2 2 | O1 2 | O2 2 (23+4 counts here) | O3 1 | O4 1 | O6 2 | O7 1 | O8 1 | O11 1
#     -> 5/9; route 3 (M2) 0/1, niet_gescreend (the O's) 5/8
#   zl 2025Q3: R8 1 | H3 2 | H5 1 | H1 1 | R10 twins: child 1 lijn 1 (child 2 lijn 2 not used) |
#     H2 2 | O9 1 | O10 2 (O5 is born after P) -> 5/8
#     route 1 H5 1/1 | route 2 H3 H1 H2 1/3 | route 3 R10 1/1 | niet_gescreend R8 O9 O10 2/3
t lijn.eerste_lijn_baring zl '*' 2025Q2 5/9
raw lijn.eerste_lijn_baring zl '*' route 3 2025Q2 0/1
raw lijn.eerste_lijn_baring zl '*' route niet_gescreend 2025Q2 5/8
t lijn.eerste_lijn_baring zl '*' 2025Q3 5/8
raw lijn.eerste_lijn_baring zl '*' route 1 2025Q3 1/1
raw lijn.eerste_lijn_baring zl '*' route 2 2025Q3 1/3
raw lijn.eerste_lijn_baring zl '*' route 3 2025Q3 1/1
raw lijn.eerste_lijn_baring zl '*' route niet_gescreend 2025Q3 2/3
t lijn.eerste_lijn_baring zl '*' 2025 10/17
#   zhz 2022 (U): 31 deliveries (U31 at 23+5 included), lijn 1 = U16..U30 = 15 -> 15/31 = 48.39 %
t lijn.eerste_lijn_baring zhz '*' 2022 15/31
val lijn.eerste_lijn_baring zhz '*' totaal '' 2022 48.39

# ======================================================================================
# H - timeliness of handover (cohort: signalling date)
# ======================================================================================
# overdracht.jgz_tijdig: route-2 pregnancies (route = 2), signalled on their first screening
# with route >= 2; a jgz_prenataal handover sent within 14 days; window closed when
# signalling + 14 <= P or the handover was already sent (on or before P).
#   zl 2025Q2: R4 sig 01-06, sent 10-06 (9 d) yes | R14 sig 20-04, none, closed: no |
#   H1 sig 10-04, sent 20-04 (10 d) yes | H2 sig 15-04, sent 10-05 (25 d) no | H3 sig 20-04, none:
#   no. (R2 is signalled 15-07: Q3; R13 is route 3.) -> 2/5
#   zl 2025Q3: R2 sig 15-07, none, closed: no | J4 sig 25-09, none, 25-09 + 14 > P: out |
#   J5 sig 22-09, sent 26-09 (4 d, already happened): yes | J6 sig 20-09, its handover of 02-10 is
#   after P (ignored), 20-09 + 14 > P: out -> 1/2
#   zhz 2025Q2: R11 sig 05-05, sent 12-05 (7 d) yes -> all regions 2025Q2 3/6
t overdracht.jgz_tijdig zl '*' 2025Q2 2/5
t overdracht.jgz_tijdig zl '*' 2025Q3 1/2
t overdracht.jgz_tijdig zl '*' 2025 3/7
t overdracht.jgz_tijdig '*' '*' 2025Q2 3/6
#   by site (the intake organisation's): S-MUMC = H1 (yes) H3 (no) -> 1/2;
#   S-ZUYD = R4 (yes) R14 (no) H2 (no) -> 1/3
t overdracht.jgz_tijdig zl S-MUMC 2025Q2 1/2
t overdracht.jgz_tijdig zl S-ZUYD 2025Q2 1/3
# overdracht.jgz_dagen.p50: teller = events (handover sent before min(birth, P)), noemer = cohort
# (all route-2 pregnancies signalled in the period, no window rule)
#   zl 2025Q2: cohort R4 R14 H1 H2 H3 = 5; events R4 (9 d), H1 (10 d), H2 (25 d) = 3
#   zl 2025Q3: cohort R2 J4 J5 J6 = 4; events J5 = 1 (J6's is after P)
#   zhz 2024Q2 (JB): cohort 10, events 9 (JB04 is censored at its birth, day 8).
#   Kaplan-Meier: t=3 S=9/10=.9 | 5: .8 | 6: .7 | 8 censored (6 left) | 10: .7*5/6=.5833 |
#   12: .5833*4/5=.4667 < .5 -> median 12 days; at risk at 12: JB06..JB10 = 5 (>= min-cel 5)
raw overdracht.jgz_dagen.p50 zl '*' totaal '' 2025Q2 3/5
raw overdracht.jgz_dagen.p50 zl '*' totaal '' 2025Q3 1/4
raw overdracht.jgz_dagen.p50 zhz '*' totaal '' 2024Q2 9/10
val overdracht.jgz_dagen.p50 zhz '*' totaal '' 2024Q2 12.00

# overdracht.mdo_tijdig: route-3 pregnancies, signalled on the first route-3 screening; earliest
# bespreekdatum over all MDO rows; a discussion after birth counts as not held; window 14 days.
#   zl 2025Q2: R3 sig 20-06, bespreek 30-06 (10 d) yes | R10 sig 20-05, bespreek min(10-06,
#   02-06) = 02-06 (13 d) yes | R13 sig 30-06, bespreek 20-07 (20 d) no | M2 sig 28-04, bespreek
#   08-05 after its birth 05-05: not held, no | M4 sig 02-05, bespreek 09-05 (7 d) yes -> 3/5
#   zl 2025Q3: M3 sig 10-09, bespreek 01-10 is after P (not happened), 10-09 + 14 <= P: no |
#   M1 sig 25-09, nothing yet, window open: out -> 0/1
#   zhz 2024Q2 (MB): within 14: 2 4 6 7 9 11 13 -> 7/10
t overdracht.mdo_tijdig zl '*' 2025Q2 3/5
t overdracht.mdo_tijdig zl '*' 2025Q3 0/1
t overdracht.mdo_tijdig zl '*' 2025 3/6
t overdracht.mdo_tijdig zhz '*' 2024Q2 7/10
#   by site: S-MUMC = R10 (yes) R13 (no) M4 (yes) -> 2/3; S-ZUYD = R3 (yes) M2 (no) -> 1/2
t overdracht.mdo_tijdig zl S-MUMC 2025Q2 2/3
t overdracht.mdo_tijdig zl S-ZUYD 2025Q2 1/2
# overdracht.mdo_dagen.p50: events / cohort
#   zl 2025Q2: events R3 R10 R13 M4 = 4 (M2 censored at its birth, 7 d) of 5
#   zl 2025Q3: M1 M3, no event by P: 0/2
#   zhz 2024Q2 (MB): 10 events of 10; S steps by .1; S = .5 exactly from day 9 (5th event) to the
#   next drop at 11 -> median = midpoint (9 + 11) / 2 = 10 days; at risk at 10: 5
raw overdracht.mdo_dagen.p50 zl '*' totaal '' 2025Q2 4/5
raw overdracht.mdo_dagen.p50 zl '*' totaal '' 2025Q3 0/2
raw overdracht.mdo_dagen.p50 zhz '*' totaal '' 2024Q2 10/10
val overdracht.mdo_dagen.p50 zhz '*' totaal '' 2024Q2 10.00

# overdracht.regie_belegd: route 3; earliest regie_datum (before or after birth) within 28 days of
# signalling / those whose 28-day window closed (signalling + 28 <= P or already belegd).
#   zl 2025Q2: R3 regie 05-07 (15 d, jgz) yes | R10 earliest regie 12-06 (23 d; KNP-ZL's row,
#   wijkteam; JGZ-ZL's jgz regie of 25-06 comes later) yes | R13 regie 10-08 (41 d) no |
#   M2 regie 10-05 (12 d, after its birth: still counts, jgz) yes | M4 regie 12-05 (10 d) from two
#   organisations on one date with types knooppunt and jgz -> type onbekend, yes -> 4/5
#   regie_type rows: noemer = the 4 with a regie within 28 days; jgz R3 M2 = 2, wijkteam R10 = 1,
#   onbekend M4 = 1, knooppunt 0 (M4's tie is onbekend), ggz 0 (R13's is too late)
#   zhz 2024Q2 (MB): no regie at all -> 0/10
t overdracht.regie_belegd zl '*' 2025Q2 4/5
raw overdracht.regie_belegd zl '*' regie_type jgz 2025Q2 2/4
raw overdracht.regie_belegd zl '*' regie_type wijkteam 2025Q2 1/4
raw overdracht.regie_belegd zl '*' regie_type onbekend 2025Q2 1/4
raw overdracht.regie_belegd zl '*' regie_type knooppunt 2025Q2 0/4
raw overdracht.regie_belegd zl '*' regie_type ggz 2025Q2 0/4
t overdracht.regie_belegd zhz '*' 2024Q2 0/10

# overdracht.prenataal_huisbezoek: route-2/3 pregnancies born by P (cohort: signalling date);
# a held (verschenen) prenataal_huisbezoek before birth.
#   zl 2025Q2: H1 (route 2, phb niet_verschenen) no | H2 (route 2, phb 15-05, born 01-09) yes |
#   H3 (route 2, none) no | M2 (route 3, phb 06-05 after its birth 05-05) no | R10 (route 3,
#   signalled 20-05, phb 01-07, born 30-08) yes. Unborn by P: R3 R4 R13 R14 M4 -> out.
#   -> 2/5; route 2: 1/3, route 3: 1/2
t overdracht.prenataal_huisbezoek zl '*' 2025Q2 2/5
raw overdracht.prenataal_huisbezoek zl '*' route 2 2025Q2 1/3
raw overdracht.prenataal_huisbezoek zl '*' route 3 2025Q2 1/2

# overdracht.warm / .bevestigd: linked handovers (rows; one handover reported by two
# organisations counts once: earliest ontvangen, warm when any report says ja), cohort
# verzonden_datum; bevestigd = ontvangen within 7 days / window closed (sent + 7 <= P or
# ontvangen on or before P).
#   zl 2025Q2: R4 jgz_prenataal 10-06 (two reports -> one; ontvangen 12-06 from JGZ-ZL's report,
#   warm ja from VP-HE's): warm, bevestigd | H1 jgz_prenataal 20-04, ontvangen 05-05 (15 d),
#   warm nee | H2 jgz_prenataal 10-05, ontvangen 12-05, warm ja | R3 mdo_aanmelding 22-06,
#   ontvangen 30-06 (8 d), warm nee
#   -> warm 2/4 (jgz_prenataal 2/3, mdo_aanmelding 0/1; route 2 R4 H1 H2 2/3, route 3 R3 0/1);
#      bevestigd 2/4 (jgz_prenataal 2/3, mdo_aanmelding 0/1)
#   zhz 2025Q2: R11 jgz_prenataal 12-05, not confirmed, warm nee -> all regions warm 2/5,
#   bevestigd 2/5
#   zl 2025Q3: R8 kraam_jgz 20-07 ontvangen 21-07 warm ja | J5 jgz_prenataal 26-09, warm ja,
#   unconfirmed and 26-09 + 7 > P: out of bevestigd | H2 verloskundige_jgz 25-09, warm nee,
#   ontvangen 01-10 is after P (not happened) and 25-09 + 7 > P: out of bevestigd | J6's handover
#   of 02-10 is after P: ignored
#   -> warm 2/3 (kraam_jgz 1/1, jgz_prenataal 1/1, verloskundige_jgz 0/1); bevestigd 1/1
t overdracht.warm zl '*' 2025Q2 2/4
raw overdracht.warm zl '*' overdracht_soort jgz_prenataal 2025Q2 2/3
raw overdracht.warm zl '*' overdracht_soort mdo_aanmelding 2025Q2 0/1
raw overdracht.warm zl '*' route 2 2025Q2 2/3
raw overdracht.warm zl '*' route 3 2025Q2 0/1
t overdracht.warm '*' '*' 2025Q2 2/5
t overdracht.warm zl '*' 2025Q3 2/3
raw overdracht.warm zl '*' overdracht_soort kraam_jgz 2025Q3 1/1
raw overdracht.warm zl '*' overdracht_soort jgz_prenataal 2025Q3 1/1
raw overdracht.warm zl '*' overdracht_soort verloskundige_jgz 2025Q3 0/1
t overdracht.bevestigd zl '*' 2025Q2 2/4
raw overdracht.bevestigd zl '*' overdracht_soort jgz_prenataal 2025Q2 2/3
raw overdracht.bevestigd zl '*' overdracht_soort mdo_aanmelding 2025Q2 0/1
t overdracht.bevestigd '*' '*' 2025Q2 2/5
t overdracht.bevestigd zl '*' 2025Q3 1/1

# overdracht.eerste_jgz_contact: live-born children (cohort birth; twins twice) with a held
# huisbezoek at age 0..21 / live-born children whose window closed (birth + 21 <= P or the visit
# already happened), less those who died before day 21.
#   zl 2025Q2: M2 hb age 10 yes | O6 hb age 25 no | O7 age 14 yes | O8 none no | O11 age 21 yes;
#   O2 (day 0), O3 (day 3), O4 (day 10, even with its hb at age 5) died before day 21: out;
#   O1 stillborn: out -> 3/5; route 3 (M2) 1/1, niet_gescreend (O6 O7 O8 O11) 2/4
#   zl 2025Q3: R8 age 7 yes | H3 age 3 yes | H5 none no | H1 age 20 yes | R10 twins both age 6:
#   2 yes | H2 age 18 yes | O9 born 20-09, hb 25-09 (already happened): yes | O10 born 15-09,
#   15-09 + 21 > P and its hb of 01-10 is after P: out -> 7/8
#   route 1 H5 0/1 | route 2 H3 H1 H2 3/3 | route 3 R10 twins 2/2 | niet_gescreend R8 O9 2/2
t overdracht.eerste_jgz_contact zl '*' 2025Q2 3/5
raw overdracht.eerste_jgz_contact zl '*' route 3 2025Q2 1/1
raw overdracht.eerste_jgz_contact zl '*' route niet_gescreend 2025Q2 2/4
t overdracht.eerste_jgz_contact zl '*' 2025Q3 7/8
raw overdracht.eerste_jgz_contact zl '*' route 1 2025Q3 0/1
raw overdracht.eerste_jgz_contact zl '*' route 2 2025Q3 3/3
raw overdracht.eerste_jgz_contact zl '*' route 3 2025Q3 2/2
raw overdracht.eerste_jgz_contact zl '*' route niet_gescreend 2025Q3 2/2
t overdracht.eerste_jgz_contact zl '*' 2025 10/13

# ======================================================================================
# F - follow-up to two years (cohort: birth date of live-born children)
# ======================================================================================
# nazorg.bereik.<moment>: a held contact of that moment at an age <= the window end / live-born
# children with birth + window end <= P (no "already happened" exception), less those
# uitgeschreven as verhuisd, overgedragen or overleden, or neonataal_overleden, at an age before
# the window end (geweigerd does not remove a child). Contacts count for reach even after a
# retention loss.
#   zl 2025Q2 huisbezoek (28): M2 (10) yes, O6 (25) yes, O7 (14) yes, O8 no, O11 (21) yes;
#     O2 O3 O4 neonatal deaths out -> 4/5
#   zl 2025Q3 huisbezoek: born by 02-09: R8 (7) H3 (3) H1 (20) R10 twins (6, 6) H2 (18) yes, H5 no;
#     O9 (20-09) and O10 (15-09): window not closed -> 6/7
t nazorg.bereik.huisbezoek zl '*' 2025Q2 4/5
t nazorg.bereik.huisbezoek zl '*' 2025Q3 6/7
#   zl 2024Q4 (N; ages on P: N1 363, N2 345, N3 329, N4 284, N7 355, N8 319; N5 neonatal death
#   out everywhere; N6 stillborn):
#   huisbezoek (28): N1 N2 N3 N4 N7 yes, N8 not held -> 5/6
#   4w (42): N1 30, N3 38, N4 35, N7 40 yes; N2 at 45 too late; N8 none -> 4/6
#   8w (77): N1 60, N2 70, N3 74 (verhuisd only at 100), N4 65, N7 76 yes; N8 -> 5/6
#   3m (112): N3 out (verhuisd at 100 < 112); N1 95, N2 110, N4 100 yes; N7 113 too late; N8 -> 3/5
#   4m (150): N1 130, N4 140, N7 145 yes; N2 160 too late; N8 -> 3/5
#   6m (210): N7 out (overleden at 200 < 210); N1 185, N2 200, N4 200 yes; N8 -> 3/4
#   7_5m (255): all of N1 N2 N4 N8 have reached 255: N1 230, N2 250, N4 250 yes -> 3/4
#   9m (300): N4 (284 on P) not yet -> N1 275, N2 290 yes, N8 no -> 2/3 (N4's 9m visit at 280
#     does not count: its window has not closed)
#   11m (360): only N1 (363) has reached it; its 11m contact was not held -> 0/1
t nazorg.bereik.huisbezoek zl '*' 2024Q4 5/6
t nazorg.bereik.4w zl '*' 2024Q4 4/6
t nazorg.bereik.8w zl '*' 2024Q4 5/6
t nazorg.bereik.3m zl '*' 2024Q4 3/5
t nazorg.bereik.4m zl '*' 2024Q4 3/5
t nazorg.bereik.6m zl '*' 2024Q4 3/4
t nazorg.bereik.7_5m zl '*' 2024Q4 3/4
t nazorg.bereik.9m zl '*' 2024Q4 2/3
t nazorg.bereik.11m zl '*' 2024Q4 0/1
#   zl 2023Q1 (K; all windows closed on P; K6 neonatal death out; K13 stillborn; 11 children;
#   K3 out from 14m on (verhuisd at 400), K8 out of 24m (overgedragen at 600 < 800, but not of 18m:
#   600 >= 590); K4 and K12 geweigerd stay in):
#   huisbezoek: all but K7 -> 10/11
#   4w (42): K1 K2 K3 K4 K8 K9 K11, K12 at exactly 42; K5 at 45 late, K10's not held, K7 -> 8/11
#   8w (77): K1 60, K2 70, K8 75, K10 50, K12 at exactly 77; K5 and K11 at 80 late -> 5/11
#   6m (210): K1 190, K8 200, K9 180, K11 200, K12 at exactly 210; K3 at 220 late -> 5/11
#   9m (300): K1 280, K5 300 (after K5's retention loss: still reach), K8 300, K12 300 -> 4/11
#   14m (460): K1 430, K8 420, K10 420, K12 450 of 10 (K3 out) -> 4/10
#   18m (590): K1 560, K8 540, K9 550; K10 at 600 late -> 3/10
#   24m (800): K1 740, K9 720 of 9 (K3, K8 out) -> 2/9
t nazorg.bereik.huisbezoek zl '*' 2023Q1 10/11
t nazorg.bereik.4w zl '*' 2023Q1 8/11
t nazorg.bereik.8w zl '*' 2023Q1 5/11
t nazorg.bereik.6m zl '*' 2023Q1 5/11
t nazorg.bereik.9m zl '*' 2023Q1 4/11
t nazorg.bereik.14m zl '*' 2023Q1 4/10
t nazorg.bereik.18m zl '*' 2023Q1 3/10
t nazorg.bereik.24m zl '*' 2023Q1 2/9
#   by route: K7 (not screened, no contact) 0/1; the other ten are route 1: 10/10 for huisbezoek
raw nazorg.bereik.huisbezoek zl '*' route niet_gescreend 2023Q1 0/1
raw nazorg.bereik.huisbezoek zl '*' route 1 2023Q1 10/10

# nazorg.in_zorg.sNm (retention, Kaplan-Meier): K cohort = the 12 live-born K children.
# Walk each child's held contacts ('extra' included) from birth; lost when the next comes more
# than 200 days after the previous (the gap completing before age 730, by P, before any
# uitschrijving), dated back to the last held contact; geweigerd = lost at that age; censored at
# verhuisd/overgedragen/overleden/anders, at a neonatal death, else at min(age on P, 730).
#   K1  gaps <= 180 all the way                            -> censored 730
#   K2  7 35 70 260(extra: 190 after 70, so no loss at 70); nothing after 260 -> LOST at 260
#   K3  5 40 100 220, verhuisd at 400 before the gap after 220 completes (421) -> censored 400
#   K4  3 30, geweigerd at 90                               -> LOST at 90
#   K5  10 45 80, next held at 300 (220 > 200)              -> LOST at 80 (300 ignored)
#   K6  neonatal death day 5                                -> censored 5
#   K7  no contact at all                                   -> LOST at 0
#   K8  ... 420 540, overgedragen at 600 (gap would complete at 741) -> censored 600
#   K9  10 40 90 180 360 550 720 (gaps 180, 190, 170)       -> censored 730
#   K10 12 50 240 420 600 (35 not held; gaps 190, 180, 180); the gap after 600 would complete at
#       801, after 730                                      -> censored 730
#   K11 10 40 80 120 200, then nothing                      -> LOST at 200
#   K12 ... 450, geweigerd at 500                           -> LOST at 500
#   t:    0   5    80   90   200  260  400  500  600  730(x3)
#   ev:   L   c    L    L    L    L    c    L    c    c
#   at risk 12 11  10    9    8    7    6    5    4    3
#   S:  11/12 -> *9/10 = .825 -> *8/9 = .7333 -> *7/8 = .6417 -> *6/7 = .55 -> *4/5 = .44
#   S(182) = .7333, at risk at 182 (time >= 182): K11 K2 K3 K12 K8 K1 K9 K10 = 8
#   S(365) = .55, at risk K3 K12 K8 K1 K9 K10 = 6
#   S(547) = .44, at risk K8 K1 K9 K10 = 4 (suppressed: fewer than 5 at risk)
#   S(730) = .44, at risk K1 K9 K10 = 3 (suppressed)
#   Which ages are shown (teller at risk and noemer cohort are published, and S against the age shown before tells the
#   losses): between birth and the first age shown, and between two shown ages, the children who left the risk set and
#   those lost must each be 0 or at least --min-cel (5). Ages in the scorecard's order: 12 months first, from birth:
#   12 - 6 = 6 left, 5 lost (K7 K5 K4 K11 K2) -> shown; 24 and 18 months: fewer than 5 at risk; 6 months, between birth
#   and 12: 12 - 8 = 4 left (K7 K6 K5 K4) -> hidden, as too close (S(182) = .7333 would tell 3 lost in the first half year)
t nazorg.in_zorg.s6m zl '*' 2023Q1 8/12
t nazorg.in_zorg.s12m zl '*' 2023Q1 6/12
t nazorg.in_zorg.s18m zl '*' 2023Q1 4/12
t nazorg.in_zorg.s24m zl '*' 2023Q1 3/12
val nazorg.in_zorg.s6m zl '*' totaal '' 2023Q1 null
val nazorg.in_zorg.s12m zl '*' totaal '' 2023Q1 55.00
#   N cohort (zl 2024Q4, 7 live-born): N1 last held 275, gap would complete at 476 > 363 on P ->
#   censored 363 | N2 censored 345 (age on P) | N3 verhuisd at 100 -> censored 100 | N4 censored
#   284 | N5 neonatal death -> censored 2 | N7 overleden at 200 (the gap after 145 would complete
#   at 346) -> censored 200 | N8 no held contact, geweigerd at 50 (before its gap from birth
#   completes at 201) -> LOST at 50.
#   at risk at 182: N1 N2 N4 N7 = 4 of 7 (S = 5/6: at 50, N8 was one of six at risk).
#   Nobody has reached 365 (N1 is 363 on P): no s12m row.
t nazorg.in_zorg.s6m zl '*' 2024Q4 4/7
check "nazorg.in_zorg.s12m zl 2024Q4 not written (nobody has reached 365 days)" \
    "$(sql "SELECT count(*) FROM uitkomst WHERE indicator = 'nazorg.in_zorg.s12m' AND periode = '2024Q4'")" "0"

# ======================================================================================
# O - perinatal outcomes (cohort birth; children born at >= 24+0 weeks, twins twice; born on or
# before P)
# ======================================================================================
#   zl 2025Q2: M2 31+6 1700 | O1 30+0 stillborn 1400 | O3 38+0 3000 neonatal day 3 |
#     O4 39+0 3200 neonatal day 10 | O6 24+0 650 | O7 36+6 2500 | O8 37+0 2499 | O11 40+0 no weight
#     (O2 at 23+4 excluded) -> 8 children
#     vroeggeboorte (< 37+0): M2 O1 O6 O7 -> 4/8
#     laag_geboortegewicht (live-born with a weight; < 2500 g): M2 O3 O4 O6 O7 O8 -> M2 O6 O8 (2499)
#       = 3/6 (O7 at 2500 is not low)
#     perinatale_sterfte: O1 stillborn, O3 day 3 (O4 day 10 is not perinatal) -> 2/8
#   zl 2025Q3: R8 39+4 3300 | H3 39+1 3500 | H5 39+4 3600 | H1 39+2 3400 | R10 twins 39+1 2600 and
#     2450 | H2 39+3 3100 | O9 39+0 3300 | O10 40+0 3500 (O5 after P) -> 9 children, none
#     preterm, one low (R10's second twin), no death: 0/9, 1/9, 0/9
t uitkomst.vroeggeboorte zl '*' 2025Q2 4/8
t uitkomst.vroeggeboorte zl '*' 2025Q3 0/9
t uitkomst.vroeggeboorte zl '*' 2025 4/17
t uitkomst.laag_geboortegewicht zl '*' 2025Q2 3/6
t uitkomst.laag_geboortegewicht zl '*' 2025Q3 1/9
t uitkomst.laag_geboortegewicht zl '*' 2025 4/15
t uitkomst.perinatale_sterfte zl '*' 2025Q2 2/8
t uitkomst.perinatale_sterfte zl '*' 2025Q3 0/9
t uitkomst.perinatale_sterfte zl '*' 2025 2/17
#   by route, zl 2025: route 3 = M2 (preterm) + R10 twins -> 1/3; route 2 = H3 H1 H2 0/3;
#   route 1 = H5 0/1; niet_gescreend = O1 O3 O4 O6 O7 O8 O11 R8 O9 O10 -> O1 O6 O7 = 3/10
raw uitkomst.vroeggeboorte zl '*' route 3 2025 1/3
raw uitkomst.vroeggeboorte zl '*' route 2 2025 0/3
raw uitkomst.vroeggeboorte zl '*' route 1 2025 0/1
raw uitkomst.vroeggeboorte zl '*' route niet_gescreend 2025 3/10
#   by leeftijdsklasse, zl 2025: <20 = M2 + R10 twins 1/3; 25-29 = H5 H1 O7 1/3; 30-34 = H3 O8 0/2;
#   20-24 = H2 0/1; 35-39 = R8 0/1; onbekend (no zwangerschap row) = O1 O3 O4 O6 O11 O9 O10 2/7
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse '<20' 2025 1/3
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse 25-29 2025 1/3
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse 30-34 2025 0/2
raw uitkomst.vroeggeboorte zl '*' leeftijdsklasse onbekend 2025 2/7
#   zl 2023 (K): 13 children; preterm K4 35+5, K6 34+0, K12 36+3, K13 33+0 -> 4/13; live-born
#     with a weight 12, low K4 2300, K6 2000 -> 2/12; deaths K6 (day 5), K13 stillborn -> 2/13
#   zl 2024 (N): 8 children; preterm N4 35+2, N5 25+0, N6 29+0, N7 36+6 -> 4/8; live-born with a
#     weight 7 (N6 stillborn), low N4 2400, N5 800 -> 2/7; deaths N5 (day 2), N6 -> 2/8
t uitkomst.vroeggeboorte zl '*' 2023 4/13
t uitkomst.laag_geboortegewicht zl '*' 2023 2/12
t uitkomst.perinatale_sterfte zl '*' 2023 2/13
t uitkomst.vroeggeboorte zl '*' 2024 4/8
t uitkomst.laag_geboortegewicht zl '*' 2024 2/7
t uitkomst.perinatale_sterfte zl '*' 2024 2/8
#   rolling window 2023-2025, zl: vroeggeboorte 4+4+4 = 12 / 13+8+17 = 38; laag 2+2+4 = 8 /
#     12+7+15 = 34; sterfte 2+2+2 = 6 / 38. All regions add JB04 (zhz, 2024, 39+0, 3300 g, alive):
#     12/39, 8/35, 6/39. zhz has children only in 2024 (of these three years). A window is
#     written for every place or for none, once each of its years has data in all regions together
#     (at least --min-cel children: 13, 9 and 17 here), so nothing can be recovered by subtraction:
#     zhz's 2023-2025 row holds its one 2024 child, JB04 (not preterm) -> 0/1.
t uitkomst.vroeggeboorte zl '*' 2023-2025 12/38
t uitkomst.laag_geboortegewicht zl '*' 2023-2025 8/34
t uitkomst.perinatale_sterfte zl '*' 2023-2025 6/38
t uitkomst.vroeggeboorte '*' '*' 2023-2025 12/39
t uitkomst.laag_geboortegewicht '*' '*' 2023-2025 8/35
t uitkomst.perinatale_sterfte '*' '*' 2023-2025 6/39
t uitkomst.vroeggeboorte zhz '*' 2023-2025 0/1
#   zhz 2022 (U), the bigger group: 30 children at >= 24+0 (U31 at 23+5 out)
#     vroeggeboorte: U01-U05 (34+0), U11-U15 (35+0) -> 10/30 = 33.33 %;
#       route 3 (U01-U10) 5/10 = 50.00 %; route 1 (U11-U30) 5/20 = 25.00 %
#       relative risk route 3 vs route 1 = .50 / .25 = 2.00
#     laag_geboortegewicht: live-born with a weight = 30 - U16 (stillborn) - U19 (no weight) = 28;
#       < 2500: U01-U05, U11-U15 -> 10/28 = 35.71 %; route 3 5/10, route 1 5/18 -> RR = .5 / .2778 = 1.80
#     perinatale_sterfte: U16 stillborn, U17 day 3 (U18 day 10 is not) -> 2/30 (shown suppressed);
#       route 3 has no death: a zero cell -> RR null
#   At P the window 2022-2024 is written (30, 9 and 13 children in all regions), and within zhz it
#   holds 2022 (10/30) and 2024 (JB04, 0/1, suppressed): a group with exactly one suppressed row,
#   so the secondary rule suppresses 2022 too. The values are therefore checked as of 31-12-2023,
#   when 2024 has no data and no window is written; then compute again at P.
check "zhz 2022 suppressed at P by the window 2022-2024 (secondary)" \
    "$(sql "SELECT onderdrukt || ':' || coalesce(waarde, 'null') FROM uitkomst WHERE indicator = 'uitkomst.vroeggeboorte' AND regio = 'zhz' AND site = '*' AND groep = 'totaal' AND periode = '2022'")" "x:null"
"$K" compute --db "$DB" --peildatum 31-12-2023 --min-cel 5 >/dev/null || { echo "FAIL compute 31-12-2023"; exit 2; }
t uitkomst.vroeggeboorte zhz '*' 2022 10/30
# 33.33 % is not published: its noemer 30 (all but U31, under 24+0) against that of overdracht.eerste_jgz_contact
# (27: all but the stillborn U16 and U31 and U17 and U18, who died before day 21) differ by 3 (U16, U17, U18), a
# count of 1-9 across indicators. Of the two rows the one on the board's scorecard (eerste_jgz_contact) is kept
# (docs/privacy.md), so vroeggeboorte's totaal goes, its route-1 row with it by the secondary rule (route 1 + route 3
# + niet gescreend = totaal), and the relative risk, which needs both arms.
check "vroeggeboorte zhz 2022 suppressed across indicators (30 - 27 = 3), not eerste_jgz_contact" \
    "$(sql "SELECT onderdrukt || ':' || coalesce(waarde, 'null') FROM uitkomst WHERE indicator = 'uitkomst.vroeggeboorte' AND regio = 'zhz' AND site = '*' AND groep = 'totaal' AND periode = '2022'")" "x:null"
t overdracht.eerste_jgz_contact zhz '*' 2022 0/27
val overdracht.eerste_jgz_contact zhz '*' totaal '' 2022 0.00
raw uitkomst.vroeggeboorte zhz '*' route 3 2022 5/10
val uitkomst.vroeggeboorte zhz '*' route 3 2022 50.00
raw uitkomst.vroeggeboorte zhz '*' route 1 2022 5/20
val uitkomst.vroeggeboorte zhz '*' route 1 2022 null
val uitkomst.vroeggeboorte.rr_route3 zhz '*' totaal '' 2022 null
check "vroeggeboorte.rr_route3 zhz 2022: x (an arm is suppressed), not a blank" \
    "$(sql "SELECT onderdrukt FROM uitkomst WHERE indicator = 'uitkomst.vroeggeboorte.rr_route3' AND regio = 'zhz' AND site = '*' AND groep = 'totaal' AND periode = '2022'")" "x"
t uitkomst.laag_geboortegewicht zhz '*' 2022 10/28
# 35.71 % and RR 1.80 are not published: the noemer 28 (U01-U30 but U16 and U19, without a weight) against
# eerste_jgz_contact's 27 (shown) differ by 1, a difference of 1-9 across indicators, so the row off the scorecard is
# suppressed (OUTCOMES.md, disclosure across indicators), and its relative risk with it
check "laag_geboortegewicht zhz 2022 suppressed across indicators (28 - 27 = 1)" \
    "$(sql "SELECT onderdrukt || ':' || coalesce(waarde, 'null') FROM uitkomst WHERE indicator = 'uitkomst.laag_geboortegewicht' AND regio = 'zhz' AND site = '*' AND groep = 'totaal' AND periode = '2022'")" "x:null"
val uitkomst.laag_geboortegewicht.rr_route3 zhz '*' totaal '' 2022 null
t uitkomst.perinatale_sterfte zhz '*' 2022 2/30
val uitkomst.perinatale_sterfte.rr_route3 zhz '*' totaal '' 2022 null
"$K" compute --db "$DB" --peildatum 30-09-2025 --min-cel 5 >/dev/null || { echo "FAIL compute again"; exit 2; }

# ======================================================================================
# Q - linkage quality
# ======================================================================================
# kwaliteit.koppeling.jgz (cohort intake): route-2/3 pregnancies with any JGZ record (a
# jgz_contact row of any moment or status, dated on or before P) / route-2/3 pregnancies.
#   zl 2025Q2: R2 none | R4 phb | R14 phb niet_verschenen (a record all the same) | R3 none |
#   R10 phb and the twins' visits | R13 only a phb dated after P (ignored) -> 3/6
#   (only zl 2025Q2 is checked: there no pregnancy has a record that merely involves a JGZ
#   organisation, such as M4's MDO row from JGZ-ZL, without a jgz_contact row)
t kwaliteit.koppeling.jgz zl '*' 2025Q2 3/6
# kwaliteit.koppeling.bevalling (cohort birth, one per delivery, all gestational ages): births
# whose trajectory has a zwangerschap row / births.
#   zl 2025Q2: M2 O7 O8 linked; O1 O2 O3 O4 O6 O11 bevalling only -> 3/9
#   zl 2025Q3: R8 H3 H5 H1 R10 (twins: one delivery) H2 linked; O9 O10 not -> 6/8
#   zl 2023Q1: K1-K6 linked of K1-K13 -> 6/13
t kwaliteit.koppeling.bevalling zl '*' 2025Q2 3/9
t kwaliteit.koppeling.bevalling zl '*' 2025Q3 6/8
t kwaliteit.koppeling.bevalling zl '*' 2023Q1 6/13

# ======================================================================================
# voorlopig: peildatum - the period's last day < the horizon: intake and signalling cohorts 294
# days, handover cohorts the window, birth cohorts the window or the age shown (retention: the age + 200), uitkomst.*,
# lijn.eerste_lijn_baring and overdracht.warm 0 (only a period not yet over). P = 30-09-2025.
# ======================================================================================
vl() {  # vl IND REGIO PERIODE WANT: voorlopig of the totaal row, site *
    check "$1 $2 $3 voorlopig" "$(sql "SELECT voorlopig FROM uitkomst WHERE indicator = '$1' AND regio = '$2' AND site = '*' AND groep = 'totaal' AND periode = '$3'")" "$4"
}
vl route.gescreend zl 2025Q2 1                   # 92 days since 30-06 < 294
vl route.gescreend zl 2024Q4 1                   # 273 days since 31-12-2024 < 294 (O7, O8)
vl route.gescreend zhz 2024Q1 0                  # 548 days since 31-03-2024 (MB, JB)
vl overdracht.jgz_tijdig zl 2025Q2 1             # 92 < 294: a signalling cohort (a later screening can change the route)
vl overdracht.jgz_tijdig zl 2025Q3 1             # 0 < 294
vl overdracht.regie_belegd zl 2025Q2 1           # 92 < 294 (was the 28-day window: OUTCOMES.md says 294)
vl overdracht.mdo_tijdig zhz 2024Q2 0             # 456 days since 30-06-2024 >= 294
vl overdracht.mdo_tijdig zl 2025Q3 1              # 0 < 294
vl uitkomst.vroeggeboorte zl 2025Q3 0            # the quarter is over on P: 0 < 0 is false
vl uitkomst.vroeggeboorte zl 2025 1              # the year is not over
vl lijn.eerste_lijn_baring zl 2025Q2 0
vl overdracht.eerste_jgz_contact zl 2025Q3 1     # 0 < 21
vl nazorg.bereik.9m zl 2024Q4 1                  # 273 < 300
vl nazorg.bereik.24m zl 2023Q1 0                 # 914 >= 800
vl nazorg.in_zorg.s24m zl 2023Q1 0               # 914 >= 730
# a retention age's horizon is the age plus the 200-day gap that dates a loss back, up to 730: 6 months 382, 12 months
# 565, 18 and 24 months 730 (it was the age alone, which called a cohort final while a child seen last before the
# age could still turn out lost before it)
vl nazorg.in_zorg.s6m zl 2024Q4 1                # 273 < 382 (it was 273 >= 182: final)
vl nazorg.in_zorg.s6m zl 2023Q1 0                # 914 >= 382
vl nazorg.in_zorg.s12m zl 2023Q1 0               # 914 >= 565

summary
