#!/usr/bin/env bash
# Measures `oversight ingest` on 10k and 100k NDJSON lines: wall time, lines per second and peak
# memory (max RSS). Flat memory means the 100k figure is close to the 10k one.
# Usage: scripts/bench_ingest.sh [path/to/oversight]   (default: a release build, built if missing)
# Writes docs/BENCH-INGEST.md.
set -euo pipefail
cd "$(dirname "$0")/.."
binary="${1:-}"
if [ -z "$binary" ]; then
    # As make install and scripts/bench.sh build it: another flag would rebuild everything.
    swift build -c release --product oversight --static-swift-stdlib >/dev/null
    binary=".build/release/oversight"
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export HOME="$work" XDG_CACHE_HOME="$work/cache" TZ=UTC LANG=C.UTF-8
"$binary" import --store "$work/store.sqlite" sample-data >/dev/null
out="docs/BENCH-INGEST.md"
{
    echo "# Ingest: time and memory"
    echo
    echo "Made by \`scripts/bench_ingest.sh\` on $(date -u +%Y-%m-%d) with \`$binary\`, $(nproc) cores, $(uname -sr)."
    echo
    echo "| lines | seconds | lines/s | max RSS (MB) |"
    echo "| ---: | ---: | ---: | ---: |"
} > "$out"
for lines in 10000 100000; do
    python3 - "$lines" > "$work/events-$lines.ndjson" <<'PY'
import json, sys
n = int(sys.argv[1])
models = ["card-fraud-detector", "retail-demand-forecast", "sepsis-early-warning", "churn-propensity"]
for i in range(n):
    m = models[i % 4]
    print(json.dumps({"type": "metric", "model": m, "name": "bench.latency_ms", "value": 100 + i % 37,
                      "at": f"2025-{1 + (i // 200000) % 12:02d}-01T00:00:00Z".replace("T00:00:00Z", f"T{(i // 3600) % 24:02d}:{(i // 60) % 60:02d}:{i % 60:02d}Z")}))
PY
    cp "$work/store.sqlite" "$work/run-$lines.sqlite"
    /usr/bin/time -f "%e %M" -o "$work/time-$lines" "$binary" ingest "$work/events-$lines.ndjson" --store "$work/run-$lines.sqlite" >/dev/null
    read -r seconds kilobytes < "$work/time-$lines"
    rate=$(python3 -c "print(round($lines / max($seconds, 0.001)))")
    mb=$(python3 -c "print(round($kilobytes / 1024, 1))")
    echo "| $lines | $seconds | $rate | $mb |" >> "$out"
done
echo >> "$out"
echo "Each line is a metric event; the whole input is one transaction, read in 64 KiB chunks." >> "$out"
cat "$out"
