#!/usr/bin/env bash
# The Oversight benchmark: refresh vs bare SQL, flatness from a small to a large store, frame
# render, bytes ncurses writes, a live dashboard's bytes per second beside htop's, start to first
# frame, peak memory, generate/import/ingest rates, and the window figures (status, snapshot, check)
# on the large store beside one with its models and teams but 1% of its history.
# Builds and runs the separate package in Benchmarks/ in release mode and writes
# docs/benchmarks/results.json and docs/benchmarks/results.md.
#
# Usage: scripts/bench.sh
# The large store (10k models, 1M runs, 100k alerts, 5M metric points; ~1.5 GB) is generated once
# and cached in ${OVERSIGHT_BENCH_CACHE:-${TMPDIR:-/tmp}/oversight-bench}, keyed by its parameters.
set -euo pipefail
cd "$(dirname "$0")/.."
cache="${OVERSIGHT_BENCH_CACHE:-${TMPDIR:-/tmp}/oversight-bench}"
# htop is the yardstick of the live-bytes measure (a live dashboard's bytes per second beside it).
if ! command -v htop >/dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq htop >&2
fi
# The real binary, for the live-bytes and window-figures measures, built as `make install` builds
# it (the Swift runtime linked in); the benchmark itself links the modules.
swift build -c release --product oversight --static-swift-stdlib >&2
swift build -c release --package-path Benchmarks >&2
TZ=UTC LANG=C.UTF-8 swift run -c release --skip-build --package-path Benchmarks OversightBenchmarks run \
    --repo "$PWD" --output docs/benchmarks --cache "$cache" --oversight "$(swift build -c release --static-swift-stdlib --show-bin-path)/oversight" \
    --swift-version "$(swift --version 2>&1 | head -n 1)" --command "scripts/bench.sh"
