#!/usr/bin/env bash
# Stops the broker started by start.sh (by its pid file only) and removes its data directory.
set -euo pipefail
# it takes no arguments: any (--help included) is a question, answered before anything is fetched, started or stopped
if [ "$#" -gt 0 ]; then
  printf 'usage: npm run kafka:stop\n  stops the broker kafka:start started and removes its data (KAFKA_RUN_DIR)\n' >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
RUN="${KAFKA_RUN_DIR:-.cache/kafka/run}"
PID_FILE="$RUN/kafka.pid"
if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  pid="$(cat "$PID_FILE")"
  echo "kafka: stopping pid $pid"
  kill "$pid"
  for _ in $(seq 1 30); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  if kill -0 "$pid" 2>/dev/null; then echo "kafka: still alive after 30 s, killing"; kill -9 "$pid"; fi
else
  echo "kafka: not running"
fi
rm -f "$PID_FILE"
if [ -f "$RUN/data-dir" ]; then rm -rf "$(cat "$RUN/data-dir")"; rm -f "$RUN/data-dir"; fi
echo "kafka: stopped"
