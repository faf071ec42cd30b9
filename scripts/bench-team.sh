#!/usr/bin/env bash
# The team store beside the store file (issue 17), with the release binary and a real PostgreSQL
# on loopback that this script starts in a temporary folder and stops: moving the large store in
# (`copy`), a host's cold and warm open, a screen's refresh (`snapshot`, which opens, loads and
# draws), and the write rate of 4 concurrent writers (`ingest` files, `record run` in a loop).
# Writes docs/benchmarks/team-results.md.
#
# Usage: scripts/bench-team.sh
# The large store is scripts/bench.sh's (10k models, 1M runs, 100k alerts, 5M metric points),
# generated here when not cached in ${OVERSIGHT_BENCH_CACHE:-${TMPDIR:-/tmp}/oversight-bench}.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
swift build -c release --product oversight --scratch-path .build-release >&2
bin=$repo/.build-release/release/oversight
cache="${OVERSIGHT_BENCH_CACHE:-${TMPDIR:-/tmp}/oversight-bench}"
mkdir -p "$cache"
large="$cache/team-bench-large.sqlite"
if [ ! -s "$large" ]; then
    echo "generating the large store into $large…" >&2
    "$bin" generate --store "$large" --models 10000 --runs 1000000 --alerts 100000 --metric-points 5000000 \
        --seed 42 --as-of 2026-01-12T09:00:00Z >&2
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/oversight-team-bench.XXXXXX")
chmod 755 "$work"  # the server runs as postgres when this runs as root
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export PGPASSWORD="bench-$RANDOM$RANDOM"
as_server() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$work/pg"
printf '%s' "$PGPASSWORD" > "$work/pg/pwfile"
[ "$(id -u)" = 0 ] && chown -R postgres:postgres "$work/pg" && chmod 700 "$work/pg"
as_server "$pgbin/initdb" -D "$work/pg/data" -U bench -A scram-sha-256 --pwfile "$work/pg/pwfile" -E UTF8 --no-locale >/dev/null
as_server "$pgbin/pg_ctl" -D "$work/pg/data" -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1" -l "$work/pg/log" -w start >/dev/null
cleanup() {
    as_server "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
    # OVERSIGHT_BENCH_KEEP=DIR keeps the new host's copy there, to look into.
    if [ -n "${OVERSIGHT_BENCH_KEEP:-}" ]; then rm -rf "$OVERSIGHT_BENCH_KEEP"; mv "$work/cache-a" "$OVERSIGHT_BENCH_KEEP" || true; fi
    rm -rf "$work"
}
trap cleanup EXIT
psql() { "$pgbin/psql" -X -A -t -h 127.0.0.1 -p "$port" -U bench "$@"; }
psql -d postgres -c "CREATE DATABASE large" -c "CREATE DATABASE writes" >/dev/null
url="postgres://bench@127.0.0.1:$port/large?sslmode=disable"
export TZ=UTC LANG=C.UTF-8 HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data"
mkdir -p "$HOME"

now() { date +%s.%N; }
elapsed() { python3 -c "print(f'{$2 - $1:.2f}')"; }
median() { python3 -c "import statistics,sys; print(f'{statistics.median(float(x) for x in sys.argv[1:]) * 1000:.0f}')" "$@"; }
timed() { local a b; a=$(now); "$@" >/dev/null; b=$(now); elapsed "$a" "$b"; }

rows=$(sqlite3 "$large" "SELECT (SELECT count(*) FROM teams) + (SELECT count(*) FROM pipelines) + (SELECT count(*) FROM models) + (SELECT count(*) FROM model_tags) + (SELECT count(*) FROM model_versions) + (SELECT count(*) FROM pipeline_runs) + (SELECT count(*) FROM run_steps) + (SELECT count(*) FROM metric_points) + (SELECT count(*) FROM drift_alerts) + (SELECT count(*) FROM alert_events) + (SELECT count(*) FROM maturity_assessments)")
echo "copying $rows records into the team store…" >&2
copy_s=$(XDG_CACHE_HOME="$work/cache-copy" timed "$bin" copy --from "$large" --to "$url")
echo "a new host's first open…" >&2
cold_s=$(XDG_CACHE_HOME="$work/cache-a" timed "$bin" list models --limit 1 --store "$url")
warm=(); file=()
for i in 1 2 3 4 5; do
    warm+=("$(XDG_CACHE_HOME="$work/cache-a" timed "$bin" list models --limit 1 --store "$url")")
    file+=("$(XDG_CACHE_HOME="$work/cache-f" timed "$bin" list models --limit 1 --store "$large")")
done
team_snap=(); file_snap=()
for i in 1 2 3 4 5; do
    team_snap+=("$(XDG_CACHE_HOME="$work/cache-a" timed "$bin" snapshot --width 200 --height 60 --store "$url")")
    file_snap+=("$(XDG_CACHE_HOME="$work/cache-f" timed "$bin" snapshot --width 200 --height 60 --store "$large")")
done

# Four writers at once, each its own host (its own copy), on a store holding the sample.
wurl="postgres://bench@127.0.0.1:$port/writes?sslmode=disable"
wfile="$work/writes.sqlite"
XDG_CACHE_HOME="$work/cache-w0" "$bin" import --store "$wurl" sample-data >/dev/null
"$bin" import --store "$wfile" sample-data >/dev/null
for w in 1 2 3 4; do
    python3 - "$work/events-$w.ndjson" "$w" <<'EOF'
import json, sys
from datetime import datetime, timedelta
path, writer = sys.argv[1], sys.argv[2]
models = ["card-fraud-detector", "churn-propensity", "retail-demand-forecast", "sepsis-early-warning"]
start = datetime(2025, 1, 1)
with open(path, "w") as out:
    for i in range(5000):
        at = (start + timedelta(minutes=i)).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(json.dumps({"type": "metric", "model": models[i % 4], "name": f"bench_w{writer}", "value": i / 5000, "at": at}) + "\n")
EOF
done
ingest_rate() {
    local target=$1 a b pids=()
    a=$(now)
    for w in 1 2 3 4; do XDG_CACHE_HOME="$work/cache-w$w" "$bin" ingest --store "$target" "$work/events-$w.ndjson" >/dev/null & pids+=($!); done
    wait "${pids[@]}"
    b=$(now)
    python3 -c "print(f'{20000 / ($b - $a):.0f}')"
}
record_rate() {
    local target=$1 tag=$2 pids=() a b
    a=$(now)
    for w in 1 2 3 4; do
        ( for i in $(seq 1 25); do
            XDG_CACHE_HOME="$work/cache-w$w" "$bin" record run --store "$target" --pipeline fraud-train --model card-fraud-detector \
                --kind training --status succeeded --id "$tag-$w-$i" --started 2026-01-10T00:00:00Z --finished 2026-01-10T00:10:00Z >/dev/null
          done ) & pids+=($!)
    done
    wait "${pids[@]}"
    b=$(now)
    python3 -c "print(f'{100 / ($b - $a):.1f}')"
}
team_ingest=$(ingest_rate "$wurl"); file_ingest=$(ingest_rate "$wfile")
team_record=$(record_rate "$wurl" team); file_record=$(record_rate "$wfile" file)
lost=$(psql -d writes -c "SELECT 20000 - count(*) FROM metric_points WHERE name LIKE 'bench_w%'")

out=docs/benchmarks/team-results.md
{
    echo "# Team store beside the store file"
    echo
    echo "Written by \`scripts/bench-team.sh\` on $(date -u +%Y-%m-%dT%H:%M:%SZ): release build, PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on loopback,"
    echo "$(nproc) cores, SQLite $(sqlite3 --version | awk '{print $1}'). The large store: $rows records (10k models, 1M runs, 100k alerts, 5M metric points)."
    echo
    echo "| figure | team store | store file | ratio |"
    echo "| --- | ---: | ---: | ---: |"
    echo "| move the large store in (\`copy\`, file → team store) | ${copy_s} s ($(python3 -c "print(f'{$rows / $copy_s:,.0f}')") records/s) | | |"
    echo "| a new host's first open (copies the whole store, progress bar) | ${cold_s} s | | |"
    echo "| warm open + the first screen's rows (\`list models --limit 1\`, median of 5) | $(median "${warm[@]}") ms | $(median "${file[@]}") ms | $(python3 -c "print(f'{$(median "${warm[@]}") / $(median "${file[@]}"):.2f}')")× |"
    echo "| a screen: open, load, draw (\`snapshot\` 200×60, median of 5) | $(median "${team_snap[@]}") ms | $(median "${file_snap[@]}") ms | $(python3 -c "print(f'{$(median "${team_snap[@]}") / $(median "${file_snap[@]}"):.2f}')")× |"
    echo "| 4 concurrent \`ingest\` of 5 000 metric lines each (rows/s; $lost lost) | ${team_ingest} | ${file_ingest} | |"
    echo "| 4 concurrent writers, 25 \`record run\` processes each (commits/s, process start included) | ${team_record} | ${file_record} | |"
    echo
    echo "A dashboard's refresh reads the host's copy, a store file, with the same queries: it costs what the"
    echo "file store's does (docs/BENCHMARKS.md); following the team store adds one \`SELECT change_seq\` every 3 s"
    echo "and a LISTEN, and a commit elsewhere is read by change number (only the rows it wrote)."
} > "$out"
cat "$out"
