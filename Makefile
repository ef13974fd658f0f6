# kansrijk — build, test and demo. `make demo` and `make test` do everything on
# a fresh Debian machine (the deps step installs missing packages when run as
# root, and prints the exact apt-get command otherwise).

PREFIX   ?= /usr/local
CC       ?= cc
BUILD    ?= build
WERROR   ?=
PKGS     := sqlite3 nettle json-c libxxhash gsl cairo-pdf pangocairo pangofc fontconfig librsvg-2.0
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wwrite-strings \
            $(if $(WERROR),-Werror)
CFLAGS   ?= -O2 -g
CPPFLAGS += -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L -DKR_LOCALEDIR='"$(CURDIR)/$(BUILD)/locale"'
ALL_CFLAGS = -std=c11 $(WARN) $(CFLAGS) $(PKG_CFLAGS) -MMD -MP
LDLIBS   += $(PKG_LIBS) -lcsv -lm
TEST_LIBS = $(shell pkg-config --libs cmocka 2>/dev/null)

# Debian packages the project needs (gnuplot-nox: gnuplot without Qt).
DEBS := build-essential pkg-config sqlite3 python3 libsqlite3-dev libcsv-dev libcmocka-dev nettle-dev \
        libjson-c-dev libxxhash-dev libgsl-dev libcairo2-dev libpango1.0-dev librsvg2-dev gnuplot-nox jq time \
        fonts-dejavu-core poppler-utils qpdf gettext groff-base

CORE_SRC := core/status.c core/date.c core/buf.c core/db.c core/file.c
CORE_SRC += core/hash.c core/stmt.c core/i18n.c core/links.c
ETL_SRC  := etl/spec.c etl/spec_print.c etl/ident.c etl/ingest.c etl/registry.c etl/dialect.c etl/values.c \
            etl/problems.c etl/summary.c etl/ledger.c etl/link_load.c etl/link.c
SMP_SRC  := samples/world.c samples/generate.c
SMP_SRC  += samples/story.c samples/rows.c
ENG_SRC  := engine/stats.c engine/indicators.c engine/compute.c engine/facts.c engine/facts_read.c engine/outcome.c
ENG_SRC  += engine/export.c engine/overzicht.c
ENG_SRC  += engine/vergelijk.c
ENG_SRC  += engine/kwaliteit.c engine/audit.c engine/audit_delta.c
ENG_SRC  += engine/spc.c
ENG_SRC  += engine/aggregate.c engine/disclose.c engine/earlier.c
RPT_SRC  := reports/data.c reports/fmt.c reports/chart.c reports/doc.c reports/common.c reports/plots.c \
            reports/draw.c reports/report.c reports/bestuur.c reports/bron.c reports/plots_sites.c \
            reports/leertraject.c reports/kwaliteit.c reports/regio.c
RPT_SRC  += reports/kwaliteit_ledger.c reports/regio_routes.c
REF_CSV  := regios sites gemeenten organisaties afspraken doelen referenties
SQL_FILES := schema migrate_2 migrate_3 migrate_4 migrate_5 migrate_6 migrate_7 migrate_8 migrate_9 feiten
MAIN_OBJ := $(BUILD)/cli/main.o $(BUILD)/cli/results.o $(BUILD)/cli/screen.o
TESTS    := test_core test_etl test_stats test_vergelijk test_spc test_doc
TEST_BIN := $(TESTS:%=$(BUILD)/tests/%)

# One static library per module. The program links them in dependency order (cli -> reports ->
# engine -> core, cli -> samples -> etl -> core); each unit test links only its own module and
# core, so a call across the layering (engine -> etl, core -> anything) fails to link.
LIB_CORE    := $(BUILD)/libkr_core.a
LIB_ETL     := $(BUILD)/libkr_etl.a
LIB_SAMPLES := $(BUILD)/libkr_samples.a
LIB_ENGINE  := $(BUILD)/libkr_engine.a
LIB_REPORTS := $(BUILD)/libkr_reports.a
MODULE_LIBS := $(LIB_REPORTS) $(LIB_ENGINE) $(LIB_SAMPLES) $(LIB_ETL) $(LIB_CORE)

# The Dutch of every message (core/i18n.h): po/nl.po, compiled with every check msgfmt has, so a
# translation whose placeholders differ from the English fails the build. xgettext finds the
# messages by these keywords (`make po` brings po/nl.po up to date with the code; `make lint`
# fails while a message has no Dutch).
MO := $(BUILD)/locale/nl/LC_MESSAGES/kansrijk.mo
POT_KEYWORDS := -k_ -kN_ -kP_:1,2 -kkr_nl -kkr_nl_n:1,2 -ketl_row_reject:4 -ketl_row_warn:4 -ketl_file_warn:5 \
                -ketl_refuse:3 -krefuse_db:2 -kusage_error:2 -ksmp_fail:2
POT_FLAGS := --flag=etl_row_reject:4:c-format --flag=etl_row_warn:4:c-format --flag=etl_file_warn:5:c-format \
             --flag=etl_refuse:3:c-format --flag=kr_nl:1:pass-c-format --flag=_:1:pass-c-format \
             --flag=P_:1:pass-c-format --flag=P_:2:pass-c-format
POT_SRC = $(sort $(CORE_SRC) $(ETL_SRC) $(SMP_SRC) $(ENG_SRC) $(RPT_SRC) cli/main.c cli/results.c cli/screen.c)

.SECONDARY:
.PHONY: all deps test unit e2e e2e-core e2e-load crashtest asan lint fuzz fuzz-build fuzz-smoke demo install clean po
all: kansrijk $(BUILD)/tests/linkdump

deps:
	@sh tools/deps.sh $(DEBS)

kansrijk: $(BUILD)/kansrijk $(MO)
	cp $< $@

$(MO): po/nl.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@.tmp $< && mv $@.tmp $@

$(BUILD)/po/kansrijk.pot: $(POT_SRC)
	@mkdir -p $(dir $@)
	xgettext --language=C --from-code=UTF-8 --add-comments=TRANSLATORS: --no-location --sort-output \
	  $(POT_KEYWORDS) $(POT_FLAGS) --package-name=kansrijk -o $@ $(POT_SRC)

# po/nl.po brought up to date with the code: new messages appear untranslated, changed ones fuzzy.
po: $(BUILD)/po/kansrijk.pot
	msgmerge --quiet --update --backup=none --no-fuzzy-matching --no-location --sort-output po/nl.po $<

$(BUILD)/kansrijk: $(MAIN_OBJ) $(MODULE_LIBS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(LIB_CORE): $(CORE_SRC:%.c=$(BUILD)/%.o) $(BUILD)/sql/embedded.o
$(LIB_ETL): $(ETL_SRC:%.c=$(BUILD)/%.o)
$(LIB_SAMPLES): $(SMP_SRC:%.c=$(BUILD)/%.o) $(BUILD)/samples/referentie.o
$(LIB_ENGINE): $(ENG_SRC:%.c=$(BUILD)/%.o)
$(LIB_REPORTS): $(RPT_SRC:%.c=$(BUILD)/%.o)
$(MODULE_LIBS):
	@rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

# SQL files are embedded into the binary as C strings.
$(BUILD)/sql/embedded.c: $(SQL_FILES:%=sql/%.sql) tools/embed.sh
	@mkdir -p $(dir $@)
	for f in $(SQL_FILES); do sh tools/embed.sh kr_sql_$$f sql/$$f.sql; done > $@

$(BUILD)/sql/embedded.o: $(BUILD)/sql/embedded.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

# The reference data of samples/referentie is embedded too: the generator writes exactly it.
$(BUILD)/samples/referentie.c: $(REF_CSV:%=samples/referentie/%.csv) tools/embed.sh
	@mkdir -p $(dir $@)
	for t in $(REF_CSV); do sh tools/embed.sh smp_ref_$$t samples/referentie/$$t.csv; done > $@

$(BUILD)/samples/referentie.o: $(BUILD)/samples/referentie.c
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -Wno-overlength-strings -c -o $@ $<

# each unit test: its module and core only
$(BUILD)/tests/test_core: $(BUILD)/tests/test_core.o $(LIB_CORE)
$(BUILD)/tests/test_etl: $(BUILD)/tests/test_etl.o $(LIB_ETL) $(LIB_CORE)
$(BUILD)/tests/test_stats: $(BUILD)/tests/test_stats.o $(LIB_ENGINE) $(LIB_CORE)
$(BUILD)/tests/test_vergelijk: $(BUILD)/tests/test_vergelijk.o $(LIB_ENGINE) $(LIB_CORE)
$(BUILD)/tests/test_spc: $(BUILD)/tests/test_spc.o $(LIB_ENGINE) $(LIB_CORE)
$(BUILD)/tests/test_doc: $(BUILD)/tests/test_doc.o $(LIB_REPORTS) $(LIB_ENGINE) $(LIB_CORE)
$(TEST_BIN):
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(TEST_LIBS)

# linkage's answer per record, for the end-to-end scripts that check linkage rule by rule (tests/linkdump.c)
$(BUILD)/tests/linkdump: $(BUILD)/tests/linkdump.o $(LIB_ETL) $(LIB_CORE)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

unit: $(TEST_BIN) $(MO)
	@set -e; for t in $(TEST_BIN); do echo "== $$t"; LANGUAGE= KANSRIJK_TAAL=en KANSRIJK_FIXTURES=tests/fixtures $$t; done

# Every end-to-end script has its own target, e2e-NAME for tests/NAME.sh (e2e.sh is e2e-e2e), so
# that `make -j2 test` runs them side by side: each works in its own mktemp folder (tests/lib.sh) and
# shares no database, port or fixed file name with another. E2E_ARGS_NAME: what a script takes
# before the program (crash.sh: the number of kills).
# e2e-core: the functional end-to-end scripts; e2e-load: the ones that start many processes, kill them or attack
# a whole generated set (timing-bound or long under the sanitizers, whose code paths e2e-core already covers).
# Each list is slowest first, and e2e starts the two slowest of all first, so that -j2 does not end
# on one long script (bench/README.md, "Test times").
E2E_CORE := volgorde rapport_vergelijk samples vergelijk reports rapport_regio ledger overzicht rapport_kwaliteit readme taal \
            e2e verschuiving maskering uitkomst kwaliteit eerder man spec waarheid
E2E_LOAD := attack concurrency crash
E2E_ARGS_crash := 20
E2E_TARGETS := $(addprefix e2e-,$(E2E_CORE) $(E2E_LOAD))
.PHONY: $(E2E_TARGETS)

e2e: e2e-volgorde e2e-attack e2e-core e2e-load
e2e-core: $(addprefix e2e-,$(E2E_CORE))
e2e-load: $(addprefix e2e-,$(E2E_LOAD))

$(E2E_TARGETS): e2e-%: $(BUILD)/kansrijk $(BUILD)/tests/linkdump $(MO)
	@bash tests/$*.sh $(E2E_ARGS_$*) $(BUILD)/kansrijk

# With -j2 the unit tests, the end-to-end scripts and the fuzz smoke run side by side.
test: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory unit e2e fuzz-smoke

# kill -9 at random moments during ingest (WAL and rollback journal) and compute, 200 times
# (make test runs 20); prints the counts. CRASH_KILLS=n for another number, SEED=n to repeat a run.
CRASH_KILLS ?= 200
crashtest: $(BUILD)/kansrijk
	@bash tests/crash.sh $(CRASH_KILLS) $(BUILD)/kansrijk

# The unit tests and e2e-core under AddressSanitizer and UndefinedBehaviorSanitizer.
asan: deps
	@LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 $(MAKE) --no-print-directory BUILD=build-asan \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	  LDFLAGS="-fsanitize=address,undefined" unit e2e-core

lint: $(BUILD)/po/kansrijk.pot
	@sh tools/lint.sh $(BUILD)/po/kansrijk.pot

# libFuzzer targets (tests/fuzz/README.md, docs/fuzzing.md); need clang with libFuzzer.
# The library objects are built once with coverage and sanitizers under
# $(BUILD)/fuzz/obj, from the same source and SQL lists as the program (engine/facts.c: the
# contact-moment window ends that engine/indicators.c reads).
FUZZ_CC      ?= clang
FUZZ_TARGETS := fuzz_ingest fuzz_store fuzz_date fuzz_dialect fuzz_reference fuzz_split
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c11 $(WARN) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN) $(CPPFLAGS) $(PKG_CFLAGS) -MMD -MP
FUZZ_LIB_SRC := $(CORE_SRC) $(ETL_SRC) engine/indicators.c
FUZZ_OBJ     := $(FUZZ_LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o) $(BUILD)/fuzz/obj/sql/embedded.o \
                $(BUILD)/fuzz/obj/samples/referentie.o $(BUILD)/fuzz/obj/tests/fuzz/fuzz_util.o
FUZZ_BIN     := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)
FUZZ_SECONDS ?= 60
FUZZ_SMOKE_SECONDS ?= 10

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(BUILD)/fuzz/obj/sql/embedded.o: $(BUILD)/sql/embedded.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/fuzz/obj/samples/referentie.o: $(BUILD)/samples/referentie.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Wno-overlength-strings -c -o $@ $<

$(BUILD)/fuzz/%: tests/fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz-build: $(FUZZ_BIN)

# One target for FUZZ_SECONDS, keeping its corpus in $(BUILD)/fuzz/work:
# make fuzz FUZZ_TARGET=fuzz_store (default fuzz_ingest).
FUZZ_TARGET ?= fuzz_ingest
fuzz: $(BUILD)/fuzz/$(FUZZ_TARGET)
	FUZZ_WORK=$(BUILD)/fuzz/work sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS) $(FUZZ_TARGET)

# Every target for FUZZ_SMOKE_SECONDS on a copy of its seeds (make test); skipped without clang.
fuzz-smoke:
	@if sh tests/fuzz/have_libfuzzer.sh $(FUZZ_CC); then \
	  $(MAKE) --no-print-directory fuzz-build && \
	  sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SMOKE_SECONDS) $(FUZZ_TARGETS); \
	else echo "fuzz-smoke: skipped ($(FUZZ_CC) with libFuzzer not found; apt-get install clang)"; fi

demo: deps
	@$(MAKE) --no-print-directory all
	@sh tools/demo.sh ./kansrijk

# make install PREFIX=/usr DESTDIR=/tmp/pkg: the program, the man page (Dutch, and English
# under man/en: `man -L en kansrijk`), the documentation with the partner specification
# (docs/, keeping README.md's links to docs/*.png), and the bash completion. tests/man.sh
# checks that every file below is installed.
MANDIR    ?= $(PREFIX)/share/man
DOCDIR    ?= $(PREFIX)/share/doc/kansrijk
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
LOCALEDIR ?= $(PREFIX)/share/locale
DOC_FILES := $(wildcard docs/*.md docs/*.png) docs/aanleverspecificatie.tableschema.json

install: $(BUILD)/kansrijk $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/en/man1 \
	  $(DESTDIR)$(DOCDIR)/docs $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(LOCALEDIR)/nl/LC_MESSAGES
	install -m 0755 $(BUILD)/kansrijk $(DESTDIR)$(PREFIX)/bin/kansrijk
	install -m 0644 man/kansrijk.1 $(DESTDIR)$(MANDIR)/man1/kansrijk.1
	install -m 0644 man/en/kansrijk.1 $(DESTDIR)$(MANDIR)/en/man1/kansrijk.1
	install -m 0644 README.md LICENSE $(DESTDIR)$(DOCDIR)/
	install -m 0644 $(DOC_FILES) $(DESTDIR)$(DOCDIR)/docs/
	install -m 0644 completion/kansrijk.bash $(DESTDIR)$(BASHCOMPDIR)/kansrijk
	install -m 0644 $(MO) $(DESTDIR)$(LOCALEDIR)/nl/LC_MESSAGES/kansrijk.mo

clean:
	rm -rf build build-asan kansrijk demo-uitvoer

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
