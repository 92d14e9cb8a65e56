#!/bin/sh
# saitti benchmark (issue 6). `make bench` runs it from the repository root
# after building build/saitti. Never part of `make test`.
#
# It makes deterministic corpora with bench/corpus.py under /dev/shm (kept
# between runs, keyed by size, seed and corpus.py itself), then times each
# case as the median of BENCH_RUNS runs (hyperfine when installed, else a
# `date +%s%N` loop), with the output on /dev/shm and on the normal disk:
#   (a) full build from scratch: no output, no cache folder; git_info off
#   (w) full build into a new output folder, caches warm (Markdown)
#   (b) rebuild with nothing changed
#   (c) rebuild after appending a line to one post
#   (d) full build of the git corpus (one commit a post), caches cold
#   (e) the same with the caches warm (history, Markdown)
#   check against (w) on /dev/shm: what the link scan adds to the build
# plus --jobs 1 against every core, the full build at each size of
# BENCH_SIZES (events = posts / 10), and Hugo on the same corpus when
# `hugo` is installed. Peak memory comes from GNU time (%M) or, without it,
# from getrusage(RUSAGE_CHILDREN) in python3.
#
# Environment (all optional):
#   SAITTI            the binary                      (build/saitti)
#   BENCH_N           posts in the main corpus        (10000; events N/10)
#   BENCH_SIZES       posts for the size sweep        ("1000 10000 50000")
#   BENCH_RUNS        timed runs per case             (5)
#   BENCH_HUGO_RUNS   timed Hugo runs                 (3)
#   BENCH_SEED        corpus seed                     (2018)
#   BENCH_DIR         corpora and RAM-disk output     (/dev/shm/saitti-bench)
#   BENCH_DISK_DIR    output on the normal disk       (build/bench)
#   BENCH_WHERE       output places to time (both: "shm disk")
#   BENCH_HUGO=0      skip Hugo even when installed
#   BENCH_HYPERFINE=0 use the shell loop even when hyperfine is installed
# Paths must not contain spaces.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SAITTI=${SAITTI:-$ROOT/build/saitti}
case $SAITTI in /*) ;; *) SAITTI=$ROOT/$SAITTI ;; esac
N=${BENCH_N:-10000}
M=$((N / 10))
SIZES=${BENCH_SIZES:-"1000 10000 50000"}
RUNS=${BENCH_RUNS:-5}
HUGO_RUNS=${BENCH_HUGO_RUNS:-3}
SEED=${BENCH_SEED:-2018}
NOW=2019-01-01
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
if [ -n "${BENCH_DIR:-}" ]; then
	SHM=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=/dev/shm/saitti-bench
else
	SHM=${TMPDIR:-/tmp}/saitti-bench
	echo "bench: no writable /dev/shm; using $SHM (not a RAM disk)" >&2
fi
DISK=${BENCH_DISK_DIR:-$ROOT/build/bench}
case $DISK in /*) ;; *) DISK=$ROOT/$DISK ;; esac
TMP=$SHM/tmp
RES=$TMP/results
mkdir -p "$SHM" "$DISK" "$TMP"
: >"$RES"

if [ ! -x "$SAITTI" ]; then
	echo "bench: $SAITTI not found: run 'make bench' or 'make build/saitti'" >&2
	exit 2
fi

if [ "${BENCH_HYPERFINE:-1}" != 0 ] && command -v hyperfine >/dev/null 2>&1; then
	TIMER="hyperfine $(hyperfine --version | sed 's/^hyperfine //')"
	HF=1
else
	TIMER="date +%s%N loop"
	HF=0
fi
if /usr/bin/time -f %M -o "$TMP/probe" true 2>/dev/null; then
	MEMTOOL="GNU time"
else
	MEMTOOL="getrusage"
fi
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')

say() { printf '%s\n' "$*" >&2; }

# ------------------------------------------------------------ corpora

GEN=$(cksum <"$ROOT/bench/corpus.py" | cut -d' ' -f1)

# corpus DIR POSTS EVENTS plain|git
corpus() {
	c_marker="$1.marker"
	c_want="posts=$2 events=$3 seed=$SEED kind=$4 gen=$GEN"
	if [ -d "$1" ] && [ -f "$c_marker" ] && [ "$(cat "$c_marker")" = "$c_want" ]; then
		return 0
	fi
	rm -f "$c_marker"
	if [ "$4" = git ]; then
		c_flags=--git
	else
		c_flags=--no-git-info
	fi
	say "bench: writing corpus $1 ($2 posts, $3 events, $4)"
	"$PY" "$ROOT/bench/corpus.py" "$1" --posts "$2" --events "$3" \
	    --seed "$SEED" $c_flags --force
	printf '%s\n' "$c_want" >"$c_marker"
}

# -------------------------------------------------------------- timing

# measure KEY PREPARE CMD [RUNS]
# Runs PREPARE then CMD once untimed (a warm-up that also gives the peak
# memory, the saitti summary line and the output's page count), then RUNS
# timed runs each after PREPARE. Appends to $RES:
#   KEY median_s cpu_s peak_kb pages changed
measure() {
	m_key=$1 m_prep=$2 m_cmd=$3 m_runs=${4:-$RUNS}
	sh -c "$m_prep"
	# $m_cmd is split into words on purpose (no spaces in paths).
	# shellcheck disable=SC2086
	if [ "$MEMTOOL" = "GNU time" ]; then
		/usr/bin/time -f %M -o "$TMP/mem" $m_cmd >"$TMP/out" 2>"$TMP/err" || m_rc=$?
	else
		"$PY" -c 'import resource, subprocess, sys
rc = subprocess.call(sys.argv[2:])
open(sys.argv[1], "w").write("%d\n" % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
sys.exit(rc)' "$TMP/mem" $m_cmd >"$TMP/out" 2>"$TMP/err" || m_rc=$?
	fi
	if [ -n "${m_rc:-}" ]; then
		say "bench: $m_key: '$m_cmd' failed (exit $m_rc):"
		tail -n 5 "$TMP/err" >&2
		printf '%s\tfail\t-\t-\t-\t-\n' "$m_key" >>"$RES"
		unset m_rc
		return 0
	fi
	m_mem=$(tail -n 1 "$TMP/mem")
	m_changed=$(sed -n 's/.*[ (]\([0-9][0-9]*\) changed.*/\1/p' "$TMP/err" | tail -n 1)
	m_pages=-
	m_out=$(printf '%s\n' "$m_cmd" | sed -n 's/.*\(--out\|-d\) \([^ ]*\).*/\2/p')
	if [ -n "$m_out" ] && [ -d "$m_out" ]; then
		m_pages=$(find "$m_out" -name '*.html' | wc -l | tr -d ' ')
	fi
	if [ "$HF" = 1 ]; then
		if ! hyperfine --style none --runs "$m_runs" --prepare "$m_prep" \
		    --export-json "$TMP/hf.json" "$m_cmd" >/dev/null 2>"$TMP/hf.err"; then
			say "bench: $m_key: hyperfine failed:"
			cat "$TMP/hf.err" >&2
			printf '%s\tfail\t-\t-\t-\t-\n' "$m_key" >>"$RES"
			return 0
		fi
		m_t=$("$PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.4f\t%.4f" % (r["median"], r["user"] + r["system"]))' "$TMP/hf.json")
	else
		: >"$TMP/times"
		m_i=0
		while [ "$m_i" -lt "$m_runs" ]; do
			sh -c "$m_prep"
			m_t0=$(date +%s%N)
			# shellcheck disable=SC2086
			$m_cmd >/dev/null 2>&1
			m_t1=$(date +%s%N)
			echo $((m_t1 - m_t0)) >>"$TMP/times"
			m_i=$((m_i + 1))
		done
		m_t=$(sort -n "$TMP/times" | awk '{t[NR] = $1}
		    END { m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
		          printf "%.4f\t-\n", m / 1e9 }')
	fi
	printf '%s\t%s\t%s\t%s\t%s\n' "$m_key" "$m_t" "$m_mem" "$m_pages" \
	    "${m_changed:--}" >>"$RES"
	say "bench: $m_key: $(printf '%s' "$m_t" | cut -f1) s (median of $m_runs), peak $((m_mem / 1024)) MB, $m_pages pages"
}

# get KEY FIELD (2 median, 3 cpu, 4 peak kB, 5 pages, 6 changed)
get() {
	awk -F'\t' -v k="$1" -v f="$2" '$1 == k { v = $f } END { print (v == "" ? "-" : v) }' "$RES"
}

# ------------------------------------------------------------- the runs

PLAIN=$SHM/plain-$N
GIT=$SHM/git-$N
corpus "$PLAIN" "$N" "$M" plain
corpus "$GIT" "$N" "$M" git

# The post (c) edits: the middle one of blogi/, restored on exit.
EDIT=$(find "$PLAIN/content/blogi" -name '*.md' | sort | awk '{ p[NR] = $0 } END { print p[int((NR + 1) / 2)] }')
cp "$EDIT" "$TMP/edit.orig"
trap 'cp "$TMP/edit.orig" "$EDIT"' EXIT
trap 'exit 130' INT TERM

say "bench: saitti $("$SAITTI" --version | sed 's/^saitti //'), $N posts, $M events, $CORES cores, $TIMER, memory by $MEMTOOL"

for where in ${BENCH_WHERE:-shm disk}; do
	if [ "$where" = shm ]; then base=$SHM; else base=$DISK; fi
	out=$base/out-plain
	gout=$base/out-git
	build="$SAITTI build --source $PLAIN --out $out --now $NOW"
	gbuild="$SAITTI build --source $GIT --out $gout --now $NOW"
	measure "a.$where" "rm -rf $out $PLAIN/.saitti-cache" "$build"
	measure "w.$where" "rm -rf $out" "$build"
	measure "b.$where" ":" "$build"
	measure "c.$where" "printf '\\nLisätty rivi.\\n' >>$EDIT" "$build"
	cp "$TMP/edit.orig" "$EDIT"
	measure "d.$where" "rm -rf $gout $GIT/.saitti-cache" "$gbuild"
	measure "e.$where" "rm -rf $gout" "$gbuild"
	rm -rf "$out" "$gout"
done

# `saitti check` (a build into a temporary folder, then the link scan of
# every output file) against the same full build into a new folder, caches
# warm, both on /dev/shm: check should cost the build plus the scan.
out=$SHM/out-plain
measure "chk" ":" "env TMPDIR=$TMP $SAITTI check --source $PLAIN --now $NOW --quiet"
measure "chkb" "rm -rf $out" "$SAITTI build --source $PLAIN --out $out --now $NOW --quiet"
rm -rf "$out"

# One thread against every core, on /dev/shm.
out=$SHM/out-plain
measure "j1" "rm -rf $out $PLAIN/.saitti-cache" "$SAITTI build --source $PLAIN --out $out --now $NOW --jobs 1"
measure "j1b" ":" "$SAITTI build --source $PLAIN --out $out --now $NOW --jobs 1"
rm -rf "$out"

# The full build at each size.
for n in $SIZES; do
	if [ "$n" = "$N" ]; then
		continue
	fi
	corpus "$SHM/plain-$n" "$n" $((n / 10)) plain
	out=$SHM/out-$n
	measure "s.$n" "rm -rf $out $SHM/plain-$n/.saitti-cache" "$SAITTI build --source $SHM/plain-$n --out $out --now $NOW"
	rm -rf "$out"
done

# Search (issue 18): the same full build (a) without the search index
# (`paths: {search: ""}` turns it off), and what a first query downloads
# from the index at N posts (tests/search/run.js bytes, with node).
NS=$SHM/nosearch-$N
if [ ! -f "$NS.marker" ] || [ "$(cat "$NS.marker")" != "$(cat "$PLAIN.marker")" ]; then
	rm -rf "$NS"
	cp -R "$PLAIN" "$NS"
	rm -rf "$NS/.saitti-cache"
	printf 'paths: {search: ""}\n' >>"$NS/site.yaml"
	cp "$PLAIN.marker" "$NS.marker"
fi
out=$SHM/out-nosearch
measure "ns" "rm -rf $out $NS/.saitti-cache" "$SAITTI build --source $NS --out $out --now $NOW"
measure "nsb" ":" "$SAITTI build --source $NS --out $out --now $NOW"
rm -rf "$out"
SEARCH_BYTES=
if command -v node >/dev/null 2>&1; then
	out=$SHM/out-plain
	rm -rf "$out"
	"$SAITTI" build --source "$PLAIN" --out "$out" --now $NOW --quiet
	SEARCH_BYTES=$(node "$ROOT/tests/search/run.js" bytes "$out" perhekeskus \
	    perhekeskuksissa "kohtaamispaikka lastensuojelu" "perhekeskus lapsi nuori" 2>&1)
	SEARCH_SIZE=$(cat "$out"/*/i/*.json | gzip -9 | wc -c | tr -d ' ')
	SEARCH_FILES=$(ls "$out"/*/i | wc -l | tr -d ' ')
	rm -rf "$out"
fi

# Hugo on the same corpus, written to /dev/shm too.
HUGO_VER=
if [ "${BENCH_HUGO:-1}" != 0 ] && command -v hugo >/dev/null 2>&1; then
	HUGO_VER=$(hugo version 2>/dev/null | sed -n 's/^hugo v\([^ +-]*\).*/\1/p')
	hsite=$SHM/hugo-$N
	hmarker="$(cat "$PLAIN.marker") hugo=$(cksum <"$ROOT/bench/hugo.py" | cut -d' ' -f1)"
	if [ ! -f "$hsite.marker" ] || [ "$(cat "$hsite.marker")" != "$hmarker" ]; then
		say "bench: writing the Hugo site $hsite"
		"$PY" "$ROOT/bench/hugo.py" "$PLAIN" "$hsite" --force
		printf '%s\n' "$hmarker" >"$hsite.marker"
	fi
	hout=$SHM/out-hugo
	measure "hugo" "rm -rf $hout" "hugo --quiet --source $hsite -d $hout --cacheDir $SHM/hugo-cache" "$HUGO_RUNS"
	rm -rf "$hout"
fi

# ------------------------------------------------------------- the table

fmt_s() { case $1 in fail|-|'') printf '%s' "${1:--}" ;; *) awk -v t="$1" 'BEGIN { printf "%.3f", t }' ;; esac; }
fmt_mb() { case $1 in -|'') printf '-' ;; *) awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' ;; esac; }
pps() {
	case $1$2 in *fail*|*-*) printf '-' ;; *) awk -v p="$1" -v t="$2" 'BEGIN { printf "%.0f", p / t }' ;; esac
}
diff_s() {
	case $1$2 in *fail*|-*|*-) printf '-' ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }' ;; esac
}
ratio() {
	case $1$2 in *fail*|-*|*-) printf '-' ;; *) awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }' ;; esac
}

printf '\n'
printf 'saitti benchmark: %s posts, %s events (seed %s), --now %s, %s cores\n' "$N" "$M" "$SEED" "$NOW" "$CORES"
printf 'each time is the median of %s runs (%s); cpu = user+sys mean; peak = max RSS (%s)\n' "$RUNS" "$TIMER" "$MEMTOOL"
printf 'output: /dev/shm = %s, disk = %s\n\n' "$SHM" "$DISK"
printf '%-34s | %8s %7s %6s %7s | %8s %7s %6s %7s | %6s\n' \
    "case" "shm s" "cpu s" "MB" "pages/s" "disk s" "cpu s" "MB" "pages/s" "wrote"
printf '%-34s-+-%8s-%7s-%6s-%7s-+-%8s-%7s-%6s-%7s-+-%6s\n' \
    "----------------------------------" "--------" "-------" "------" "-------" \
    "--------" "-------" "------" "-------" "------"
for c in a w b c d e; do
	case $c in
	a) label="(a) full build, no caches" ;;
	w) label="(w) full build, caches warm" ;;
	b) label="(b) rebuild, nothing changed" ;;
	c) label="(c) rebuild, one post edited" ;;
	d) label="(d) full build, git history cold" ;;
	e) label="(e) full build, git history warm" ;;
	esac
	ps_=$(get "a.shm" 5)
	pd_=$(get "a.disk" 5)
	case $c in b|c) ps_=- pd_=- ;; esac
	printf '%-34s | %8s %7s %6s %7s | %8s %7s %6s %7s | %6s\n' "$label" \
	    "$(fmt_s "$(get "$c.shm" 2)")" "$(fmt_s "$(get "$c.shm" 3)")" \
	    "$(fmt_mb "$(get "$c.shm" 4)")" "$(pps "$ps_" "$(get "$c.shm" 2)")" \
	    "$(fmt_s "$(get "$c.disk" 2)")" "$(fmt_s "$(get "$c.disk" 3)")" \
	    "$(fmt_mb "$(get "$c.disk" 4)")" "$(pps "$pd_" "$(get "$c.disk" 2)")" \
	    "$(get "$c.shm" 6)"
done
printf '\npages (.html files) per full build: %s; "wrote" = files saitti reports as changed (shm)\n' "$(get a.shm 5)"
printf 'git history, extra: cold (d - a) %s s, warm (e - w) %s s on /dev/shm (cold %s s, warm %s s on disk)\n' \
    "$(diff_s "$(get d.shm 2)" "$(get a.shm 2)")" "$(diff_s "$(get e.shm 2)" "$(get w.shm 2)")" \
    "$(diff_s "$(get d.disk 2)" "$(get a.disk 2)")" "$(diff_s "$(get e.disk 2)" "$(get w.disk 2)")"
printf 'threads, full build (a): --jobs 1 %s s (cpu %s s), every core %s s (cpu %s s): %sx\n' \
    "$(fmt_s "$(get j1 2)")" "$(fmt_s "$(get j1 3)")" "$(fmt_s "$(get a.shm 2)")" \
    "$(fmt_s "$(get a.shm 3)")" "$(ratio "$(get j1 2)" "$(get a.shm 2)")"
printf 'threads, nothing changed (b): --jobs 1 %s s, every core %s s: %sx\n' \
    "$(fmt_s "$(get j1b 2)")" "$(fmt_s "$(get b.shm 2)")" "$(ratio "$(get j1b 2)" "$(get b.shm 2)")"

printf 'check = build + scan: check %s s (cpu %s s), full build into a new folder %s s (cpu %s s): the link scan adds %s s\n' \
    "$(fmt_s "$(get chk 2)")" "$(fmt_s "$(get chk 3)")" "$(fmt_s "$(get chkb 2)")" \
    "$(fmt_s "$(get chkb 3)")" "$(diff_s "$(get chk 2)" "$(get chkb 2)")"

printf '\nfull build by size (events = posts/10, output on /dev/shm):\n'
printf '%8s %8s | %8s %7s %8s %9s %6s\n' "posts" "events" "wall s" "cpu s" "pages" "pages/s" "MB"
for n in $SIZES; do
	if [ "$n" = "$N" ]; then k=a.shm; else k=s.$n; fi
	printf '%8s %8s | %8s %7s %8s %9s %6s\n' "$n" $((n / 10)) \
	    "$(fmt_s "$(get "$k" 2)")" "$(fmt_s "$(get "$k" 3)")" "$(get "$k" 5)" \
	    "$(pps "$(get "$k" 5)" "$(get "$k" 2)")" "$(fmt_mb "$(get "$k" 4)")"
done

printf '\nsearch index (issue 18), /dev/shm: full build (a) %s s, without search %s s (%s); rebuild (b) %s s, without search %s s\n' \
    "$(fmt_s "$(get a.shm 2)")" "$(fmt_s "$(get ns 2)")" \
    "$(case "$(get a.shm 2)$(get ns 2)" in *-*|*fail*) printf -- - ;; *) awk -v a="$(get a.shm 2)" -v b="$(get ns 2)" 'BEGIN { printf "%+.0f %%", 100 * (a - b) / b }' ;; esac)" \
    "$(fmt_s "$(get b.shm 2)")" "$(fmt_s "$(get nsb 2)")"
if [ -n "$SEARCH_BYTES" ]; then
	printf 'search index: %s files, %s bytes gzipped in all; first queries (files a fresh page loads for the query and its first ten results):\n%s\n' \
	    "$SEARCH_FILES" "$SEARCH_SIZE" "$SEARCH_BYTES"
fi

if [ -n "$HUGO_VER" ]; then
	printf '\nHugo %s, same corpus, /dev/shm, median of %s: %s s (cpu %s s), %s MB peak, %s pages\n' \
	    "$HUGO_VER" "$HUGO_RUNS" "$(fmt_s "$(get hugo 2)")" "$(fmt_s "$(get hugo 3)")" \
	    "$(fmt_mb "$(get hugo 4)")" "$(get hugo 5)"
	printf 'Hugo / saitti full build (wall): %sx\n' "$(ratio "$(get hugo 2)" "$(get a.shm 2)")"
elif [ "${BENCH_HUGO:-1}" = 0 ]; then
	printf '\nHugo: skipped (BENCH_HUGO=0)\n'
else
	printf '\nHugo: not installed (apt-get install hugo to compare); skipped\n'
fi
