#!/bin/sh
# saitti benchmark (issues 6, 17, 18). `make bench` runs it from the
# repository root after building build/saitti and build/bench/floor and
# installing hyperfine, hugo and GNU time (make bench-deps). Never part of
# `make test`: speed targets live here only.
#
# One run prints every figure issue 17 asks for and ends with a summary
# block, one line a figure: "figure  value  target  met / not met"; the
# targets are wall-clock medians, and each ratio is also given in cpu time
# (user+sys), steadier on a busy machine.
# With BENCH_WRITE_RESULTS=1 (`make bench BENCH_WRITE_RESULTS=1`) the whole
# output, progress lines included, also goes to bench/RESULTS.txt; without
# it nothing in the repository is written. Don't write RESULTS.txt from a
# run with shrunk sizes.
#
# Corpora come from bench/corpus.py under BENCH_DIR (kept between runs,
# keyed by size, seed and corpus.py itself); every output and cache is
# there too, on /dev/shm. Each case is one untimed warm-up under GNU time
# (its peak memory, pages and "changed" count), then BENCH_RUNS timed runs
# by hyperfine (one run an invocation, so that cases compared by a ratio
# run interleaved, A B A B, on this shared machine); the figure is the
# median. The cases, at BENCH_N posts and BENCH_N/10 events:
#   (a)    full build, no output, no caches (git_info off)
#   floor  build/bench/floor: reads every input, writes the files (a)
#          wrote at their sizes, two threads; interleaved with (a)
#   (ns)   (a) without the search index (issue 18); interleaved with (a)
#   (w)    full build into a new folder, caches warm
#   (b)    rebuild, nothing changed (and (nsb) without search)
#   (c)    rebuild after one post's text changed: each run swaps the
#          middle post of blogi/ between its own text and the text with one
#          more sentence, so every run sees a real, visible change (one
#          more rebuild checks the sentence reaches a page); restored at exit
#   (c2)   the same with the edit 0.2 s before the build, as a writer makes
#          it: the last build left a stamp, which this one finds stale
#   (d)    full build of the git corpus (one commit a post), caches cold
#   (e)    the same with the caches warm (history, Markdown)
#   check  `saitti check` against (chkb), a full build into a new folder,
#          both with the caches warm, interleaved; (chk0) the same check
#          without the record of its last scan (cli/linkrecord): every
#          page made and scanned
#   j1     (a) and (b) on one thread (--jobs 1)
#   hugo   Hugo on the same corpus (bench/hugo.py converts it),
#          interleaved with (a) again: the ratio is from those pairs
#   serve  bench/serve_latency.py, when it exists, on a copy of the
#          project's site and of the corpus: save to reload event
#   sizes  the full build (a) at each of BENCH_SIZES posts: a size up to
#          BENCH_N is timed like the rest; a larger one BENCH_BIG_RUNS
#          times under GNU time, with no warm-up (memory = the largest)
# Peak memory is GNU time's %M (max RSS).
#
# Environment (all optional):
#   SAITTI              the binary                       (build/saitti)
#   FLOOR               the floor program                (build/bench/floor)
#   BENCH_N             posts in the main corpus         (10000; events N/10)
#   BENCH_SIZES         posts for the scaling table      ("1000 10000 100000 250000")
#   BENCH_RUNS          timed runs a case                (5)
#   BENCH_BIG_RUNS      timed runs a size above BENCH_N  (2)
#   BENCH_HUGO_RUNS     timed Hugo runs                  (3)
#   BENCH_SERVE_RUNS    saves timed by serve_latency.py  (10)
#   BENCH_SEED          corpus seed                      (2018)
#   BENCH_DIR           corpora, outputs, caches         (/dev/shm/saitti-bench)
#   BENCH_HUGO=0        skip Hugo
#   BENCH_WRITE_RESULTS=1  also write the output to bench/RESULTS.txt
# Paths must not contain spaces.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SAITTI=${SAITTI:-$ROOT/build/saitti}
case $SAITTI in /*) ;; *) SAITTI=$ROOT/$SAITTI ;; esac
FLOOR=${FLOOR:-$ROOT/build/bench/floor}
case $FLOOR in /*) ;; *) FLOOR=$ROOT/$FLOOR ;; esac
N=${BENCH_N:-10000}
M=$((N / 10))
SIZES=${BENCH_SIZES:-"1000 10000 100000 250000"}
RUNS=${BENCH_RUNS:-5}
BIG_RUNS=${BENCH_BIG_RUNS:-2}
HUGO_RUNS=${BENCH_HUGO_RUNS:-3}
SERVE_RUNS=${BENCH_SERVE_RUNS:-10}
SEED=${BENCH_SEED:-2018}
NOW=2019-01-01
# saitti's summary lines ("N changed") in English, whatever the site's
# language.
LANGUAGE=en
export LANGUAGE
if [ -x /usr/bin/python3 ]; then PY=/usr/bin/python3; else PY=python3; fi
if [ -n "${BENCH_DIR:-}" ]; then
	SHM=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=/dev/shm/saitti-bench
else
	SHM=${TMPDIR:-/tmp}/saitti-bench
	echo "bench: no writable /dev/shm; using $SHM (not a RAM disk)" >&2
fi
TMP=$SHM/tmp
RES=$TMP/results
mkdir -p "$SHM" "$TMP"

for tool in "$SAITTI" "$FLOOR"; do
	if [ ! -x "$tool" ]; then
		echo "bench: $tool not found: run 'make bench'" >&2
		exit 2
	fi
done
if ! command -v hyperfine >/dev/null 2>&1 || ! /usr/bin/time -f %M -o "$TMP/probe" true 2>/dev/null; then
	echo "bench: needs hyperfine and GNU time (/usr/bin/time): run 'make bench-deps'" >&2
	exit 2
fi
TIMER="hyperfine $(hyperfine --version | sed 's/^hyperfine //')"
CORES=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo '?')

say() { printf '%s\n' "$*" >&2; }
# The errors of a failed run ($TMP/err), not its warnings, and its end.
show_errors() {
	{ grep ': error: ' "$TMP/err" | head -n 3; grep -v '^Command exited' "$TMP/err" | tail -n 2; } >&2
}

# ------------------------------------------------------------ corpora

# The corpus carries a copy of themes/default: a changed theme makes it
# again, as a changed generator does.
GEN=$( (cat "$ROOT/bench/corpus.py"; find "$ROOT/themes/default" -type f |
    LC_ALL=C sort | xargs cat) | cksum | cut -d' ' -f1)

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

# Each case is a line "KEY|PREPARE|COMMAND" (no | inside). $RES gets
#   KEY median_s cpu_s peak_kb pages changed
# with cpu = the median of user+sys. Times of each timed run go to
# $TMP/t.KEY as "wall cpu".

# warm KEY PREPARE CMD: the untimed run under GNU time; 1 when it failed.
warm() {
	sh -c "$2"
	# $3 is split into words on purpose (no spaces in paths).
	# shellcheck disable=SC2086
	if ! /usr/bin/time -f %M -o "$TMP/mem" $3 >"$TMP/out" 2>"$TMP/err"; then
		say "bench: $1: '$3' failed:"
		show_errors
		printf '%s\tfail\t-\t-\t-\t-\n' "$1" >>"$RES"
		return 1
	fi
	w_out=$(printf '%s\n' "$3" | sed -n 's/.*\(--out\|-d\) \([^ ]*\).*/\2/p')
	w_pages=-
	if [ -n "$w_out" ] && [ -d "$w_out" ]; then
		w_pages=$(find "$w_out" -name '*.html' | wc -l | tr -d ' ')
	fi
	w_changed=$(sed -n 's/.*[ (]\([0-9][0-9]*\) changed.*/\1/p' "$TMP/err" | tail -n 1)
	printf '%s\t%s\t%s\n' "$(tail -n 1 "$TMP/mem")" "$w_pages" "${w_changed:--}" >"$TMP/w.$1"
	: >"$TMP/t.$1"
	return 0
}

# once KEY PREPARE CMD: one timed run by hyperfine.
once() {
	if ! hyperfine --style none --runs 1 --prepare "$2" \
	    --export-json "$TMP/hf.json" "$3" >/dev/null 2>"$TMP/hf.err"; then
		say "bench: $1: hyperfine failed:"
		tail -n 5 "$TMP/hf.err" >&2
		return 1
	fi
	"$PY" -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%.6f %.6f" % (r["times"][0], r["user"] + r["system"]))' "$TMP/hf.json" >>"$TMP/t.$1"
}

# finish KEY RUNS: the medians into $RES, a progress line.
finish() {
	f_t=$(awk 'function med(a, n) { return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
	    { w[NR] = $1; c[NR] = $2 }
	    END { if (NR == 0) { print "fail\t-"; exit }
	          # insertion sort: a handful of runs
	          for (i = 2; i <= NR; i++) for (j = i; j > 1 && w[j - 1] > w[j]; j--) { t = w[j]; w[j] = w[j - 1]; w[j - 1] = t }
	          for (i = 2; i <= NR; i++) for (j = i; j > 1 && c[j - 1] > c[j]; j--) { t = c[j]; c[j] = c[j - 1]; c[j - 1] = t }
	          printf "%.4f\t%.4f\n", med(w, NR), med(c, NR) }' "$TMP/t.$1")
	printf '%s\t%s\t%s\n' "$1" "$f_t" "$(cat "$TMP/w.$1")" >>"$RES"
	say "bench: $1: $(printf '%s' "$f_t" | cut -f1) s (median of $(wc -l <"$TMP/t.$1" | tr -d ' ')), peak $(($(cut -f1 "$TMP/w.$1") / 1024)) MB, $(cut -f2 "$TMP/w.$1") pages, $(cut -f3 "$TMP/w.$1") changed"
}

# measure RUNS "KEY|PREPARE|CMD"...: a warm-up of each case, then RUNS
# rounds of one timed run of each, interleaved.
measure() {
	m_runs=$1
	shift
	m_live=
	for m_case in "$@"; do
		m_key=${m_case%%|*} m_rest=${m_case#*|}
		if warm "$m_key" "${m_rest%%|*}" "${m_rest#*|}"; then
			m_live="$m_live $m_key"
		fi
	done
	m_i=0
	while [ "$m_i" -lt "$m_runs" ]; do
		for m_case in "$@"; do
			m_key=${m_case%%|*} m_rest=${m_case#*|}
			case " $m_live " in *" $m_key "*) ;; *) continue ;; esac
			once "$m_key" "${m_rest%%|*}" "${m_rest#*|}" || :
		done
		m_i=$((m_i + 1))
	done
	for m_case in "$@"; do
		m_key=${m_case%%|*}
		case " $m_live " in *" $m_key "*) finish "$m_key" ;; esac
	done
}

# measure_big KEY PREPARE CMD RUNS: RUNS runs under GNU time alone (a big
# build is long enough for its 10 ms resolution), no warm-up.
measure_big() {
	: >"$TMP/t.$1"
	b_mem=0
	b_i=0
	while [ "$b_i" -lt "$4" ]; do
		sh -c "$2"
		# shellcheck disable=SC2086
		if ! /usr/bin/time -f '%e %U %S %M' -o "$TMP/big" $3 >"$TMP/out" 2>"$TMP/err"; then
			say "bench: $1: '$3' failed:"
			show_errors
			printf '%s\tfail\t-\t-\t-\t-\n' "$1" >>"$RES"
			return 0
		fi
		awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$TMP/big" | tail -n 1 >>"$TMP/t.$1"
		b_m=$(awk '{ m = $4 } END { print m }' "$TMP/big")
		[ "$b_m" -gt "$b_mem" ] && b_mem=$b_m
		b_i=$((b_i + 1))
	done
	b_out=$(printf '%s\n' "$3" | sed -n 's/.*--out \([^ ]*\).*/\1/p')
	printf '%s\t%s\t-\n' "$b_mem" "$(find "$b_out" -name '*.html' | wc -l | tr -d ' ')" >"$TMP/w.$1"
	finish "$1"
}

# get KEY FIELD (2 median, 3 cpu, 4 peak kB, 5 pages, 6 changed)
get() {
	awk -F'\t' -v k="$1" -v f="$2" '$1 == k { v = $f } END { print (v == "" ? "-" : v) }' "$RES"
}

# ------------------------------------------------------------- the runs

bench() {
	: >"$RES"
	PLAIN=$SHM/plain-$N
	GIT=$SHM/git-$N
	corpus "$PLAIN" "$N" "$M" plain
	corpus "$GIT" "$N" "$M" git

	# The search-less copy of the plain corpus (issue 18):
	# `paths: {search: ""}` turns the index off.
	NS=$SHM/nosearch-$N
	if [ ! -f "$NS.marker" ] || [ "$(cat "$NS.marker")" != "$(cat "$PLAIN.marker")" ]; then
		rm -rf "$NS"
		cp -R "$PLAIN" "$NS"
		printf 'paths: {search: ""}\n' >>"$NS/site.yaml"
		cp "$PLAIN.marker" "$NS.marker"
	fi

	# The post (c) edits: the middle one of blogi/, restored on exit.
	EDIT=$(find "$PLAIN/content/blogi" -name '*.md' | sort | awk '{ p[NR] = $0 } END { print p[int((NR + 1) / 2)] }')
	cp "$EDIT" "$TMP/edit.orig"
	trap 'cp "$TMP/edit.orig" "$EDIT"' EXIT
	trap 'exit 130' INT TERM
	SENTENCE="Tämä lause lisättiin vertailua varten."
	{ cat "$TMP/edit.orig"; printf '\n%s\n' "$SENTENCE"; } >"$TMP/edit.alt"
	TOGGLE="if cmp -s $EDIT $TMP/edit.orig; then cp $TMP/edit.alt $EDIT; else cp $TMP/edit.orig $EDIT; fi"

	say "bench: saitti $("$SAITTI" --version | head -n 1 | sed 's/^saitti //'), $N posts, $M events, $CORES cores, $TIMER, memory by GNU time"

	out=$SHM/out-plain cache=$SHM/cache-plain
	build="$SAITTI build --source $PLAIN --out $out --cache $cache --now $NOW"
	fout=$SHM/out-floor
	nout=$SHM/out-nosearch ncache=$SHM/cache-nosearch
	nbuild="$SAITTI build --source $NS --out $nout --cache $ncache --now $NOW"

	# The floor's list: the files a full build writes, from a reference
	# build of the same corpus by the same binary.
	rm -rf "$out" "$cache"
	"$SAITTI" build --source "$PLAIN" --out "$out" --cache "$cache" --now $NOW --quiet
	find "$out" -type f -printf '%P %s\n' >"$TMP/floor.list"
	say "bench: the floor writes $(wc -l <"$TMP/floor.list" | tr -d ' ') files, $(awk '{ s += $NF } END { printf "%.0f", s / 1048576 }' "$TMP/floor.list") MB"

	measure "$RUNS" \
	    "a|rm -rf $out $cache|$build" \
	    "floor|rm -rf $fout|$FLOOR $PLAIN $TMP/floor.list $fout" \
	    "ns|rm -rf $nout $ncache|$nbuild"
	rm -rf "$fout"
	measure "$RUNS" "w|rm -rf $out|$build"
	measure "$RUNS" "b|:|$build" "nsb|:|$nbuild"
	rm -rf "$nout" "$ncache"
	measure "$RUNS" "c|$TOGGLE|$build"
	# The same edit a moment before the build, as a writer makes it: the
	# last build left a stamp, which this one tests and finds stale.
	measure "$RUNS" "c2|$TOGGLE; sleep 0.2|$build"
	# The edit must reach a page, or (c) measured nothing: one more
	# rebuild with the sentence, untimed, then the post is restored.
	cp "$TMP/edit.alt" "$EDIT"
	"$SAITTI" build --source "$PLAIN" --out "$out" --cache "$cache" --now $NOW --quiet
	EDIT_PAGES=$(grep -rlF "$SENTENCE" "$out" | wc -l | tr -d ' ')
	cp "$TMP/edit.orig" "$EDIT"

	gout=$SHM/out-git gcache=$SHM/cache-git
	gbuild="$SAITTI build --source $GIT --out $gout --cache $gcache --now $NOW"
	measure "$RUNS" "d|rm -rf $gout $gcache|$gbuild"
	measure "$RUNS" "e|rm -rf $gout|$gbuild"
	rm -rf "$gout" "$gcache"

	# `saitti check` (the build's render, each file scanned as it is made,
	# pages whose key its record has taken from there) against a full
	# build into a new folder, both with the caches of (b) warm; and the
	# check with no record.
	measure "$RUNS" \
	    "chk|:|env TMPDIR=$TMP SAITTI_CACHE=$cache $SAITTI check --source $PLAIN --now $NOW --quiet" \
	    "chkb|rm -rf $out|$build --quiet" \
	    "chk0|rm -f $cache/links|env TMPDIR=$TMP SAITTI_CACHE=$cache $SAITTI check --source $PLAIN --now $NOW --quiet"

	# One thread against every core.
	measure "$RUNS" "j1|rm -rf $out $cache|$build --jobs 1"
	measure "$RUNS" "j1b|:|$build --jobs 1"
	rm -rf "$out" "$cache"

	# Hugo on the same corpus, interleaved with (a) once more.
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
		measure "$HUGO_RUNS" \
		    "hugo|rm -rf $hout|hugo --quiet --source $hsite -d $hout --cacheDir $SHM/hugo-cache" \
		    "ah|rm -rf $out $cache|$build"
		rm -rf "$hout" "$out" "$cache"
	fi

	# Serve: from a save to the reload event (another branch's script).
	SERVE=
	if [ -f "$ROOT/bench/serve_latency.py" ]; then
		SERVE=1
		for s in site big; do
			sdir=$TMP/serve-$s
			rm -rf "$sdir"
			mkdir -p "$sdir"
			if [ $s = site ]; then
				from=$ROOT
			else
				from=$PLAIN
			fi
			for f in site.yaml content themes static data; do
				[ ! -e "$from/$f" ] || cp -R "$from/$f" "$sdir/"
			done
			if TMPDIR=$TMP "$PY" "$ROOT/bench/serve_latency.py" "$SAITTI" "$sdir" \
			    --runs "$SERVE_RUNS" >"$TMP/serve.out" 2>"$TMP/serve.err"; then
				line=$(grep '^serve_latency_ms ' "$TMP/serve.out" | tail -n 1)
				say "bench: serve.$s: $line"
				printf 'serve.%s\t%s\t%s\t%s\n' "$s" \
				    "$(printf '%s\n' "$line" | sed -n 's/.* median=\([0-9.]*\).*/\1/p')" \
				    "$(printf '%s\n' "$line" | sed -n 's/.* min=\([0-9.]*\).*/\1/p')" \
				    "$(printf '%s\n' "$line" | sed -n 's/.* max=\([0-9.]*\).*/\1/p')" >>"$RES"
			else
				say "bench: serve.$s: bench/serve_latency.py failed:"
				tail -n 5 "$TMP/serve.err" >&2
			fi
			rm -rf "$sdir"
		done
	else
		say "bench: bench/serve_latency.py not found: serve latency skipped"
	fi

	# The full build at each size: up to N like the rest, above N fewer
	# runs; the corpus, its output and cache are removed after a big one.
	for n in $SIZES; do
		[ "$n" != "$N" ] || continue
		c=$SHM/plain-$n
		corpus "$c" "$n" $((n / 10)) plain
		sout=$SHM/out-$n scache=$SHM/cache-$n
		sbuild="$SAITTI build --source $c --out $sout --cache $scache --now $NOW"
		if [ "$n" -le "$N" ]; then
			measure "$RUNS" "s.$n|rm -rf $sout $scache|$sbuild"
		else
			measure_big "s.$n" "rm -rf $sout $scache" "$sbuild" "$BIG_RUNS"
		fi
		rm -rf "$sout" "$scache"
	done
}

# ------------------------------------------------------------- the table

fmt_s() { case $1 in fail|-|'') printf '%s' "${1:--}" ;; *) awk -v t="$1" 'BEGIN { printf "%.3f", t }' ;; esac; }
fmt_mb() { case $1 in -|''|fail) printf '%s' "${1:--}" ;; *) awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' ;; esac; }
num() { case ${1#-} in ''|-*|fail|*[!0-9.]*) return 1 ;; esac; }
pps() { if num "$1" && num "$2"; then awk -v p="$1" -v t="$2" 'BEGIN { printf "%.0f", p / t }'; else printf -- -; fi; }
diff_s() { if num "$1" && num "$2"; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%+.3f", a - b }'; else printf -- -; fi; }
ratio() { if num "$1" && num "$2"; then awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; else printf -- -; fi; }
# per N VALUE SCALE: VALUE * SCALE / N, two decimals
per() { if num "$2"; then awk -v n="$1" -v v="$2" -v s="$3" 'BEGIN { printf "%.2f", v * s / n }'; else printf -- -; fi; }

# row FIGURE VALUE UNIT TARGET-TEXT OP LIMIT: one summary line; OP is le,
# ge or - (no target).
row() {
	if num "$2"; then r_v="$2$3"; else r_v="${2:--}"; fi
	case $5 in
	-) r_m=- ;;
	*) if ! num "$2"; then
		r_m="not measured"
	   elif awk -v v="$2" -v l="$6" -v op="$5" 'BEGIN { exit !((op == "le") ? v <= l : v >= l) }'; then
		r_m=met
	   else
		r_m="not met"
	   fi ;;
	esac
	printf '%-46s %12s  %-20s %s\n' "$1" "$r_v" "$4" "$r_m"
}

report() {
	printf '\n'
	printf 'saitti benchmark: %s posts, %s events (seed %s), --now %s, %s cores\n' "$N" "$M" "$SEED" "$NOW" "$CORES"
	printf 'each time is the median of %s runs (%s, one run an invocation, compared cases interleaved);\n' "$RUNS" "$TIMER"
	printf 'cpu = median user+sys; peak = max RSS of the warm-up run (GNU time); output, caches on %s\n\n' "$SHM"
	printf '%-40s | %8s %8s %6s %8s | %6s\n' "case" "wall s" "cpu s" "MB" "pages/s" "wrote"
	printf '%-40s-+-%8s-%8s-%6s-%8s-+-%6s\n' "----------------------------------------" \
	    "--------" "--------" "------" "--------" "------"
	for k in a floor ns w b nsb c c2 d e chk chkb chk0 j1 j1b; do
		case $k in
		a) label="(a) full build, no caches" ;;
		floor) label="floor: read inputs, write same sizes" ;;
		ns) label="(a) without the search index" ;;
		w) label="(w) full build, caches warm" ;;
		b) label="(b) rebuild, nothing changed" ;;
		nsb) label="(b) without the search index" ;;
		c) label="(c) rebuild, one post edited" ;;
		c2) label="(c) the same, edited 0.2 s before" ;;
		d) label="(d) full build, git history cold" ;;
		e) label="(e) full build, git history warm" ;;
		chk) label="check (caches warm)" ;;
		chkb) label="full build into a new folder (warm)" ;;
		chk0) label="check, no record of its last scan" ;;
		j1) label="(a) on one thread (--jobs 1)" ;;
		j1b) label="(b) on one thread (--jobs 1)" ;;
		esac
		pg=$(get a 5)
		case $k in b|nsb|c|c2|j1b|floor|chk|chk0) pg=- ;; esac
		printf '%-40s | %8s %8s %6s %8s | %6s\n' "$label" \
		    "$(fmt_s "$(get $k 2)")" "$(fmt_s "$(get $k 3)")" \
		    "$(fmt_mb "$(get $k 4)")" "$(pps "$pg" "$(get $k 2)")" "$(get $k 6)"
	done
	printf '\npages (.html files) per full build: %s; "wrote" = files saitti reported as changed\n' "$(get a 5)"
	printf 'floor: %s files, %s bytes, read from %s\n' "$(wc -l <"$TMP/floor.list" | tr -d ' ')" \
	    "$(awk '{ s += $NF } END { printf "%.0f", s }' "$TMP/floor.list")" "$PLAIN"
	if [ "$EDIT_PAGES" -gt 0 ]; then
		printf '(c) edits %s: the added sentence was on %s output files after a rebuild\n' "${EDIT#"$SHM"/}" "$EDIT_PAGES"
	else
		printf '(c) edits %s: THE ADDED SENTENCE REACHED NO OUTPUT FILE: (c) is not valid\n' "${EDIT#"$SHM"/}"
	fi
	printf 'git history, extra: cold (d - a) %s s, warm (e - w) %s s\n' \
	    "$(diff_s "$(get d 2)" "$(get a 2)")" "$(diff_s "$(get e 2)" "$(get w 2)")"
	printf 'threads: full build --jobs 1 / every core %sx; nothing changed %sx\n' \
	    "$(ratio "$(get j1 2)" "$(get a 2)")" "$(ratio "$(get j1b 2)" "$(get b 2)")"

	printf '\nfull build by size (events = posts/10, no caches; above %s posts: median of %s runs, no warm-up):\n' "$N" "$BIG_RUNS"
	printf '%8s %8s | %8s %8s %8s %9s %7s | %9s %9s\n' "posts" "events" "wall s" "cpu s" "pages" "pages/s" "MB" "µs/post" "KB/post"
	for n in $SIZES; do
		if [ "$n" = "$N" ]; then k=a; else k=s.$n; fi
		printf '%8s %8s | %8s %8s %8s %9s %7s | %9s %9s\n' "$n" $((n / 10)) \
		    "$(fmt_s "$(get "$k" 2)")" "$(fmt_s "$(get "$k" 3)")" "$(get "$k" 5)" \
		    "$(pps "$(get "$k" 5)" "$(get "$k" 2)")" "$(fmt_mb "$(get "$k" 4)")" \
		    "$(per "$n" "$(get "$k" 2)" 1000000)" "$(per "$n" "$(get "$k" 4)" 1)"
	done

	if [ -n "$HUGO_VER" ]; then
		printf '\nHugo %s, same corpus, median of %s interleaved with saitti (a): Hugo %s s (cpu %s s, %s MB, %s pages), saitti %s s: %sx\n' \
		    "$HUGO_VER" "$HUGO_RUNS" "$(fmt_s "$(get hugo 2)")" "$(fmt_s "$(get hugo 3)")" \
		    "$(fmt_mb "$(get hugo 4)")" "$(get hugo 5)" "$(fmt_s "$(get ah 2)")" \
		    "$(ratio "$(get hugo 2)" "$(get ah 2)")"
	elif [ "${BENCH_HUGO:-1}" = 0 ]; then
		printf '\nHugo: skipped (BENCH_HUGO=0)\n'
	else
		printf '\nHugo: not installed (make bench-deps); skipped\n'
	fi
	if [ -n "$SERVE" ]; then
		printf 'serve, save to reload (ms, %s saves): project site median %s (min %s, max %s); %s posts median %s (min %s, max %s)\n' \
		    "$SERVE_RUNS" "$(get serve.site 2)" "$(get serve.site 3)" "$(get serve.site 4)" \
		    "$N" "$(get serve.big 2)" "$(get serve.big 3)" "$(get serve.big 4)"
	else
		printf 'serve: bench/serve_latency.py not found; skipped\n'
	fi

	# Linearity: the largest size against N, per post.
	big=
	for n in $SIZES; do [ "$n" -le "$N" ] || big=$n; done
	k10=$(get a 2)
	printf '\nsummary (issue 17 targets; %s posts unless named)\n' "$N"
	printf '%-46s %12s  %-20s %s\n' "figure" "value" "target" "met"
	row "full build, no caches" "$(fmt_s "$(get a 2)")" " s" "-" - -
	row "floor (read every input, write same sizes)" "$(fmt_s "$(get floor 2)")" " s" "-" - -
	row "full build / floor" "$(ratio "$(get a 2)" "$(get floor 2)")" "x" "<= 1.5x" le 1.5
	row "  the same in cpu time (user+sys)" "$(ratio "$(get a 3)" "$(get floor 3)")" "x" "-" - -
	row "Hugo full build" "$(fmt_s "$(get hugo 2)")" " s" "-" - -
	row "saitti full build, interleaved with Hugo" "$(fmt_s "$(get ah 2)")" " s" "-" - -
	row "Hugo / saitti" "$(ratio "$(get hugo 2)" "$(get ah 2)")" "x" ">= 15x" ge 15
	row "  the same in cpu time (user+sys)" "$(ratio "$(get hugo 3)" "$(get ah 3)")" "x" "-" - -
	row "rebuild, nothing changed" "$(fmt_s "$(get b 2)")" " s" "<= 0.1 s" le 0.1
	row "rebuild, one post edited" "$(fmt_s "$(get c 2)")" " s" "<= 0.15 s" le 0.15
	row "serve save to reload, project site" "$(get serve.site 2)" " ms" "<= 150 ms" le 150
	row "serve save to reload, $N posts" "$(get serve.big 2)" " ms" "<= 300 ms" le 300
	row "peak memory, full build" "$(fmt_mb "$(get a 4)")" " MB" "<= 120 MB" le 120
	row "peak memory, full build, 100000 posts" "$(fmt_mb "$(get s.100000 4)")" " MB" "<= 600 MB" le 600
	row "peak memory, git history cold" "$(fmt_mb "$(get d 4)")" " MB" "<= 150 MB" le 150
	row "check / full build into a new folder" "$(ratio "$(get chk 2)" "$(get chkb 2)")" "x" "<= 1.10x" le 1.10
	row "  the same in cpu time (user+sys)" "$(ratio "$(get chk 3)" "$(get chkb 3)")" "x" "-" - -
	row "  check with no record / the same build" "$(ratio "$(get chk0 2)" "$(get chkb 2)")" "x" "-" - -
	row "full build, git history cold" "$(fmt_s "$(get d 2)")" " s" "-" - -
	row "full build, git history warm" "$(fmt_s "$(get e 2)")" " s" "-" - -
	row "search index share of the full build" \
	    "$(if num "$(get a 2)" && num "$(get ns 2)"; then awk -v a="$(get a 2)" -v b="$(get ns 2)" 'BEGIN { printf "%.0f", 100 * (a - b) / b }'; else printf -- -; fi)" \
	    " %" "<= 15 % (issue 18)" le 15
	if [ -n "$big" ]; then
		row "time per post, $big / $N posts" "$(ratio "$(per "$big" "$(get "s.$big" 2)" 1000000)" "$(per "$N" "$k10" 1000000)")" "x" "<= 1.25x (linear)" le 1.25
		row "memory per post, $big / $N posts" "$(ratio "$(per "$big" "$(get "s.$big" 4)" 1)" "$(per "$N" "$(get a 4)" 1)")" "x" "<= 1.25x (linear)" le 1.25
	fi
}

main() {
	t_start=$(date +%s)
	bench
	report
	say "bench: run.sh took $(($(date +%s) - t_start)) s"
}

if [ "${BENCH_WRITE_RESULTS:-0}" = 1 ]; then
	# The whole output, progress lines too, into RESULTS.txt, headed by
	# what was measured where; written only when the run ended well.
	head_line="# make bench, $(date -u +%Y-%m-%d), saitti at $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $CORES cores ($(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)), $(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME")"
	{ set +e; (set -e; main); echo $? >"$TMP/rc"; } 2>&1 | tee "$TMP/all.txt"
	rc=$(cat "$TMP/rc")
	if [ "$rc" = 0 ]; then
		{ printf '%s\n\n' "$head_line"; cat "$TMP/all.txt"; } >"$ROOT/bench/RESULTS.txt"
		say "bench: wrote bench/RESULTS.txt"
	fi
	exit "$rc"
fi
main
