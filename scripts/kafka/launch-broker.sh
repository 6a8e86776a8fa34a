# Sourced by start.sh and restart.sh: launches the broker in the background on the prepared
# $RUN/server.properties and waits until it serves a consumer group.
# Needs RUN, LIBS, PID_FILE, LOG_FILE and BROKER_PORT set by the caller.
launch_broker() {
  local heap="${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m}"
  # shellcheck disable=SC2086
  nohup java $heap -XX:+UseG1GC -Dlog4j.configuration="file:$RUN/log4j.properties" \
    -cp "$LIBS/*" kafka.Kafka "$RUN/server.properties" >>"$LOG_FILE" 2>&1 &
  echo $! > "$PID_FILE"
  echo "kafka: pid $(cat "$PID_FILE"), waiting for port ${BROKER_PORT}"
  for _ in $(seq 1 240); do
    if ! kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then echo "kafka: broker exited, see $LOG_FILE" >&2; tail -n 30 "$LOG_FILE" >&2; exit 1; fi
    (echo >"/dev/tcp/127.0.0.1/${BROKER_PORT}") 2>/dev/null && break
    sleep 0.25
  done
  node scripts/kafka/wait-ready.js "127.0.0.1:${BROKER_PORT}" 60
}
