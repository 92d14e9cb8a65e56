# saitti — a static site generator for the LAPE programme.
# `make site` and `make test` set up everything on a fresh Debian 12.

-include config.mk   # a developer's own overrides (not committed)

CC      ?= cc
PKGS    := libcmark yaml-0.1 libgit2
WARN    := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wshadow -Wno-unused-parameter
CFLAGS  ?= -O2 -g
WERROR  ?= -Werror
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
VERSION := 0.1.0

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) \
             $(PKG_CFLAGS) -DSAITTI_VERSION='"$(VERSION)"' -MMD -MP
LIBS       = $(PKG_LIBS) -lpthread

SRC_DIRS := src/core src/source src/parse src/model src/render src/output
LIB_SRC  := $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c))
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages: what building needs, and what the tests use as
# independent checkers.
BUILD_DEBS := build-essential pkg-config libcmark-dev libyaml-dev libgit2-dev \
              tzdata
TEST_DEBS  := git python3 python3-feedparser python3-icalendar libxml2-utils

.PHONY: all site test deps test-deps clean install bench golden test-asan \
        fuzz fuzz-build fuzz-deps
all: $(BUILD)/saitti

# Installs packages only when something is missing, so a set-up machine
# never needs root or the network.
deps:
	@if ! pkg-config --exists $(PKGS) 2>/dev/null || ! command -v cc >/dev/null \
	    || [ ! -e /usr/share/zoneinfo/Europe/Helsinki ]; then \
	  echo "saitti: installing build dependencies: $(BUILD_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BUILD_DEBS) >/dev/null; \
	fi

test-deps: deps
	@if ! /usr/bin/python3 -c 'import feedparser, icalendar' 2>/dev/null \
	    || ! command -v git >/dev/null || ! command -v xmllint >/dev/null; then \
	  echo "saitti: installing test dependencies: $(TEST_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_DEBS) >/dev/null; \
	fi

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libsaitti.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/saitti: $(BUILD)/src/main.o $(BUILD)/libsaitti.a
	$(CC) $(LDFLAGS) $(CFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libsaitti.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< $(BUILD)/libsaitti.a $(LIBS)

site: deps
	$(MAKE) $(BUILD)/saitti
	./$(BUILD)/saitti build --source . --out public

test: test-deps
	$(MAKE) $(BUILD)/saitti $(TEST_BIN)
	@SAITTI=$(BUILD)/saitti BUILD=$(BUILD) sh tests/run.sh

bench: deps
	$(MAKE) $(BUILD)/saitti
	sh bench/run.sh

install: $(BUILD)/saitti
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/saitti $(DESTDIR)$(PREFIX)/bin/saitti

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d

# Regenerates the golden tests' expected output after asking: review the
# diff before committing it.
golden: $(BUILD)/saitti
	@for dir in tests/fixtures/*/; do \
	  [ -f "$$dir/args" ] || continue; \
	  rm -rf "$$dir/expected.new"; \
	  ./$(BUILD)/saitti build --source "$$dir" --out "$$dir/expected.new" --quiet $$(cat "$$dir/args") || exit 1; \
	  if [ -d "$$dir/expected" ] && diff -r "$$dir/expected" "$$dir/expected.new" >/dev/null; then rm -rf "$$dir/expected.new"; continue; fi; \
	  diff -r -u "$$dir/expected" "$$dir/expected.new" | head -50; \
	  if [ "$(GOLDEN_YES)" != 1 ]; then printf 'Replace %s/expected? [y/N] ' "$$dir"; read ans; else ans=y; fi; \
	  if [ "$$ans" = y ]; then rm -rf "$$dir/expected"; mv "$$dir/expected.new" "$$dir/expected"; else rm -rf "$$dir/expected.new"; fi; \
	done

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer
# with leak checking, built into its own folder so the normal build stays.
ASAN_BUILD  ?= build-asan
ASAN_FLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all
ASAN_ENV    := ASAN_OPTIONS=detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1 \
               UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

test-asan: test-deps
	$(MAKE) BUILD=$(ASAN_BUILD) CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" $(ASAN_BUILD)/saitti \
	    $(TEST_SRC:tests/unit/%.c=$(ASAN_BUILD)/tests/%)
	@$(ASAN_ENV) SAITTI=$(ASAN_BUILD)/saitti BUILD=$(ASAN_BUILD) \
	    sh tests/run.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang into their own
# folder. `make fuzz FUZZ_SECONDS=N` runs each for N seconds on its corpus
# (tests/fuzz/corpus/NAME, seeds; new finds go to $(FUZZ_BUILD)/corpus/NAME).
# A crash input is left as $(FUZZ_BUILD)/crash-*: add it to
# tests/fuzz/regressions/NAME/ and `make test` replays it without clang.
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
                -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(FUZZ_BUILD)/%)
FUZZ_DEBS    := clang libclang-rt-14-dev

fuzz-deps: deps
	@if ! command -v $(FUZZ_CC) >/dev/null || ! echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' | \
	    $(FUZZ_CC) -fsanitize=fuzzer -x c - -o /dev/null 2>/dev/null; then \
	  echo "saitti: installing fuzzing dependencies: $(FUZZ_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(FUZZ_DEBS) >/dev/null; \
	fi

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libsaitti.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    $(FUZZ_BUILD)/libsaitti.a $(LIBS)

fuzz-build: fuzz-deps
	$(MAKE) CC=$(FUZZ_CC) BUILD=$(FUZZ_BUILD) CFLAGS="$(FUZZ_FLAGS)" \
	    LDFLAGS="$(FUZZ_FLAGS)" $(FUZZ_BIN)

fuzz: fuzz-build
	@for f in $(FUZZ_BIN); do \
	  n=$${f##*/fuzz_}; mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	  echo "saitti: fuzzing $$n for $(FUZZ_SECONDS) s"; \
	  ./$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	      -artifact_prefix=$(FUZZ_BUILD)/ $(FUZZ_BUILD)/corpus/$$n \
	      tests/fuzz/corpus/$$n || exit 1; \
	done
