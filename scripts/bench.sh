#!/usr/bin/env bash
# Whole-program benchmarks (run by `make bench` after the Go benchmarks):
# binary size, cold start, idle memory, page weight, and the throughput of an
# article page rendered by the app against the same bytes served as a static
# file by the same process. Needs wrk (apt-get install wrk) and curl.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "bench: wrk is missing (apt-get install wrk)"; exit 1; }

BIN=./townhall
PORT=${BENCH_PORT:-18090}
if curl -so /dev/null "http://127.0.0.1:$PORT/"; then echo "bench: port $PORT is in use"; exit 1; fi
BASE=http://127.0.0.1:$PORT
DURATION=${BENCH_DURATION:-10s}
ARTICLE=/en/help/waste/trash-and-recycling-collection
tmp=$(mktemp -d)
pid=
bare=
ngx=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; [ -n "$bare" ] && kill "$bare" 2>/dev/null; [ -n "$ngx" ] && kill "$ngx" 2>/dev/null; wait 2>/dev/null || true; rm -rf "$tmp"; }
trap cleanup EXIT
cp -r pb_public "$tmp/public"

now_ms() { date +%s%3N; }
start_server() {
  local t0; t0=$(now_ms)
  "$BIN" serve --dir "$tmp/data" --http "127.0.0.1:$PORT" --publicDir "$tmp/public" >"$tmp/serve.log" 2>&1 &
  pid=$!
  until curl -fso /dev/null "$BASE/en/"; do sleep 0.01; done
  started_ms=$(( $(now_ms) - t0 ))
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=; }
rss_kb() { awk '/VmRSS/ {print $2}' "/proc/$pid/status"; }
rps() { wrk -t2 -c32 -d"$DURATION" "$1" | awk '/Requests\/sec/ {print $2}'; }

echo "== Townhall whole-program benchmarks ($(date -u +%F), $(nproc) cores) =="
printf 'binary size:              %s bytes (%.1f MB)\n' "$(stat -c %s "$BIN")" "$(echo "$(stat -c %s "$BIN") / 1000000" | bc -l)"

start_server
echo "first start (migrate + seed demo town) to first 200: ${started_ms} ms"
stop_server
start_server
echo "cold start (existing data) to first 200:           ${started_ms} ms"

for p in / /en/ "$ARTICLE" /es/ /en/help /en/search?q=recycling; do curl -fso /dev/null "$BASE$p"; done
sleep 3
echo "idle RSS with the demo town:                       $(( $(rss_kb) / 1024 )) MB ($(rss_kb) kB)"

css=$(( $(curl -fs "$BASE/static/townhall.css" | wc -c) + $(curl -fs "$BASE/theme.css" | wc -c) ))
for p in /en/ "$ARTICLE" /es/; do
  html=$(curl -fs "$BASE$p" | wc -c)
  scripts=$(curl -fs "$BASE$p" | grep -c '<script' || true)
  echo "page weight $p: HTML $html + CSS $css = $(( html + css )) bytes, $scripts script tags"
done

# The same bytes as a static file, from the same process.
curl -fs "$BASE$ARTICLE" >"$tmp/public/article.html"
# The same bytes from a bare PocketBase (scripts/barepb), run beside it.
BARE_PORT=$((PORT + 1))
BARE=http://127.0.0.1:$BARE_PORT
mkdir -p "$tmp/bare"
cp "$tmp/public/article.html" "$tmp/bare/"
go build -o "$tmp/barepb" ./scripts/barepb
"$tmp/barepb" serve --dir "$tmp/bare-data" --http "127.0.0.1:$BARE_PORT" --publicDir "$tmp/bare" >"$tmp/bare.log" 2>&1 &
bare=$!
until curl -fso /dev/null "$BARE/article.html"; do sleep 0.05; done
# And from nginx, where it is installed (the issue's yardstick for a static file).
NGINX_PORT=$((PORT + 2))
if command -v nginx >/dev/null; then
  mkdir -p "$tmp/nginx"
  cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $tmp/nginx/pid;
error_log $tmp/nginx/error.log;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path $tmp/nginx; proxy_temp_path $tmp/nginx; fastcgi_temp_path $tmp/nginx;
  uwsgi_temp_path $tmp/nginx; scgi_temp_path $tmp/nginx;
  server { listen 127.0.0.1:$NGINX_PORT; root $tmp/bare; }
}
CONF
  nginx -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" && ngx=$(cat "$tmp/nginx/pid")
  until curl -fso /dev/null "http://127.0.0.1:$NGINX_PORT/article.html"; do sleep 0.05; done
fi
# Warm up every path (heap growth, connection setup) before measuring.
wrk -t2 -c32 -d1s "$BASE$ARTICLE" >/dev/null
wrk -t2 -c32 -d1s "$BASE/static/article.html" >/dev/null
wrk -t2 -c32 -d1s "$BARE/article.html" >/dev/null
echo "throughput, wrk -t2 -c32 -d$DURATION on loopback (client and servers share the cores):"
for round in 1 2; do
  a=$(rps "$BASE$ARTICLE")
  s=$(rps "$BASE/static/article.html")
  b=$(rps "$BARE/article.html")
  r=$(rps "$BASE$ARTICLE?render=1")
  printf '  round %d: article %s req/s, static %s req/s (ratio %.2f), bare PocketBase %s req/s (ratio %.2f); rendered every time (cache bypassed) %s req/s\n' \
    "$round" "$a" "$s" "$(echo "$a / $s" | bc -l)" "$b" "$(echo "$a / $b" | bc -l)" "$r"
  if [ -n "$ngx" ]; then
    n=$(rps "http://127.0.0.1:$NGINX_PORT/article.html")
    printf '           nginx (one worker) %s req/s: the article at %.2f of nginx\n' "$n" "$(echo "$a / $n" | bc -l)"
  fi
done
[ -n "$ngx" ] || echo "  (nginx is not installed: no nginx comparison)"
if [ -n "$ngx" ]; then kill "$ngx"; ngx=; fi

# Where the cached article's CPU goes: a profile of the server under the
# same load, its top functions.
stop_server
"$BIN" serve --dir "$tmp/data" --http "127.0.0.1:$PORT" --publicDir "$tmp/public" --cpuprofile "$tmp/cpu.pprof" >"$tmp/serve.log" 2>&1 &
pid=$!
until curl -fso /dev/null "$BASE$ARTICLE"; do sleep 0.05; done
wrk -t2 -c32 -d"$DURATION" "$BASE$ARTICLE" >/dev/null
stop_server
echo "cached article, CPU profile under wrk (top 12 by own time; go tool pprof -top $BIN cpu.pprof):"
go tool pprof -top -nodecount=12 "$BIN" "$tmp/cpu.pprof" 2>/dev/null | sed -n '/flat%/,$p' | sed 's/^/  /'
