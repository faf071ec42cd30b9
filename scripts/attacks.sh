#!/usr/bin/env bash
# The hardening attacks of issue 14, rerun against a build: prints a markdown table of what they
# found. Usage: scripts/attacks.sh [SECONDS] (the length of the concurrent-writers run, default 60).
# Needs tmux, sqlite3 and python3; run as root for nothing (no user switching here: the two-user
# cases are tests, SharedStoreTests).
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
swift build >/dev/null 2>&1 || { echo "build failed" >&2; exit 1; }
O=$PWD/.build/debug/oversight
W=$(mktemp -d /tmp/oversight-attacks.XXXXXX)
trap 'tmux -L attacks-$$ kill-server 2>/dev/null; kill $(jobs -p) 2>/dev/null; rm -rf "$W"' EXIT
export HOME=$W/home XDG_DATA_HOME=$W/data XDG_CONFIG_HOME=$W/config XDG_STATE_HOME=$W/state XDG_CACHE_HOME=$W/cache
export TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$HOME"
S=$W/store.sqlite
$O import --store "$S" sample-data >/dev/null

echo "| attack | result |"
echo "| --- | --- |"

# 1. Extreme values through every writer and a foreign client, read by every command.
M=card-fraud-detector
tried=0
for v in 3.1e19 1.7e308 -1.7e308 5e-324 -0 1e-320 -1e20 9.2e18 -9.3e18; do
  $O record metric --store "$S" --model $M --name ext --value "$v" --at "2026-01-0$((RANDOM % 9 + 1))T00:00:00Z" >/dev/null 2>&1
  tried=$((tried + 1))
done
for args in "psi -1e20 0.2" "ks 0 0" "psi 1.7e308 5e-324" "ks -1.7e308 1.7e308"; do
  set -- $args
  $O record alert --store "$S" --model $M --feature "f$tried" --method "$1" --score "$2" --threshold "$3" >/dev/null 2>&1
  tried=$((tried + 1))
done
sqlite3 "$S" <<SQL
INSERT INTO metric_points(model_id,name,at,value) SELECT id,'inf',1767000000,9e999 FROM models WHERE name='$M';
INSERT INTO metric_points(model_id,name,at,value) SELECT id,'inf',1767000100,-9e999 FROM models WHERE name='$M';
INSERT INTO metric_points(model_id,name,at,value) SELECT id,'when',9223372036854775807,1 FROM models WHERE name='$M';
UPDATE models SET business_value=1.7e308, serving_cost_per_month=-1.7e308 WHERE name='retail-demand-forecast';
UPDATE models SET business_value=9e999, serving_cost_per_month=9e999 WHERE name='$M';
UPDATE pipeline_runs SET compute_cost=9e999 WHERE id IN (SELECT id FROM pipeline_runs LIMIT 3);
UPDATE pipeline_runs SET queued_at=-9223372036854775808, started_at=-9223372036854775808, finished_at=9223372036854775807 WHERE id IN (SELECT id FROM pipeline_runs WHERE status='succeeded' LIMIT 2);
UPDATE drift_alerts SET score=9e999, threshold=0 WHERE id IN (SELECT id FROM drift_alerts LIMIT 2);
UPDATE drift_alerts SET opened_at=-9223372036854775808 WHERE id IN (SELECT id FROM drift_alerts LIMIT 2 OFFSET 4);
UPDATE alert_events SET at=9223372036854775807 WHERE (alert_id,seq) IN (SELECT alert_id,seq FROM alert_events LIMIT 3);
UPDATE run_steps SET started_at=-9223372036854775808, finished_at=9223372036854775807 WHERE (run_id,position) IN (SELECT run_id,position FROM run_steps LIMIT 5);
SQL
tried=$((tried + 11))
crashes=0; commands=0
check() { "$@" >/dev/null 2>&1; rc=$?; commands=$((commands + 1)); [ $rc -ge 128 ] && crashes=$((crashes + 1)); }
for p in overview models runs alerts maturity; do for sz in "80 24" "200 60"; do set -- $sz; check $O snapshot --store "$S" --panel $p --width $1 --height $2; done; done
for m in $(sqlite3 "$S" "SELECT name FROM models"); do check $O snapshot --store "$S" --detail "model:$m" --height 80; done
for a in $(sqlite3 "$S" "SELECT external_id FROM drift_alerts"); do check $O snapshot --store "$S" --detail "alert:$a" --height 60; done
for r in $(sqlite3 "$S" "SELECT external_id FROM pipeline_runs WHERE abs(coalesce(compute_cost,0))>1e300 OR finished_at>9e18 LIMIT 20"); do check $O snapshot --store "$S" --detail "run:$r"; done
for w in models runs alerts maturity; do check $O list $w --store "$S"; check $O list $w --store "$S" --json; done
check $O status --store "$S"; check $O status --store "$S" --json; check $O check --store "$S"
echo "| extreme values (±DBL_MAX, ±inf, subnormals, −0, Int64-bound times) | $tried values written, $commands read commands, $crashes crashes |"

# 2. A slow stream, four writers and a dashboard on one store for $seconds s.
S2=$W/load.sqlite
$O import --store "$S2" sample-data >/dev/null
fifo=$W/events
mkfifo "$fifo"
( end=$((SECONDS + seconds)); i=0; while [ $SECONDS -lt $end ]; do
    echo "{\"type\":\"metric\",\"model\":\"$M\",\"name\":\"stream\",\"value\":$i}"; i=$((i + 1)); sleep 1; done ) > "$fifo" &
$O ingest --store "$S2" - < "$fifo" > "$W/ingest.out" 2>&1 &
ingest=$!
for n in 1 2 3 4; do
  ( end=$((SECONDS + seconds)); ok=0; failed=0; while [ $SECONDS -lt $end ]; do
      if $O record metric --store "$S2" --model $M --name "writer$n" --value $RANDOM >/dev/null 2>&1; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
      sleep 0.2; done; echo "$ok $failed" > "$W/writer$n" ) &
done
tmux -L attacks-$$ -f /dev/null new-session -d -s t -x 160 -y 48 "env USER=attacks $O --store $S2"
until tmux -L attacks-$$ capture-pane -p -t t | grep -q "4 Maturity"; do sleep 0.1; done
tmux -L attacks-$$ send-keys -t t 3
worst=0; presses=0; acks=0
end=$((SECONDS + seconds))
while [ $SECONDS -lt $end ]; do
  before=$(tmux -L attacks-$$ capture-pane -e -p -t t | md5sum)
  key=j; [ $((presses % 2)) = 1 ] && key=k
  [ $((presses % 10)) = 5 ] && key=a
  start=$(date +%s%N)
  tmux -L attacks-$$ send-keys -t t $key
  while [ "$(tmux -L attacks-$$ capture-pane -e -p -t t | md5sum)" = "$before" ]; do
    [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 5000 ] && break
  done
  ms=$(( ($(date +%s%N) - start) / 1000000 ))
  [ $ms -gt $worst ] && worst=$ms
  [ "$key" = a ] && acks=$((acks + 1))
  presses=$((presses + 1))
  sleep 0.3
done
wait $ingest 2>/dev/null
sleep 1
ok=0; failed=0
for n in 1 2 3 4; do read -r a b < "$W/writer$n"; ok=$((ok + a)); failed=$((failed + b)); done
notsaved=$(tmux -L attacks-$$ capture-pane -p -t t | grep -c "not saved")
echo "| slow stream + 4 writers + dashboard, ${seconds} s | stream: $(tail -1 "$W/ingest.out"); writers: $ok writes, $failed failed; dashboard: $presses keys ($acks acknowledgements), slowest key to screen $worst ms, 'not saved' on screen: $notsaved |"

# 3. Hostile files: each refused, with its time and peak memory.
python3 - "$W" <<'PY'
import sys
w = sys.argv[1]
lines = ['a: &a [' + ','.join(['"lol"'] * 10) + ']']
for i in range(1, 10):
    lines.append(f'{chr(97 + i)}: &{chr(97 + i)} [' + ','.join(['*' + chr(96 + i)] * 10) + ']')
lines.append('teams: *j')
open(f'{w}/bomb.yaml', 'w').write('\n'.join(lines) + '\n')
for mb in (2, 8, 50):
    open(f'{w}/long{mb}.ndjson', 'w').write('{"type":"metric","model":"card-fraud-detector","name":"' + 'x' * (mb << 20) + '","value":1}\n')
open(f'{w}/nul.json', 'w').write('{"teams": [{"name": "a\\u0000uc"}]}')
for name, date in (('y0000', '0000-01-01'), ('y9999', '9999-01-01'), ('y10000', '10000-01-01'), ('y318857', '318857-01-01'), ('feb30', '2026-02-30')):
    open(f'{w}/{name}.ndjson', 'w').write('{"type":"metric","model":"card-fraud-detector","name":"d","value":1,"at":"' + date + 'T00:00:00Z"}\n')
PY
for case in "import bomb.yaml" "ingest long2.ndjson" "ingest long8.ndjson" "ingest long50.ndjson" "import nul.json" \
            "ingest y0000.ndjson" "ingest y9999.ndjson" "ingest y10000.ndjson" "ingest y318857.ndjson" "ingest feb30.ndjson"; do
  set -- $case
  /usr/bin/time -f "%e %M" -o "$W/time" $O "$1" --store "$S" "$W/$2" >/dev/null 2>"$W/err"; rc=$?
  read -r secs kb < <(tail -1 "$W/time")
  echo "| $1 $2 | exit $rc in ${secs} s, peak $((kb / 1024)) MB: $(grep -m1 -o 'Error: .*' "$W/err" | cut -c8-120) |"
done
cat "$W/long50.ndjson" | /usr/bin/time -f "%e %M" -o "$W/time" $O ingest --store "$S" --skip-invalid - >/dev/null 2>&1; rc=$?
read -r secs kb < <(tail -1 "$W/time")
echo "| ingest --skip-invalid - < 50 MB line | exit $rc in ${secs} s, peak $((kb / 1024)) MB |"
