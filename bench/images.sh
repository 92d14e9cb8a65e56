#!/bin/sh
# Pictures (issue 19): a corpus of BENCH_IMAGES phone-size JPEGs (3000 ×
# 2000, windows of a seeded noise field blown up by vips, so they compress
# like photos rather than like noise), ten a post, and the time of
#   (f) the first build: no output, no cache folder;
#   (r) a rebuild with nothing changed (every picture from the cache).
# `make bench` runs it after bench/run.sh; it also runs alone:
#   BENCH_IMAGES=100 sh bench/images.sh
# The corpus is kept under BENCH_DIR (/dev/shm/saitti-bench), keyed by its
# size and seed. Never part of `make test`.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SAITTI=${SAITTI:-$ROOT/build/saitti}
case $SAITTI in /*) ;; *) SAITTI=$ROOT/$SAITTI ;; esac
N=${BENCH_IMAGES:-1000}
SEED=${BENCH_SEED:-2018}
[ "$N" -gt 0 ] || exit 0
if [ -n "${BENCH_DIR:-}" ]; then
	SHM=$BENCH_DIR
elif [ -d /dev/shm ] && [ -w /dev/shm ]; then
	SHM=/dev/shm/saitti-bench
else
	SHM=${TMPDIR:-/tmp}/saitti-bench
fi
C=$SHM/images-$N-$SEED
ms() { echo $(($(date +%s%N) / 1000000)); }

if [ ! -f "$C/.done" ]; then
	echo "bench: making $N phone-size JPEGs in $C"
	rm -rf "$C"
	mkdir -p "$C/content/blogi" "$C/themes"
	cp -R themes/default "$C/themes/"
	cat >"$C/site.yaml" <<'EOF'
title: Kuvat
base_url: "https://example.fi/"
language: fi
timezone: Europe/Helsinki
theme: default
git_info: false
EOF
	printf -- '---\ntitle: Etusivu\n---\nKuvia.\n' >"$C/content/index.md"
	t0=$(ms)
	# One seeded field of 3,150 × 2,100 pixels; each picture is its own
	# 3000 × 2000 window of it (a distinct file, made without resampling).
	vips gaussnoise "$C/n.v" 150 100 --mean 128 --sigma 50 --seed "$SEED"
	vips bandjoin "$C/n.v $C/n.v $C/n.v" "$C/c.v"
	vips resize "$C/c.v" "$C/base.v" 21
	i=0
	while [ $i -lt "$N" ]; do
		vips extract_area "$C/base.v" "$C/content/blogi/kuva-$i.jpg[Q=90]" \
		    $((i % 150)) $((i / 150 % 100)) 3000 2000
		p=$((i / 10))
		f=$C/content/blogi/2018-01-01-kuvia-$p.md
		[ -f "$f" ] || printf -- '---\ntitle: Kuvia %d\ndate: 2018-01-01\n---\nKuvia.\n' $p >"$f"
		printf '\n![kuva %d](kuva-%d.jpg)\n' $i $i >>"$f"
		i=$((i + 1))
	done
	rm -f "$C/n.v" "$C/c.v" "$C/base.v"
	echo "bench: corpus made in $(($(ms) - t0)) ms"
	touch "$C/.done"
fi

OUT=$SHM/images-out
CACHE=$SHM/images-cache
rm -rf "$OUT" "$CACHE"
export SAITTI_CACHE="$CACHE"
size=$(du -sm "$C/content" | cut -f1)
t0=$(ms)
"$SAITTI" build --source "$C" --out "$OUT" --now 2019-01-01 --verbose 2>"$SHM/images-first.log"
t1=$(ms)
"$SAITTI" build --source "$C" --out "$OUT" --now 2019-01-01 --verbose 2>"$SHM/images-again.log"
t2=$(ms)
echo "images: $N JPEGs of 3000x2000 ($size MB), $(nproc) cores"
echo "  (f) first build   $((t1 - t0)) ms  $(grep 'images ' "$SHM/images-first.log" | sed 's/^ *//')"
echo "  (r) rebuild       $((t2 - t1)) ms  $(grep 'images ' "$SHM/images-again.log" | sed 's/^ *//')"
echo "  output $(du -sm "$OUT" | cut -f1) MB, cache $(du -sm "$CACHE" | cut -f1) MB"
