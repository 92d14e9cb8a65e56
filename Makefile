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

.PHONY: all site test deps test-deps clean install bench golden
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
	$(CC) $(ALL_CFLAGS) -Isrc -o $@ $< $(BUILD)/libsaitti.a $(LIBS)

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
