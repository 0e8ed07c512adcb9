# aidant — build, test, install. Everything is found by wildcard: a new
# common/<module>.c, cmd/aidant-<tool>/<file>.c, tests/unit/check_<name>.c,
# tests/cli/<name>.bats or tests/fuzz/fuzz_<name>.c needs no edit here.
#
# A unit test or fuzz harness named <kind>_<tool>_<rest> (tool = annuaire,
# mandate, vault, ...) is linked with that tool's objects (all but main.o).

VERSION  := 0.1.0
PREFIX   ?= /usr/local
DESTDIR  ?=
BUILD    ?= build
CC       ?= cc
PKGS     := libsodium jansson yaml-0.1 sqlite3 libqrencode xlsxwriter

SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

CFLAGS   ?= -O2 -g
# warnings are errors in development and CI; a packager may build with WERROR=
WERROR   ?= -Werror
override CFLAGS += -std=c11 -Wall -Wextra $(WERROR) -Wshadow -Wstrict-prototypes -Wno-unused-parameter
CPPFLAGS += -D_GNU_SOURCE -Icommon -I$(BUILD) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# libraries linked into the programs statically: a command is a short process, and the
# dynamic loader's symbol binding of libsqlite3 (BIND_NOW) cost more than a minisign -V
# (a packager may link them dynamically with STATIC_LIBS=)
STATIC_LIBS ?= libsodium jansson sqlite3
STATIC_LDLIBS = $(if $(STATIC_LIBS),-Wl$(,)-Bstatic $(shell pkg-config --libs $(STATIC_LIBS) 2>/dev/null) -Wl$(,)-Bdynamic)
,    := ,
LDLIBS   += -Wl,-O1,--as-needed $(STATIC_LDLIBS) \
	$(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm
CHECK_LIBS = $(shell pkg-config --libs check 2>/dev/null)

TOOLS       := $(notdir $(wildcard cmd/aidant-*))
TOOL_SHORTS := $(patsubst aidant-%,%,$(TOOLS))

COMMON_SRCS := $(wildcard common/*.c)
COMMON_OBJS := $(COMMON_SRCS:%.c=$(BUILD)/%.o)
LIB         := $(BUILD)/lib/libaidant.a

BINS        := $(TOOLS:%=$(BUILD)/bin/%)
# the programs the tests run: the same, with the test knobs of common/kdf.c and
# common/crash.c compiled in
TEST_BINS   := $(TOOLS:%=$(BUILD)/test-bin/%)
KNOBS_OBJ   := $(BUILD)/knobs/kdf.o $(BUILD)/knobs/crash.o
UNIT_SRCS   := $(wildcard tests/unit/check_*.c)
UNIT_BINS   := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRCS   := $(wildcard tests/fuzz/fuzz_*.c)
PO_FRAGS    := $(sort $(wildcard share/locale/fr/*.po))
MO          := $(BUILD)/locale/fr/LC_MESSAGES/aidant.mo

tool_srcs  = $(wildcard cmd/aidant-$(1)/*.c)
tool_objs  = $(patsubst %.c,$(BUILD)/%.o,$(call tool_srcs,$(1)))
tool_lib   = $(BUILD)/lib/libaidant-$(1).a
# the tool a test or harness belongs to, from its name (check_vault_age -> vault)
owner_tool = $(firstword $(foreach t,$(TOOL_SHORTS),$(if $(filter $(2)_$(t)_% $(2)_$(t),$(1)),$(t))))
owner_lib  = $(if $(call owner_tool,$(1),$(2)),$(call tool_lib,$(call owner_tool,$(1),$(2))))

.PHONY: all deps check check-run fuzz-bins unit cli sanitize fuzz fuzz-smoke bench demo install uninstall \
	clean format format-check cppcheck lint po-check pot
.DEFAULT_GOAL := all
.SECONDEXPANSION:
# objects built through the archive rules are kept, not removed as intermediates (an
# empty .SECONDARY would also keep FORCE from forcing config.h)
.SECONDARY: $(COMMON_OBJS) $(foreach t,$(TOOL_SHORTS),$(call tool_objs,$(t)) $(call tool_lib,$(t)))

all: $(BINS) $(MO)

# Debian packages the build, the tests, the demo and the benchmarks need.
# A no-op when all are present; runs apt-get (as root, or through sudo) otherwise.
DEB_PKGS := build-essential pkg-config libsodium-dev libjansson-dev libyaml-dev \
	libsqlite3-dev sqlite3 check bats gettext locales jq miller age minisign hyperfine \
	clang-format cppcheck \
	clang libclang-rt-14-dev python3 zsh fish \
	libqrencode-dev chromium poppler-utils zbar-tools fonts-liberation tmux time tzdata \
	libxlsxwriter-dev
deps:
	@sh tests/deps.sh $(DEB_PKGS)

# --- configuration baked into the binaries --------------------------------
$(BUILD)/config.h: FORCE
	@mkdir -p $(@D)
	@printf '#define AIDANT_VERSION "%s"\n#define AIDANT_SHARE_DIR "%s"\n#define AIDANT_LOCALE_DIR "%s"\n' \
		'$(VERSION)' '$(PREFIX)/share/aidant' '$(PREFIX)/share/locale' > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm -f $@.tmp || mv $@.tmp $@
.PHONY: FORCE
FORCE:

# --- objects, libraries, programs --------------------------------------------
$(BUILD)/%.o: %.c $(BUILD)/config.h | deps-checked
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIB): $(COMMON_OBJS)
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/lib/libaidant-%.a: $$(filter-out $(BUILD)/cmd/aidant-$$*/main.o,$$(call tool_objs,$$*))
	@mkdir -p $(@D)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/bin/aidant-%: $(BUILD)/cmd/aidant-%/main.o $$(call tool_lib,%) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/knobs/%.o: common/%.c $(BUILD)/config.h | deps-checked
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -DAIDANT_TEST_KNOBS $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/test-bin/aidant-%: $(BUILD)/cmd/aidant-%/main.o $(KNOBS_OBJ) $$(call tool_lib,%) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(LDLIBS) -o $@

$(BUILD)/tests/check_%: tests/unit/check_%.c $(KNOBS_OBJ) $$(call owner_lib,check_$$*,check) $(LIB) $(BUILD)/config.h
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Icmd/aidant-$(call owner_tool,check_$*,check) $(CFLAGS) -Wno-shadow \
		$< $(KNOBS_OBJ) $(call owner_lib,check_$*,check) $(LIB) $(CHECK_LIBS) $(LDLIBS) -o $@

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)

# Checked once per make run, so a missing -dev package gives one clear line.
.PHONY: deps-checked
deps-checked:
	@pkg-config --exists $(PKGS) check || { echo "aidant: missing development packages; run 'make deps'" >&2; exit 69; }

# --- translations ----------------------------------------------------------
$(MO): $(PO_FRAGS)
	@mkdir -p $(@D)
	msgcat --use-first -o $(BUILD)/fr.po $(PO_FRAGS)
	msgfmt --check -o $@ $(BUILD)/fr.po

pot:
	@mkdir -p $(BUILD)
	xgettext --from-code=UTF-8 -k_ -kN_ -c/ -o $(BUILD)/aidant.pot $(sort $(COMMON_SRCS) $(wildcard common/*.h cmd/*/*.c cmd/*/*.h))

# --- tests -------------------------------------------------------------------
# Targets a user runs on a fresh machine install the packages first, then run in a
# sub-make that sees the installed libraries (pkg-config is read when make starts).
check: deps
	@$(MAKE) --no-print-directory check-run

check-run: all $(TEST_BINS) $(UNIT_BINS) pot
	@BUILD=$(BUILD) sh tests/run.sh

unit: all $(TEST_BINS) $(UNIT_BINS)
	@BUILD=$(BUILD) ONLY=unit sh tests/run.sh

cli: all $(TEST_BINS)
	@BUILD=$(BUILD) ONLY=cli sh tests/run.sh

sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build-san CFLAGS='-O1 -g $(SAN_FLAGS)' \
		LDFLAGS='$(SAN_FLAGS)' check-run

FUZZ_CFLAGS := -O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
fuzz: deps
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang CFLAGS='$(FUZZ_CFLAGS)' fuzz-bins

fuzz-bins: $(LIB) $(foreach t,$(TOOL_SHORTS),$(call tool_lib,$(t))) \
	$(FUZZ_SRCS:tests/fuzz/%.c=$(BUILD)/fuzz/%)

$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $$(call owner_lib,fuzz_$$*,fuzz) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) -Icmd/aidant-$(call owner_tool,fuzz_$*,fuzz) $(CFLAGS) -fsanitize=fuzzer \
		$< $(call owner_lib,fuzz_$*,fuzz) $(LIB) $(LDLIBS) -o $@

# A short run of every harness on its seed corpus (FUZZ_SECONDS each).
FUZZ_SECONDS ?= 20
fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh build-fuzz $(FUZZ_SECONDS)

bench: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@sh tests/bench/run.sh $(BUILD)

# The papers the demo prints stay in $(BUILD)/demo-papers, to open or print afterwards.
demo: deps
	@$(MAKE) --no-print-directory all
	@rm -rf $(BUILD)/demo-papers
	@BUILD=$(BUILD) AIDANT_DEMO_PAPERS=$(BUILD)/demo-papers sh share/aidant/demo/run.sh

# --- install -----------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/locale/fr/LC_MESSAGES \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions \
		$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	install -m 755 $(BINS) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 $(wildcard share/man/man1/*.1) $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(MO) $(DESTDIR)$(PREFIX)/share/locale/fr/LC_MESSAGES/
	install -m 644 $(wildcard completions/bash/*) $(DESTDIR)$(PREFIX)/share/bash-completion/completions/
	install -m 644 $(wildcard completions/zsh/*) $(DESTDIR)$(PREFIX)/share/zsh/site-functions/
	install -m 644 $(wildcard completions/fish/*) $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/
	cd share/aidant && find . -type d -exec install -d '$(DESTDIR)$(PREFIX)/share/aidant/{}' \; \
		&& find . -type f -exec install -m 644 '{}' '$(DESTDIR)$(PREFIX)/share/aidant/{}' \;

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(PREFIX)/bin/%) $(TOOLS:%=$(DESTDIR)$(PREFIX)/share/man/man1/%.1)
	rm -f $(DESTDIR)$(PREFIX)/share/locale/fr/LC_MESSAGES/aidant.mo
	rm -rf $(DESTDIR)$(PREFIX)/share/aidant

format:
	clang-format -i $(wildcard common/*.[ch] cmd/*/*.[ch] tests/unit/*.c tests/fuzz/*.c)

format-check:
	@clang-format --dry-run -Werror $(wildcard common/*.[ch] cmd/*/*.[ch] tests/unit/*.c tests/fuzz/*.c)

# cppcheck's warnings, as for the sources: none is accepted
CPPCHECK_FLAGS := --enable=warning,performance,portability --error-exitcode=1 --inline-suppr -q \
	-D_GNU_SOURCE -Icommon -I$(BUILD) $(shell pkg-config --cflags-only-I $(PKGS) 2>/dev/null) \
	-I/usr/include --suppress=missingIncludeSystem --suppress='*:/usr/include/*'
cppcheck: $(BUILD)/config.h
	@cppcheck $(CPPCHECK_FLAGS) common cmd

# the checks of the code itself: clang-format and cppcheck
lint: format-check cppcheck

clean:
	rm -rf build build-san build-fuzz
