#!/usr/bin/env bash
# Makes a Redis server answer on 127.0.0.1:6379 for the Redis integration tests.
# Idempotent: does nothing when one already answers; installs Debian's redis-server when
# missing (CI runs as root without stdin), starts it daemonized without persistence and
# waits until it answers PING.
set -euo pipefail

PORT="${REDIS_PORT:-6379}"

ping_redis() {
  if command -v redis-cli >/dev/null 2>&1; then
    [ "$(redis-cli -h 127.0.0.1 -p "$PORT" ping 2>/dev/null || true)" = "PONG" ]
  else
    # No client yet: speak RESP over bash's /dev/tcp.
    (exec 3<>"/dev/tcp/127.0.0.1/$PORT" && printf 'PING\r\n' >&3 && timeout 2 head -c 7 <&3 | grep -q PONG) 2>/dev/null
  fi
}

if ping_redis; then
  echo "setup-redis: Redis already answers on 127.0.0.1:$PORT"
  exit 0
fi

if ! command -v redis-server >/dev/null 2>&1; then
  echo "setup-redis: installing Debian's redis-server"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo -n"; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q </dev/null
  $SUDO apt-get install -y -q --no-install-recommends redis-server </dev/null
fi

echo "setup-redis: starting redis-server on 127.0.0.1:$PORT (no persistence)"
redis-server --bind 127.0.0.1 --port "$PORT" --daemonize yes \
  --save '' --appendonly no --protected-mode yes \
  --dir /tmp --logfile "/tmp/agentframework-redis-$PORT.log" --pidfile "/tmp/agentframework-redis-$PORT.pid"

for _ in $(seq 1 50); do
  if ping_redis; then
    echo "setup-redis: Redis answers on 127.0.0.1:$PORT"
    exit 0
  fi
  sleep 0.2
done

echo "setup-redis: redis-server did not answer PING within 10 s; see /tmp/agentframework-redis-$PORT.log" >&2
exit 1
