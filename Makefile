# quotawatch: one non-recursive Makefile (see README.md).
VERSION  = 0.1.0
PREFIX   = /usr/local
PROGRAM_PREFIX =
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
DATADIR  = $(PREFIX)/share/quotawatch

CXX      = g++
CXXFLAGS = -O2 -g
SANITIZE =

# Debian packages the build and the tests need (make deps installs them).
DEB_BUILD = g++ make pkg-config libsimdjson-dev libsqlite3-dev libcxxopts-dev \
            doctest-dev libcurl4-openssl-dev libpq-dev libssl-dev
DEB_TEST  = python3 python3-aiosmtpd postgresql mandoc sqlite3 openssl jq bc \
            util-linux cron clang libclang-rt-14-dev time

PKGS       = simdjson sqlite3 libcurl libpq cxxopts openssl
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

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

all: $(BINS) $(BUILD)/tests/unit-tests $(REPLAYS)

$(BUILD)/%.o: %.cpp
	@mkdir -p $(dir $@)
	$(CXX) $(ALL_CPPFLAGS) $(ALL_CXXFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libquotawatch.a: $(LIB_OBJ)
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
check: test
ifneq ($(SANITIZE),1)
	$(MAKE) SANITIZE=1 BUILD=$(BUILD)-san test
endif

test: all
	QW_BIN=$(CURDIR)/$(BUILD)/bin QW_UNIT=$(CURDIR)/$(BUILD)/tests/unit-tests \
	    tests/run-all

demo: all
	QW_BIN=$(CURDIR)/$(BUILD)/bin examples/demo/run

deps:
	@missing=$$(for p in $(DEB_BUILD) $(DEB_TEST); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	    if [ "$$(id -u)" = 0 ]; then s=; else s=sudo; fi; \
	    echo "installing:" $$missing; \
	    $$s apt-get update -qq && $$s env DEBIAN_FRONTEND=noninteractive \
	        apt-get install -y -qq $$missing; \
	fi

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
	    $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7 $(DESTDIR)$(DATADIR)
	for t in $(TOOLS); do \
	    install -m 755 $(BUILD)/bin/$$t $(DESTDIR)$(BINDIR)/$(PROGRAM_PREFIX)$$t || exit 1; \
	done
	for p in $(MAN1); do \
	    install -m 644 $$p $(DESTDIR)$(MANDIR)/man1/$(PROGRAM_PREFIX)$${p##*/} || exit 1; \
	done
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5
	install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7
	cp -R cron.d examples $(DESTDIR)$(DATADIR)/

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(BINDIR)/$(PROGRAM_PREFIX)%)
	rm -f $(MAN1:man/man1/%=$(DESTDIR)$(MANDIR)/man1/$(PROGRAM_PREFIX)%) \
	    $(MAN5:man/man5/%=$(DESTDIR)$(MANDIR)/man5/%) \
	    $(MAN7:man/man7/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -rf $(DESTDIR)$(DATADIR)

bench: all
	QW_BIN=$(CURDIR)/$(BUILD)/bin bench/run

clean:
	rm -rf build build-*

.PHONY: all check test demo deps install uninstall bench clean fuzz fuzz-targets
.SECONDARY:
-include $(LIB_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(BINS:=.d) $(wildcard $(BUILD)/tests/fuzz/*.d)
