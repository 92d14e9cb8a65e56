# saitti — a static site generator for the LAPE programme.
# `make site` and `make test` set up everything on a fresh Debian 12.

-include config.mk   # a developer's own overrides (not committed)

CC      ?= cc
PKGS    := libcmark yaml-0.1 libgit2 zlib libxxhash jansson
# libxml2 (raw HTML, SVG, what check reads back) lives in saitti-xml.so,
# loaded at its first use (src/core/xmlpart.h).
XML_PKGS := libxml-2.0
# The preview server (libmicrohttpd) and the web link check (libcurl) live
# in plugins too, saitti-serve.so and saitti-fetch.so: a build loads
# neither library nor what they link (src/core/plugin.h).
SERVE_PKGS := libmicrohttpd
FETCH_PKGS := libcurl
# Pictures (libvips) live in a plugin, saitti-images.so, loaded only by a
# build that has pictures (src/core/plugin.h).
PLUGIN_PKGS := vips libwebpmux
# Search (issue 18): Voikko for Finnish, Snowball (no .pc file) for
# others, in saitti-words.so: loaded by a build's search, not by every run
# (src/plugin/words.c).
WORDS_PKGS := libvoikko
WARN    := -Wall -Wextra -Wpedantic -Wstrict-prototypes -Wmissing-prototypes \
           -Wshadow -Wno-unused-parameter
CFLAGS  ?= -O2 -g
WERROR  ?= -Werror
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
VERSION := 0.1.0

ALL_PKGS   = $(PKGS) $(PLUGIN_PKGS) $(SERVE_PKGS) $(FETCH_PKGS) \
             $(WORDS_PKGS) $(XML_PKGS)
PKG_CFLAGS = $(shell pkg-config --cflags $(ALL_PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
PLUGIN_LIBS = $(shell pkg-config --libs $(PLUGIN_PKGS) 2>/dev/null)
SERVE_LIBS = $(shell pkg-config --libs $(SERVE_PKGS) 2>/dev/null)
FETCH_LIBS = $(shell pkg-config --libs $(FETCH_PKGS) 2>/dev/null)
WORDS_LIBS = $(shell pkg-config --libs $(WORDS_PKGS) 2>/dev/null) -lstemmer
XML_LIBS   = $(shell pkg-config --libs $(XML_PKGS) 2>/dev/null)
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARN) $(WERROR) $(CFLAGS) \
             $(PKG_CFLAGS) -DSAITTI_VERSION='"$(VERSION)"' \
             -DLOCALEDIR='"$(PREFIX)/share/locale"' \
             -DDATADIR='"$(PREFIX)/share/saitti"' \
             -DPLUGINDIR='"$(PREFIX)/lib/saitti"' -MMD -MP
LIBS       = $(PKG_LIBS) -lpthread -lm

SRC_DIRS := src/core src/source src/parse src/model src/render src/output \
            src/cli
# Each plugin's own sources; the rest is libsaitti.a.
SERVE_SRC := src/cli/serve.c src/cli/reload.c
FETCH_SRC := src/cli/external.c
WORDS_SRC := src/plugin/words.c
XML_SRC   := src/plugin/xml.c src/parse/sanitize.c src/parse/svg.c \
             src/cli/linkscan.c
LIB_SRC  := $(filter-out $(SERVE_SRC) $(FETCH_SRC) $(XML_SRC), \
            $(foreach d,$(SRC_DIRS),$(wildcard $(d)/*.c)))
PLUGINS   = $(BUILD)/saitti-images.so $(BUILD)/saitti-serve.so \
            $(BUILD)/saitti-fetch.so $(BUILD)/saitti-words.so \
            $(BUILD)/saitti-xml.so
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(wildcard tests/unit/test_*.c)
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Debian packages: what building needs, and what the tests use as
# independent checkers.
BUILD_DEBS := build-essential pkg-config libcmark-dev libyaml-dev libgit2-dev \
              libmicrohttpd-dev libxxhash-dev tzdata gettext libxml2-dev \
              libcurl4-openssl-dev
BUILD_DEBS += libvoikko-dev voikko-fi libstemmer-dev libjansson-dev \
              libvips-dev libwebp-dev
TEST_DEBS  := git python3 python3-feedparser python3-icalendar libxml2-utils \
              dpkg-dev debhelper lintian groff man-db bash-completion \
              libvips-tools libimage-exiftool-perl

.PHONY: all site test deps test-deps clean install bench golden test-asan \
        fuzz fuzz-build fuzz-deps pot uninstall deb deb-deps
all: $(BUILD)/saitti $(PLUGINS)

# Message catalogues (core/i18n.h): po/LANG.po, checked and compiled by
# msgfmt into $(BUILD)/locale, where $(BUILD)/saitti finds them.
LINGUAS := fi sv
MO_FILES := $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/saitti.mo)
$(BUILD)/locale/%/LC_MESSAGES/saitti.mo: po/%.po
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ $<

# po/saitti.pot: every msgid in the sources, for translators (msgmerge
# --update po/fi.po po/saitti.pot brings a catalogue up to date).
pot:
	xgettext --from-code=UTF-8 --language=C --keyword=_ --keyword=N_ \
	    --keyword=P_:1,2 --keyword=NP_:1,2 --add-comments=TRANSLATORS: --sort-by-file \
	    --package-name=saitti -o po/saitti.pot \
	    $$(grep -v '^#' po/POTFILES)

# Installs packages only when something is missing, so a set-up machine
# never needs root or the network.
deps:
	@if ! pkg-config --exists $(ALL_PKGS) 2>/dev/null || ! command -v cc >/dev/null \
	    || ! command -v msgfmt >/dev/null \
	    || [ ! -e /usr/include/libstemmer.h ] || [ ! -e /usr/lib/voikko/5/mor-standard/mor.vfst ] \
	    || [ ! -e /usr/share/zoneinfo/Europe/Helsinki ]; then \
	  echo "saitti: installing build dependencies: $(BUILD_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BUILD_DEBS) >/dev/null; \
	fi

test-deps: deps a11y-deps ical-deps
	@if ! /usr/bin/python3 -c 'import feedparser, icalendar' 2>/dev/null \
	    || ! command -v git >/dev/null || ! command -v xmllint >/dev/null \
	    || ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null \
	    || ! command -v lintian >/dev/null || ! command -v groff >/dev/null \
	    || ! command -v man >/dev/null || ! command -v vips >/dev/null \
	    || ! command -v exiftool >/dev/null \
	    || [ ! -f /usr/share/bash-completion/bash_completion ]; then \
	  echo "saitti: installing test dependencies: $(TEST_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(TEST_DEBS) >/dev/null; \
	fi

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -c $< -o $@

$(BUILD)/libsaitti.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

# -rdynamic: the plugins call saitti's own functions; the whole archive,
# so that the binary has those only a plugin calls.
$(BUILD)/saitti: $(BUILD)/src/main.o $(BUILD)/libsaitti.a $(MO_FILES) \
    | $(PLUGINS)
	$(CC) $(LDFLAGS) $(CFLAGS) -rdynamic -o $@ $(BUILD)/src/main.o \
	    -Wl,--whole-archive $(BUILD)/libsaitti.a -Wl,--no-whole-archive \
	    $(LIBS)

$(BUILD)/%.pic.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(ALL_CFLAGS) -fPIC -c $< -o $@

$(BUILD)/saitti-images.so: $(BUILD)/src/plugin/imagevips.pic.o
	$(CC) $(LDFLAGS) $(CFLAGS) -shared -o $@ $^ $(PLUGIN_LIBS) -lpthread -lm

$(BUILD)/saitti-serve.so: $(SERVE_SRC:%.c=$(BUILD)/%.pic.o)
	$(CC) $(LDFLAGS) $(CFLAGS) -shared -o $@ $^ $(SERVE_LIBS) -lpthread -lm

$(BUILD)/saitti-fetch.so: $(FETCH_SRC:%.c=$(BUILD)/%.pic.o)
	$(CC) $(LDFLAGS) $(CFLAGS) -shared -o $@ $^ $(FETCH_LIBS) -lpthread -lm

$(BUILD)/saitti-words.so: $(WORDS_SRC:%.c=$(BUILD)/%.pic.o)
	$(CC) $(LDFLAGS) $(CFLAGS) -shared -o $@ $^ $(WORDS_LIBS) -lpthread -lm

$(BUILD)/saitti-xml.so: $(XML_SRC:%.c=$(BUILD)/%.pic.o)
	$(CC) $(LDFLAGS) $(CFLAGS) -shared -o $@ $^ $(XML_LIBS) -lpthread -lm

# The same code for the tests and the fuzzers, which link it instead of
# loading the plugin (core/xmlpart.c): -u pulls its table in.
$(BUILD)/libsaitti-xml.a: $(XML_SRC:%.c=$(BUILD)/%.o)
	@rm -f $@
	ar rcs $@ $^
XML_LINK = -Wl,-u,xml_plugin_ops $(BUILD)/libsaitti-xml.a

# The analyser's test links the plugin's code itself (model/morph.c finds
# it through a weak reference).
$(BUILD)/tests/test_morph: tests/unit/test_morph.c tests/unit/check.h \
    $(BUILD)/libsaitti.a $(BUILD)/libsaitti-xml.a $(WORDS_SRC:%.c=$(BUILD)/%.o)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< \
	    $(WORDS_SRC:%.c=$(BUILD)/%.o) $(XML_LINK) $(BUILD)/libsaitti.a \
	    $(LIBS) $(WORDS_LIBS) $(XML_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/check.h $(BUILD)/libsaitti.a \
    $(BUILD)/libsaitti-xml.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< $(XML_LINK) \
	    $(BUILD)/libsaitti.a $(LIBS) $(XML_LIBS)

site: deps
	$(MAKE) $(BUILD)/saitti
	./$(BUILD)/saitti build --source . --out public

test: test-deps
	$(MAKE) $(BUILD)/saitti $(TEST_BIN)
	@SAITTI=$(BUILD)/saitti BUILD=$(BUILD) sh tests/run.sh

# `make bench` (never part of `make test`): every figure of issue 17 from
# one run, see bench/run.sh; BENCH_WRITE_RESULTS=1 also writes
# bench/RESULTS.txt. hyperfine times the cases, Hugo is the comparison.
BENCH_DEBS := hyperfine hugo time
bench: deps bench-deps
	$(MAKE) $(BUILD)/saitti $(BUILD)/bench/floor
	SAITTI=$(BUILD)/saitti FLOOR=$(BUILD)/bench/floor sh bench/run.sh
	SAITTI=$(BUILD)/saitti sh bench/images.sh

.PHONY: bench-deps
bench-deps:
	@if ! command -v hyperfine >/dev/null || ! command -v hugo >/dev/null \
	    || [ ! -x /usr/bin/time ]; then \
	  echo "saitti: installing benchmark dependencies: $(BENCH_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(BENCH_DEBS) >/dev/null; \
	fi

# The floor: reads every input and writes files of a build's sizes, with
# two threads; no saitti code in it, so it builds without the libraries.
$(BUILD)/bench/floor: bench/floor.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -Wall -Wextra -Wpedantic $(WERROR) $(CFLAGS) $(LDFLAGS) -o $@ $< -lpthread

# Installs what a site needs besides its own files: the binary, the
# message catalogues, the default theme and the skeleton of `saitti init`
# (in $(PREFIX)/share/saitti, found beside the binary at run time), the man
# pages and the bash completion.
DATA_DIR  = $(DESTDIR)$(PREFIX)/share/saitti
MAN_DIR   = $(DESTDIR)$(PREFIX)/share/man
BASH_COMP = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
install: $(BUILD)/saitti
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BUILD)/saitti $(DESTDIR)$(PREFIX)/bin/saitti
	for p in images serve fetch words xml; do \
	  install -D -m 644 $(BUILD)/saitti-$$p.so \
	      $(DESTDIR)$(PREFIX)/lib/saitti/saitti-$$p.so || exit 1; \
	done
	for l in $(LINGUAS); do \
	  install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES && \
	  install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/saitti.mo \
	      $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/saitti.mo || exit 1; \
	done
	find themes/default skel -type f | while read -r f; do \
	  install -D -m 644 "$$f" "$(DATA_DIR)/$$f" || exit 1; \
	done
	install -D -m 644 man/saitti.1 $(MAN_DIR)/man1/saitti.1
	install -D -m 644 man/saitti-site.yaml.5 $(MAN_DIR)/man5/saitti-site.yaml.5
	install -D -m 644 completions/saitti $(BASH_COMP)/saitti

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/lib/saitti
	rm -f $(DESTDIR)$(PREFIX)/bin/saitti $(MAN_DIR)/man1/saitti.1 \
	    $(MAN_DIR)/man5/saitti-site.yaml.5 $(BASH_COMP)/saitti
	rm -rf $(DATA_DIR)
	for l in $(LINGUAS); do \
	  rm -f $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/saitti.mo; \
	done

# A Debian package built with Debian's own tools (debian/, debhelper,
# dpkg-buildpackage), then checked with lintian: ../saitti_*.deb is copied
# to $(BUILD)/deb/.
DEB_DEBS := dpkg-dev debhelper lintian
deb-deps: deps
	@if ! command -v dpkg-buildpackage >/dev/null || ! command -v dh >/dev/null \
	    || ! command -v lintian >/dev/null; then \
	  echo "saitti: installing packaging dependencies: $(DEB_DEBS)"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $(DEB_DEBS) >/dev/null; \
	fi

deb: deb-deps
	sh debian/make-deb.sh $(BUILD)/deb

clean:
	rm -rf $(BUILD)

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/main.d $(BUILD)/src/plugin/imagevips.pic.d \
    $(SERVE_SRC:%.c=$(BUILD)/%.pic.d) $(FETCH_SRC:%.c=$(BUILD)/%.pic.d) \
    $(WORDS_SRC:%.c=$(BUILD)/%.pic.d) $(WORDS_SRC:%.c=$(BUILD)/%.d) \
    $(XML_SRC:%.c=$(BUILD)/%.pic.d) $(XML_SRC:%.c=$(BUILD)/%.d)

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
# with leak checking, built into its own folder so the normal build stays;
# tests/asan.sh counts every sanitizer report as a failure.
ASAN_BUILD  ?= build-asan
ASAN_FLAGS  := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
               -fno-sanitize-recover=all

test-asan: test-deps
	$(MAKE) BUILD=$(ASAN_BUILD) CFLAGS="$(ASAN_FLAGS)" \
	    LDFLAGS="$(ASAN_FLAGS)" $(ASAN_BUILD)/saitti \
	    $(TEST_SRC:tests/unit/%.c=$(ASAN_BUILD)/tests/%) \
	    $(FUZZ_SRC:tests/fuzz/%.c=$(ASAN_BUILD)/fuzz/%)
	@SAITTI=$(ASAN_BUILD)/saitti BUILD=$(ASAN_BUILD) sh tests/asan.sh

# libFuzzer harnesses (tests/fuzz/fuzz_*.c), built with clang into their own
# folder. `make fuzz FUZZ_SECONDS=N` runs each for N seconds on its corpus
# (tests/fuzz/corpus/NAME, seeds; new finds go to $(FUZZ_BUILD)/corpus/NAME)
# with the dictionary tests/fuzz/NAME.dict, -timeout and -rss_limit_mb.
# A crash input is left as $(FUZZ_BUILD)/NAME-crash-*: add it to
# tests/fuzz/regressions/NAME/ and `make test` replays it without clang.
# Warnings are not errors here: clang warns about things gcc does not, and
# the normal build (gcc, -Werror) is the one that keeps the code clean.
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 60
# A run slower than FUZZ_TIMEOUT seconds or bigger than FUZZ_RSS_MB is a
# finding too (a hang, a memory blow-up: issue 13); tests/fuzz/NAME.options
# adds a harness's own flags (a larger -max_len for long Markdown).
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB  ?= 1024
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

# The same harnesses without libFuzzer, for the normal compiler: a main()
# (tests/fuzz/replay.c) that feeds them files. `make test` builds them, and
# tests/scripts/fuzz_regress.sh replays every seed and every regression.
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h \
    $(BUILD)/libsaitti.a $(BUILD)/libsaitti-xml.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c \
	    $(XML_LINK) $(BUILD)/libsaitti.a $(LIBS) $(XML_LIBS)
TEST_BIN += $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/fuzz/%)

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_BUILD)/libsaitti.a \
    $(FUZZ_BUILD)/libsaitti-xml.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -fsanitize=fuzzer -Isrc -o $@ $< \
	    $(XML_LINK) $(FUZZ_BUILD)/libsaitti.a $(LIBS) $(XML_LIBS)

fuzz-build: fuzz-deps
	$(MAKE) CC=$(FUZZ_CC) BUILD=$(FUZZ_BUILD) CFLAGS="$(FUZZ_FLAGS)" \
	    LDFLAGS="$(FUZZ_FLAGS)" WERROR= $(FUZZ_BIN)

fuzz: fuzz-build
	@for f in $(FUZZ_BIN); do \
	  n=$${f##*/fuzz_}; mkdir -p $(FUZZ_BUILD)/corpus/$$n; \
	  echo "saitti: fuzzing $$n for $(FUZZ_SECONDS) s"; \
	  opts=; [ -f tests/fuzz/$$n.options ] && opts=$$(cat tests/fuzz/$$n.options); \
	  ./$$f -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	      -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=$(FUZZ_RSS_MB) $$opts \
	      -dict=tests/fuzz/$$n.dict -artifact_prefix=$(FUZZ_BUILD)/$$n- \
	      $(FUZZ_BUILD)/corpus/$$n tests/fuzz/corpus/$$n || exit 1; \
	done

# Mozilla's ical.js (Thunderbird's parser) for tests/scripts/recurring.sh,
# pinned in tests/ical/package-lock.json.
.PHONY: ical-deps
ical-deps:
	@command -v npm >/dev/null || { $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq nodejs npm >/dev/null; }
	@if [ ! -f tests/ical/node_modules/.package-lock.json ] || \
	    [ tests/ical/package-lock.json -nt tests/ical/node_modules/.package-lock.json ]; then \
	  echo "saitti: npm ci in tests/ical"; \
	  cd tests/ical && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	fi

# The checkers of tests/scripts/a11y.sh (issue 9): Debian's Chromium, Java for
# the Nu HTML checker, Node and npm, and the npm packages pinned in
# tests/a11y/package-lock.json. --ignore-scripts: vnu-jar's postinstall would
# download a Java runtime; the machine's Java runs vnu.jar. playwright-core
# drives /usr/bin/chromium and never downloads a browser.
.PHONY: a11y-deps screenshots
a11y-deps:
	@debs=; \
	[ -x /usr/bin/chromium ] || debs="$$debs chromium"; \
	command -v java >/dev/null || debs="$$debs default-jre-headless"; \
	command -v node >/dev/null || debs="$$debs nodejs"; \
	command -v npm >/dev/null || debs="$$debs npm"; \
	if [ -n "$$debs" ]; then \
	  echo "saitti: installing accessibility test dependencies:$$debs"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$debs >/dev/null; \
	fi
	@if [ ! -f tests/a11y/node_modules/.package-lock.json ] || \
	    [ tests/a11y/package-lock.json -nt tests/a11y/node_modules/.package-lock.json ]; then \
	  echo "saitti: npm ci in tests/a11y"; \
	  cd tests/a11y && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error; \
	fi

# Full-page screenshots to look at: the front page, a post, an event and a
# month grid at 1280 and 375 px wide, in $(BUILD)/screenshots/ (NAME-WIDTH.png;
# SCREENSHOTS_DARK=1 adds NAME-WIDTH-dark.png). The site as it stood on
# SCREENSHOT_NOW: posts in both sections, upcoming events, today in the grid.
SCREENSHOT_NOW   ?= 2017-10-12
SCREENSHOT_PAGES := front=/ post=/blogi/nelja-kehittamiskokonaisuutta/ \
    event=/tapahtumat/vaikuttamistilaisuus-raisio/ \
    month=/tapahtumat/kalenteri/2017/10/
screenshots: deps a11y-deps
	$(MAKE) $(BUILD)/saitti
	rm -rf $(BUILD)/screenshots $(BUILD)/screenshots-site
	./$(BUILD)/saitti build --source . --out $(BUILD)/screenshots-site \
	    --now $(SCREENSHOT_NOW) --quiet
	node tests/a11y/screenshots.js $(BUILD)/screenshots-site \
	    $(BUILD)/screenshots $(SCREENSHOT_PAGES)
