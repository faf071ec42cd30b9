#!/usr/bin/env bash
# The tracking-server importer at scale (issue 18): a real `mlflow server` (the pinned MLflow of
# .ci/run) whose SQLite backend is filled straight with N runs (scripts/fixtures/fill_mlflow_backend.py,
# 3 metric values each), read by the release binary: the first import (every run, committed every
# 2,000 runs) and a second pass that finds nothing new. Time and peak memory from /usr/bin/time.
# Writes docs/benchmarks/mlflow-results.md.
#
# Usage: scripts/bench-mlflow.sh [RUNS]   (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
runs=${1:-100000}
venv="${OVERSIGHT_MLFLOW_VENV:-$HOME/.cache/oversight-ci/mlflow-3.17.2}"
[ -x "$venv/bin/mlflow" ] || { echo "MLflow is not installed at $venv (.ci/run installs it)" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >&2
swift build -c release --product oversight --scratch-path .build-release >&2
bin=$repo/.build-release/release/oversight

work=$(mktemp -d "${TMPDIR:-/tmp}/oversight-mlflow-bench.XXXXXX")
export HOME=$work/home XDG_CONFIG_HOME=$work/config XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state XDG_CACHE_HOME=$work/cache
export MLFLOW_ENABLE_TELEMETRY=false DO_NOT_TRACK=true
mkdir -p "$HOME"
"$venv/bin/python" scripts/fixtures/fill_mlflow_backend.py --db "$work/mlflow.db" --runs "$runs" >&2
port=$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
setsid "$venv/bin/mlflow" server --backend-store-uri "sqlite:///$work/mlflow.db" --default-artifact-root "file://$work/artifacts" \
    --host 127.0.0.1 --port "$port" --workers 2 >"$work/server.log" 2>&1 &
server=$!
stop() { pkill -9 -s "$(ps -o sid= -p $server | tr -d ' ')" 2>/dev/null || true; rm -rf "$work"; }
trap stop EXIT
for _ in $(seq 1 240); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/health")" = 200 ] && break
    sleep 0.5
done

measure() { /usr/bin/time -f "%e %M" -o "$work/time" "$bin" import --format mlflow "http://127.0.0.1:$port" --store "$work/store.sqlite" --json >"$work/out"; cat "$work/time"; }
read -r first_s first_kb < <(measure)
first_records=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["created"]+d["updated"]+d["unchanged"])' "$work/out")
read -r again_s again_kb < <(measure)
again_changed=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["created"]+d["updated"]+d["removed"])' "$work/out")

rate=$(python3 -c "print(f'{$runs / $first_s:,.0f}')")
records=$(python3 -c "print(f'{$first_records / $first_s:,.0f}')")
cat > docs/benchmarks/mlflow-results.md <<MD
# Tracking-server import (scripts/bench-mlflow.sh)

Measured $(date -u +%Y-%m-%d) on this machine ($(nproc) cores), release build, MLflow $("$venv/bin/python" -c 'import mlflow; print(mlflow.__version__)')
server (\`--workers 2\`, SQLite backend) on loopback, $runs runs in 20 experiments, 3 metric values each.

| pass | time | runs/s | records/s | peak memory |
| --- | --- | --- | --- | --- |
| first import (every run; $first_records records) | ${first_s} s | $rate | $records | $((first_kb / 1024)) MB |
| second pass (nothing new; $again_changed changed) | ${again_s} s | — | — | $((again_kb / 1024)) MB |
MD
cat docs/benchmarks/mlflow-results.md
