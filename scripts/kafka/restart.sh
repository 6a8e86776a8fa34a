#!/usr/bin/env bash
# Restarts the broker started by start.sh on the SAME data dir and server.properties (a crash-restart,
# not a fresh broker): kills it by its pid file with KAFKA_KILL_SIGNAL (default KILL, i.e. no clean
# shutdown; TERM for a graceful one), waits for the exit, then launches it again and waits until ready.
# When the broker is already down (killed by the caller), it only starts it. Honours the same
# KAFKA_RUN_DIR, KAFKA_BROKER_PORT, KAFKA_LIBS_DIR as start.sh; the data dir is the one in $RUN/data-dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
LIBS="$(cd "${KAFKA_LIBS_DIR:-.cache/kafka/libs}" && pwd)"
RUN="$(cd "${KAFKA_RUN_DIR:-.cache/kafka/run}" && pwd)"
BROKER_PORT="${KAFKA_BROKER_PORT:-19092}"
SIGNAL="${KAFKA_KILL_SIGNAL:-KILL}"
PID_FILE="$RUN/kafka.pid"
LOG_FILE="$RUN/kafka.log"
[ -f "$RUN/server.properties" ] && [ -f "$RUN/data-dir" ] || { echo "kafka: no server.properties/data-dir in $RUN (run start.sh first)" >&2; exit 1; }
[ -d "$(cat "$RUN/data-dir")" ] || { echo "kafka: data dir $(cat "$RUN/data-dir") is gone" >&2; exit 1; }

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  pid="$(cat "$PID_FILE")"
  echo "kafka: kill -$SIGNAL $pid"
  kill "-$SIGNAL" "$pid"
  for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
  if kill -0 "$pid" 2>/dev/null; then echo "kafka: still alive after 30 s, killing"; kill -9 "$pid"; sleep 1; fi
fi

echo "kafka: restarting on 127.0.0.1:${BROKER_PORT}, data in $(cat "$RUN/data-dir") (log: $LOG_FILE)"
# shellcheck source=launch-broker.sh
source scripts/kafka/launch-broker.sh # we are at the repo root (see cd above)
launch_broker
echo "kafka: ready again at 127.0.0.1:${BROKER_PORT} (pid $(cat "$PID_FILE"))"
