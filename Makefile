# quotawatch: one non-recursive Makefile (see README.md).
VERSION  = 0.2.0
PREFIX   = /usr/local
PROGRAM_PREFIX =
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/quotawatch
SYSCONFDIR = /etc

CXX      = g++
CXXFLAGS = -O2 -g
SANITIZE =

# Debian packages the build and the tests need (make deps installs them; the
# README's "On a fresh machine" lists them).
DEB_BUILD = g++ make pkg-config libsimdjson-dev libsqlite3-dev libcxxopts-dev \
            doctest-dev libcurl4-openssl-dev libpq-dev libssl-dev
DEB_TEST  = python3 python3-aiosmtpd postgresql mandoc man-db sqlite3 openssl jq bc \
            util-linux procps cron systemd zsh clang libclang-rt-14-dev time \
            libcrypt1 libdb5.3 libgnutls30 libgnutls-dane0 libidn12 libidn2-0 libnsl2 \
            libpcre2-8-0 libnss-wrapper chromium fonts-noto-color-emoji fonts-wqy-microhei \
            curl
# Unpacked into the build tree for the tests (build/unpacked/PACKAGE), never
# installed: the user's MTA and monitoring stay theirs, and no service is
# left behind (DESIGN.md §7).
DEB_UNPACK = exim4-daemon-light prometheus prometheus-alertmanager prometheus-node-exporter

# pkg-config modules, each with the Debian package that ships it.
PKG_MODULES = simdjson:libsimdjson-dev sqlite3:libsqlite3-dev libcurl:libcurl4-openssl-dev \
              libpq:libpq-dev cxxopts:libcxxopts-dev openssl:libssl-dev
PKGS = $(foreach m,$(PKG_MODULES),$(firstword $(subst :, ,$(m))))

# The flags are read once, when the first recipe needs them: after make deps
# has run when it is a goal of the same make, never when the Makefile is
# parsed.  A module pkg-config cannot find stops the build with one line.
pkg_missing = $(if $(shell command -v pkg-config),,$(error pkg-config not found: install \
    the Debian package pkg-config (make deps)))$(foreach m,$(PKG_MODULES),$(if $(shell \
    pkg-config --exists $(word 1,$(subst :, ,$(m))) && echo y),,$(error pkg-config cannot \
    find $(word 1,$(subst :, ,$(m))): install the Debian package $(word 2,$(subst :, ,$(m))) \
    (make deps))))
PKG_CFLAGS = $(eval PKG_CFLAGS := $(pkg_missing)$(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)

# make -j2 deps demo: nothing is compiled before deps is done.  Only when
# deps is a goal: make demo alone never calls apt.
AFTER_DEPS = $(filter deps,$(MAKECMDGOALS))

# BUILD may be set to keep several builds apart (make BUILD=build-x).
ifeq ($(FUZZING),1)
# Undefined behaviour stops a fuzz run as a crash does (it only logged before,
# and a 10-minute campaign's logs hid five such reports).
SAN_FLAGS = -fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer \
            -fno-sanitize-recover=undefined
BUILD    ?= build-fuzz
else ifeq ($(SANITIZE),1)
SAN_FLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
BUILD    ?= build-san
else
SAN_FLAGS =
BUILD    ?= build
endif

# CXXOPTS_NO_REGEX: cxxopts without <regex>, whose patterns every tool
# compiled at start-up (two thirds of the instructions of a one-record run).
ALL_CPPFLAGS = -Ilib -DQUOTAWATCH_VERSION='"$(VERSION)"' -DCXXOPTS_NO_REGEX $(PKG_CFLAGS) \
               $(CPPFLAGS)
ALL_CXXFLAGS = -std=c++20 -Wall -Wextra -Werror $(SAN_FLAGS) $(CXXFLAGS)
ALL_LDFLAGS  = $(SAN_FLAGS) -Wl,--as-needed $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard lib/*.cpp lib/*/*.cpp))
BIN_SRC  := $(sort $(wildcard bin/*.cpp))
TEST_SRC := $(sort $(wildcard tests/unit/*.cpp))
LIB_OBJ  := $(LIB_SRC:%.cpp=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.cpp=$(BUILD)/%.o)
TOOLS    := $(notdir $(BIN_SRC:.cpp=))
BINS     := $(TOOLS:%=$(BUILD)/bin/%)
FUZZ_SRC := $(sort $(wildcard tests/fuzz/*_fuzz.cpp))
FUZZERS  := $(FUZZ_SRC:tests/fuzz/%_fuzz.cpp=%)
REPLAYS  := $(FUZZERS:%=$(BUILD)/fuzz/%-replay)
FUZZ_SECONDS = 60
MAN1     := $(sort $(wildcard man/man1/*.1))
MAN5     := $(sort $(wildcard man/man5/*.5))
MAN7     := $(sort $(wildcard man/man7/*.7))

all: tools $(BUILD)/tests/unit-tests $(REPLAYS)

# The tools alone: what demo and install need.
tools: $(BINS)

$(BUILD)/%.o: %.cpp | $(AFTER_DEPS)
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CPPFLAGS) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

# The unit tests find the loopback servers from any directory.
$(BUILD)/tests/unit/%.o: ALL_CPPFLAGS += -DQW_SERVERS_DIR='"$(CURDIR)/tests/servers"'

# Made anew each time: ar would keep the objects of a renamed source.
$(BUILD)/libquotawatch.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/bin/%: $(BUILD)/bin/%.o $(BUILD)/libquotawatch.a
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(BUILD)/tests/unit-tests: $(TEST_OBJ) $(BUILD)/libquotawatch.a
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

# Each fuzz target twice: a replay of its corpus (make check), and a libFuzzer
# binary built with clang (make fuzz).
$(BUILD)/fuzz/%-replay: $(BUILD)/tests/fuzz/%_fuzz.o $(BUILD)/tests/fuzz/replay_main.o \
		$(BUILD)/libquotawatch.a
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_LDFLAGS) -o $@ $^ $(PKG_LIBS) $(LDLIBS)

$(BUILD)/fuzz/%: $(BUILD)/tests/fuzz/%_fuzz.o $(BUILD)/libquotawatch.a
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_LDFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKG_LIBS) $(LDLIBS)

fuzz-targets: $(FUZZERS:%=$(BUILD)/fuzz/%)

fuzz:
	$(MAKE) FUZZING=1 CXX=clang++ fuzz-targets
	for t in $(FUZZERS); do \
	    mkdir -p build-fuzz/corpus/$$t && cp tests/fuzz/corpus/$$t/* build-fuzz/corpus/$$t/; \
	    echo "== fuzzing $$t for $(FUZZ_SECONDS) s"; \
	    build-fuzz/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
	        -rss_limit_mb=2048 -artifact_prefix=build-fuzz/$$t- build-fuzz/corpus/$$t || exit 1; \
	done

# make check: every test, then every test again built with AddressSanitizer
# and UndefinedBehaviorSanitizer.  make test: the first half alone.
# The deployment tests (install, cron, schedules) run in the first pass only.
check: test
ifneq ($(SANITIZE),1)
	$(MAKE) --no-print-directory SANITIZE=1 BUILD=$(BUILD)-san QW_DEPLOYMENT=no test
endif

QW_DEPLOYMENT = yes
test: all
	QW_BIN=$(CURDIR)/$(BUILD)/bin QW_UNIT=$(CURDIR)/$(BUILD)/tests/unit-tests \
	    QW_DEPLOYMENT=$(QW_DEPLOYMENT) tests/run-all

demo: tools
	QW_BIN=$(CURDIR)/$(BUILD)/bin examples/demo/run

deps:
	@bin/deps.sh $(DEB_BUILD) $(DEB_TEST)
	@for p in $(DEB_UNPACK); do bin/deps.sh --unpack $$p $(BUILD)/unpacked/$$p || exit 1; done

# One script installs and uninstalls; the tests call it on their own build.
INSTALL_VARS = DESTDIR='$(DESTDIR)' PREFIX='$(PREFIX)' BINDIR='$(BINDIR)' MANDIR='$(MANDIR)' \
               DATADIR='$(DATADIR)' SYSCONFDIR='$(SYSCONFDIR)' PROGRAM_PREFIX='$(PROGRAM_PREFIX)'
install: tools
	$(INSTALL_VARS) bin/install.sh install $(BUILD)/bin

install-strip: tools
	$(INSTALL_VARS) STRIP=1 bin/install.sh install $(BUILD)/bin

uninstall:
	$(INSTALL_VARS) bin/install.sh uninstall

bench: all
	QW_BIN=$(CURDIR)/$(BUILD)/bin bench/run

clean:
	rm -rf build build-*

.PHONY: all tools check test demo deps install install-strip uninstall bench clean fuzz fuzz-targets
.SECONDARY:
-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BINS:=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
