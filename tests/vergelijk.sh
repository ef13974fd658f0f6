#!/usr/bin/env bash
# Tests of `kansrijk vergelijk`: a small outcome table written by hand with numbers
# worked out by hand (which rows take part, the pooled value, phi, who is outside),
# the refusals, and the acceptance check on the samples: the outlier site
# SITE-UT-OOST falls below the 99.8 % funnel limit for overdracht.warm in 2024.
# Usage: tests/vergelijk.sh PATH/TO/kansrijk
. "$(dirname "$0")/lib.sh" vergelijk "$1"

# ---- usage --------------------------------------------------------------------------------------------
expect_exit 0 "$K" vergelijk --help
expect_grep "--help" "Usage: kansrijk vergelijk" "$W/out"
expect_exit 0 "$K" --help
expect_grep "listed among the commands" "vergelijk" "$W/out"
expect_exit 2 "$K" vergelijk --db "$W/none.db"
expect_grep "--indicator required" "name a proportion indicator" "$W/err"
expect_exit 2 "$K" vergelijk --db "$W/none.db" --indicator nergens
expect_exit 2 "$K" vergelijk --db "$W/none.db" --indicator overdracht.warm --periode 2024Q5
expect_exit 2 "$K" vergelijk --db "$W/none.db" --indicator overdracht.warm

# ---- a table by hand --------------------------------------------------------------------------------------
DB=$W/hand.db
"$K" init --db "$DB" >/dev/null || bad "init"
# row INDICATOR REGIO SITE GROEP PERIODE TELLER NOEMER [EENHEID [WAARDE]]: a shown row (waarde 100 t / n)
COLS="INSERT INTO uitkomst (indicator, regio, site, groep, groepwaarde, periode, teller, noemer, waarde, onderdrukt, eenheid, voorlopig, teller_ruw, noemer_ruw)"
row() {
    echo "$COLS VALUES ('$1', '$2', '$3', '$4', '', '$5', $6, $7, ${9:-100.0 * $6 / $7}, '', '${8:-%}', 0, $6, $7);"
}
# hidden INDICATOR REGIO SITE PERIODE TELLER NOEMER: a suppressed row (x), raw counts only in _ruw
hidden() { echo "$COLS VALUES ('$1', '$2', '$3', 'totaal', '', '$4', NULL, NULL, NULL, 'x', '%', 0, $5, $6);"; }
{
    echo "BEGIN;"
    echo "INSERT INTO compute_run (id, uitgevoerd_op, peildatum, trajecten) VALUES (1, '2025-01-02T10:00:00Z', '2024-12-31', 1);"
    # 2024: eight sites, 1600 of 2000 = 80 % pooled. z-scores (p - 0.8) / sqrt(0.16 / n): 0 for
    # S1..S4, +2.12 for S5 (172/200: above the 95 % limit, within 99.8 %), -5 for S6 (60/100:
    # far below), +1.34 for S7 (412/500), -0.71 for S8 (156/200). Winsorised at their 10th and
    # 90th percentiles (-1.995, 1.576) the squares add up to 8.76 < 14.07 (chi-square 95 %,
    # 7 df): phi = 1.10, the limits are not widened.
    i=0
    for tn in 160:200 240:300 320:400 80:100 172:200 60:100 412:500 156:200; do
        i=$((i + 1))
        row overdracht.warm "$( [ $i -le 4 ] && echo r1 || echo r2)" "S$i" totaal 2024 "${tn%:*}" "${tn#*:}"
    done
    # listed, but no part in the comparison: a suppressed site
    hidden overdracht.warm r2 S9 2024 3 8
    # not site rows of the totaal in 2024: these would change the pooled value if they were read
    row overdracht.warm r1 '*' totaal 2024 1 1000
    row overdracht.warm '*' '*' totaal 2024 1 1000
    row overdracht.warm r1 onbekend totaal 2024 1 1000
    echo "$COLS VALUES ('overdracht.warm', 'r1', 'S1', 'overdracht_soort', 'kraam_jgz', '2024', 1, 1000, 0.1, '', '%', 0, 1, 1000);"
    row overdracht.warm r1 S1 totaal 2024Q1 10 100
    row overdracht.warm r1 S2 totaal 2024Q1 90 100
    # 2023: four sites, 600 of 800 = 75 %. A and D have z = +-0.15 / sqrt(0.1875 / 100) = +-sqrt(12),
    # B and C 0; winsorised at +-0.7 sqrt(12): 2 * 0.49 * 12 = 11.76 > 7.81 (3 df), so
    # phi = 11.76 / 4 = 2.94 and the limits are widened by sqrt(2.94) = 1.71. Unwidened, A and D
    # would both be outside the 99.8 % limits at n = 100; widened, only A is outside the 95 % limit.
    row overdracht.warm r1 A totaal 2023 90 100
    row overdracht.warm r1 B totaal 2023 150 200
    row overdracht.warm r2 C totaal 2023 300 400
    row overdracht.warm r2 D totaal 2023 60 100
    # 2025 has not ended by the peildatum: not the default
    row overdracht.warm r1 S1 totaal 2025 50 100
    row overdracht.warm r1 S2 totaal 2025 50 100
    # not proportions
    row overdracht.mdo_dagen.p50 r1 S1 totaal 2024 40 50 dagen 12
    row uitkomst.perinatale_sterfte r1 S1 totaal 2024 5 1000 per1000 5
    row nazorg.in_zorg.s12m r1 S1 totaal 2024 40 100 % 85
    row route.verdeling.1 r1 S1 totaal 2024 70 100
    echo "COMMIT;"
} | sqlite3 "$DB" || bad "writing the table by hand"

expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm
cp "$W/out" "$W/t2024"
expect_grep "default: the latest year ended by the peildatum" "period 2024" "$W/t2024"
expect_grep "pooled over the shown site rows only" "Pooled: 80.0% (1600 of 2000) over 8 sites. 1 suppressed site does not count." "$W/t2024"
expect_grep "phi, not widened" "phi = 1.10; .*limits not widened" "$W/t2024"
expect_eq "S5 above the 95 % limit" "$(awk '$1 == "S5" { print $NF }' "$W/t2024")" "(above)"
expect_grep "S5 outside 95 % only" "^S5 .*outside 95% (above)$" "$W/t2024"
expect_grep "S6 below the 99.8 % limit" "^S6 .* 60.0% .*outside 99.8% (below)$" "$W/t2024"
expect_eq "the others within" "$(grep -c ' within$' "$W/t2024")" "6"
expect_grep "the suppressed site listed" "^S9 .*x .*suppressed: does not count$" "$W/t2024"
expect_eq "no other rows listed" "$(grep -c '^S[0-9]' "$W/t2024")" "9"
# S6 at n = 100 around 0.8: the exact binomial 99.8 % limits (R: qbinom, interpolated) 66.3-90.9
expect_grep "99.8 % limits at n = 100" "^S6 .*66.3–90.9 " "$W/t2024"
# and the 95 % limits that its position refers to (json below: 71.4), before them
expect_grep "95 % limits at n = 100" "^S6 .* 60.0%  *71.4–87.0  *66.3–90.9 " "$W/t2024"
expect_grep "the header names both limits" "^site .*95% limits  99.8% limits  position$" "$W/t2024"

expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2024 --json
cp "$W/out" "$W/j2024"
expect_eq "json: pooled, counts, phi, widened" \
    "$(jq -r '[.periode, .gepoold, .teller, .noemer, .sites_getoond, .sites_onderdrukt, (.phi * 100 | round), .verbreed] | @tsv' "$W/j2024")" \
    "$(printf '2024\t80\t1600\t2000\t8\t1\t110\tfalse')"
expect_eq "json: positions" "$(jq -r '.sites[] | "\(.site) \(.positie) \(.richting)"' "$W/j2024" | tr '\n' ',')" \
    "S1 binnen null,S2 binnen null,S3 binnen null,S4 binnen null,S5 buiten 95% boven,S6 buiten 99,8% onder,S7 binnen null,S8 binnen null,S9 onderdrukt null,"
expect_eq "json: the suppressed site has no numbers" "$(jq -c '.sites[] | select(.site == "S9") | [.teller, .noemer, .waarde, .grens998_laag, .onderdrukt]' "$W/j2024")" '[null,null,null,null,"x"]'
expect_eq "json: S6 limits" "$(jq -r '.sites[] | select(.site == "S6") | [.grens95_laag, .grens998_laag] | map(. * 10 | round) | @tsv' "$W/j2024")" "$(printf '714\t663')"

expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2023
expect_grep "2023: widened" "phi = 2.94; .*widened by √phi = 1.71" "$W/out"
expect_grep "2023: pooled" "Pooled: 75.0% (600 of 800) over 4 sites.$" "$W/out"
expect_grep "2023: A above the widened 95 % limit" "^A .*outside 95% (above)$" "$W/out"
expect_grep "2023: D within the widened limits" "^D .* within$" "$W/out"

expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2024q1
expect_grep "a quarter" "Pooled: 50.0% (100 of 200) over 2 sites." "$W/out"

expect_exit 2 "$K" vergelijk --db "$DB" --indicator overdracht.mdo_dagen.p50
expect_grep "days refused" "in dagen, not a proportion" "$W/err"
expect_exit 2 "$K" vergelijk --db "$DB" --indicator uitkomst.perinatale_sterfte
expect_grep "per 1000 refused" "in per1000, not a proportion" "$W/err"
expect_exit 2 "$K" vergelijk --db "$DB" --indicator nazorg.in_zorg.s12m
expect_grep "Kaplan-Meier refused" "waarde is not teller / noemer" "$W/err"
expect_exit 2 "$K" vergelijk --db "$DB" --indicator route.verdeling
expect_grep "a multi-part indicator names its parts" "name one of: route.verdeling.1" "$W/err"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator route.verdeling.1
expect_exit 2 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2019
expect_grep "an empty period, with the periods there are" "no site rows for overdracht.warm in period 2019; there are the quarter 2024Q1 and the years 2023 to 2025$" "$W/err"
expect_exit 2 "$K" vergelijk --db "$DB" --indicator overdracht.lauw
expect_grep "an unknown indicator is named back" "kansrijk vergelijk: --indicator overdracht.lauw names no indicator" "$W/err"
expect_exit 2 "$K" vergelijk --db "$DB" --indicator overdracht.bevestigd
expect_grep "nothing computed, on this --db" "run 'kansrijk compute --db $DB' first" "$W/err"

# ---- acceptance: the outlier site of the samples ----------------------------------------------------------------
# At --schaal 0.5 SITE-UT-OOST lies only just below the limit in 2024; at 1 clearly (73.7 % against 75.0 %).
S=$W/samples
DB=$W/samples.db
"$K" samples --schaal 1 --jaren 2023-2025 -o "$S" >/dev/null || bad "samples"
"$K" init --db "$DB" >/dev/null
"$K" ingest --db "$DB" "$S"/*.csv >/dev/null
"$K" compute --db "$DB" >/dev/null || bad "compute"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2024
cp "$W/out" "$W/s2024"
expect_grep "SITE-UT-OOST below the 99.8 % limit" "^SITE-UT-OOST .*outside 99.8% (below)$" "$W/s2024"
expect_eq "every other site within the 99.8 % limits" "$(grep '^SITE-' "$W/s2024" | grep -v '^SITE-UT-OOST' | grep -c 'outside 99.8%')" "0"
expect_eq "seven sites compared" "$(grep -c '^SITE-' "$W/s2024")" "7"
# The current year's timely handovers to the JGZ: their noemer (closed 14-day windows) is a few pregnancies below that
# of overdracht.jgz_dagen (open windows too) at each site; of the two rows the rule across indicators hides the one off
# the board's scorecard (docs/privacy.md), not this one, which the old "smaller noemer" rule hid at all seven sites.
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.jgz_tijdig --periode 2025
expect_eq "jgz_tijdig 2025: every site shown" "$(grep '^SITE-' "$W/out" | grep -c -v 'suppressed')" "7"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.mdo_tijdig --periode 2025
expect_eq "mdo_tijdig 2025: at least five sites shown" "$(grep '^SITE-' "$W/out" | grep -c -v 'suppressed' | awk '{ print ($1 >= 5) }')" "1"
expect_exit 0 "$K" vergelijk --db "$DB" --indicator overdracht.warm --periode 2024 --json
expect_eq "json: SITE-UT-OOST under its lower 99.8 % limit" \
    "$(jq -r '.sites[] | select(.site == "SITE-UT-OOST") | [.positie, .richting, (.waarde < .grens998_laag)] | @tsv' "$W/out")" \
    "$(printf 'buiten 99,8%%\tonder\ttrue')"
expect_eq "json: the pooled value is the sum over the sites" \
    "$(jq -r '[.gepoold, 100 * ([.sites[].teller] | add) / ([.sites[].noemer] | add)] | map(. * 1e6 | round) | (.[0] == .[1])' "$W/out")" "true"

summary
