#!/usr/bin/env bash
# Storm day for a 50,000-resident town on one core: the server pinned to
# one CPU (taskset) with GOMEMLIMIT, on a database of N stored requests and
# 50,000 residents who chose the daily digest; for 30 s at a constant
# rate, 50 page views/s (home, an article, search, tracking pages, the
# request list) + 2 web submissions/s with a 700 KB photo + 1 email/s,
# while the daily digest for every resident runs (it is set to start 5 s
# into the storm). Prints p50/p99 per kind, errors, peak RSS, and what was
# stored, so nothing is lost.
#
#   scripts/storm.sh            # 100,000 requests
#   scripts/storm.sh 1000000    # opt-in: takes a while to generate
#
# The generated database is kept in $STORM_DATA (default
# /tmp/townhall-storm-N) and copied for each run; delete it to generate
# again. It is made by the documented generator:
#   ./townhall serve --dir DIR (once, to migrate and seed; then stopped)
#   go run ./scripts/genrequests -dir DIR -requests N -residents 50000
# Environment: STORM_RESIDENTS (50000), STORM_DURATION (30s),
# STORM_MEMLIMIT (GOMEMLIMIT, 100MiB), STORM_CPU (0), STORM_LOAD_CPU (1),
# STORM_DIGEST (1; 0 runs the storm without the digest, for comparison),
# STORM_RELAY (1: the load generator is also the town's mail provider, an
# SMTP server on loopback, so the outbox sends the digest during the storm;
# 0: no mail server is set, and the outbox holds what it would send),
# STORM_PROFILE (a folder: the server writes cpu.pprof and heap.pprof there,
# for `go tool pprof -top FOLDER/cpu.pprof`, and its log with the garbage
# collector's trace, serve.log).
# No memory cgroup is used (containers rarely allow one): RSS is sampled
# every 50 ms instead.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-100000}
RESIDENTS=${STORM_RESIDENTS:-50000}
DURATION=${STORM_DURATION:-30s}
MEMLIMIT=${STORM_MEMLIMIT:-100MiB}
CPU=${STORM_CPU:-0}
LOAD_CPU=${STORM_LOAD_CPU:-1}
DATA=${STORM_DATA:-/tmp/townhall-storm-$N}
DIGEST=${STORM_DIGEST:-1}
PROFILE=${STORM_PROFILE:-}
PORT=${STORM_PORT:-18190}
SMTP_PORT=${STORM_SMTP_PORT:-12525}
RELAY=${STORM_RELAY:-1}
RELAY_PORT=${STORM_RELAY_PORT:-12526}
BASE=http://127.0.0.1:$PORT
for tool in sqlite3 taskset curl bc; do command -v $tool >/dev/null || { echo "storm: $tool is missing"; exit 1; }; done
if curl -so /dev/null "$BASE/"; then echo "storm: port $PORT is in use"; exit 1; fi

tmp=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
go build -trimpath -o "$tmp/townhall" .
go build -o "$tmp/genrequests" ./scripts/genrequests
go build -o "$tmp/storm" ./scripts/storm

extra=()
# --dev=false: PocketBase takes a binary under /tmp for `go run` and would
# log every SQL statement.
serve() { # serve DIR [wrapper...]: start the server and wait for its home page
  local dir=$1; shift
  "$@" "$tmp/townhall" serve --dir "$dir" --http "127.0.0.1:$PORT" --smtp "127.0.0.1:$SMTP_PORT" \
    --smtpTrusted 127.0.0.1 --smtpCheckSenders=false --dev=false "${extra[@]}" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -fso /dev/null "$BASE/en/" && return; sleep 0.2; done
  echo "storm: the server did not start"; cat "$tmp/serve.log"; exit 1
}
stop() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }

if [ ! -f "$DATA/.generated" ]; then
  rm -rf "$DATA"; mkdir -p "$DATA"
  echo "generating $N requests and $RESIDENTS residents in $DATA (once)"
  serve "$DATA/pb_data"
  stop
  "$tmp/genrequests" -dir "$DATA/pb_data" -requests "$N" -residents "$RESIDENTS"
  touch "$DATA/.generated"
fi
cp -r "$DATA/pb_data" "$tmp/data"
db=$tmp/data/data.db
# Trust X-Forwarded-For from the load generator (each client has its own
# address, as on a real storm day), and set the daily digest to start at
# the minute the storm begins, in the town's time zone. A daily time means
# the previous one was a day ago, so the start-up catch-up (which sends a
# digest missed less than 12 hours ago) does not run it before the storm;
# without the digest (STORM_DIGEST=0) it is set 11 hours ahead.
start_at=$(( ($(date +%s) / 60 + 2) * 60 ))
tz=$(sqlite3 "$db" "SELECT timezone FROM town LIMIT 1")
at=$start_at
if [ "$DIGEST" = 0 ]; then at=$(( start_at + 11 * 3600 )); fi
cron="$((10#$(TZ=$tz date -d "@$at" +%M))) $((10#$(TZ=$tz date -d "@$at" +%H))) * * *"
sqlite3 "$db" "UPDATE _params SET value = json_set(value, '$.trustedProxy.headers', json('[\"X-Forwarded-For\"]')) WHERE id = 'settings';
  UPDATE town SET digest_daily = '$cron';"
relay=()
if [ "$RELAY" = 1 ]; then
  sqlite3 "$db" "UPDATE _params SET value = json_set(value, '$.smtp.enabled', json('true'), '$.smtp.host', '127.0.0.1',
    '$.smtp.port', $RELAY_PORT, '$.smtp.tls', json('false'), '$.smtp.username', '', '$.smtp.password', '') WHERE id = 'settings';"
  relay=(-relay "127.0.0.1:$RELAY_PORT")
fi
before=$(sqlite3 "$db" "SELECT count(*) FROM requests")
before_email=$(sqlite3 "$db" "SELECT count(*) FROM requests WHERE channel = 'email'")
if [ -n "$PROFILE" ]; then mkdir -p "$PROFILE"; extra=(--cpuprofile "$PROFILE/cpu.pprof" --memprofile "$PROFILE/heap.pprof"); fi
godebug=
if [ -n "$PROFILE" ]; then godebug=gctrace=1; fi
serve "$tmp/data" env GOMEMLIMIT="$MEMLIMIT" GODEBUG="$godebug" taskset -c "$CPU"
for p in /en/ /en/help /en/requests "/en/search?q=trash"; do curl -fso /dev/null "$BASE$p"; done
echo "== storm day: $N stored requests, $RESIDENTS digest residents, server on CPU $CPU with GOMEMLIMIT=$MEMLIMIT ($(nproc) cores, $(uptime | sed 's/.*load/load/')) =="
echo "idle RSS: $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB; $( [ "$DIGEST" = 0 ] && echo "no digest in this run" || echo "the digest starts at $(date -u -d "@$start_at" +%T) UTC")"
sleep $(( start_at - $(date +%s) - 5 ))
cpu_s() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # user + system, in clock ticks
waited_ns() { cat /proc/"$pid"/task/*/schedstat 2>/dev/null | awk '{s += $2} END {printf "%d", s}'; }
cpu0=$(cpu_s); wait0=$(waited_ns)
taskset -c "$LOAD_CPU" "$tmp/storm" -base "$BASE" -smtp "127.0.0.1:$SMTP_PORT" -duration "$DURATION" -pid "$pid" "${relay[@]}"
# The server's CPU time in the storm, and how long its threads waited for
# the CPU while runnable (other programs on its core, if any).
echo "server CPU during the storm: $(echo "($(cpu_s) - $cpu0) / $(getconf CLK_TCK)" | bc -l | xargs printf '%.1f') s; waited for the CPU $(( ($(waited_ns) - wait0) / 1000000 )) ms"
sleep 2
digests=$(sqlite3 "$db" "SELECT count(*) FROM digest_runs")
echo "digest: $digests of $RESIDENTS residents done by the end; RSS now $(( $(awk '/VmRSS/ {print $2}' /proc/$pid/status) / 1024 )) MB"
stop
if [ -n "$PROFILE" ]; then cp "$tmp/serve.log" "$PROFILE/serve.log"; fi
echo "stored: $(( $(sqlite3 "$db" "SELECT count(*) FROM requests") - before )) new requests ($(sqlite3 "$db" "SELECT count(*) FROM requests WHERE description LIKE 'Storm damage %'") from the web form, $(( $(sqlite3 "$db" "SELECT count(*) FROM requests WHERE channel = 'email'") - before_email )) by email), $(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE kind LIKE 'digest%'") digest emails queued, $(sqlite3 "$db" "SELECT count(*) FROM outbox WHERE kind LIKE 'digest%' AND status = 'sent'") of them sent"
