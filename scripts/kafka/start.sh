#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on loopback in the background and waits until it can serve a
# consumer group (port open is not enough: the group coordinator needs __consumer_offsets first).
set -euo pipefail
# it takes no arguments: any (--help included) is a question, answered before anything is fetched, started or stopped
if [ "$#" -gt 0 ]; then
  printf 'usage: npm run kafka:start\n  starts a single-node broker on 127.0.0.1:19092 (KAFKA_BROKER_PORT, KAFKA_CONTROLLER_PORT, KAFKA_LIBS_DIR, KAFKA_RUN_DIR)\n' >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
LIBS="$(cd "${KAFKA_LIBS_DIR:-.cache/kafka/libs}" && pwd)"
RUN="${KAFKA_RUN_DIR:-.cache/kafka/run}"
BROKER_PORT="${KAFKA_BROKER_PORT:-19092}"
CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-19093}"
mkdir -p "$RUN"
RUN="$(cd "$RUN" && pwd)"
PID_FILE="$RUN/kafka.pid"
LOG_FILE="$RUN/kafka.log"

if [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; then
  echo "kafka: already running (pid $(cat "$PID_FILE")), checking readiness"
  exec node scripts/kafka/wait-ready.js "127.0.0.1:${BROKER_PORT}" 60
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/ot-kafka-XXXXXX")"
echo "$DATA" > "$RUN/data-dir"
cat > "$RUN/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:${CONTROLLER_PORT}
listeners=PLAINTEXT://127.0.0.1:${BROKER_PORT},CONTROLLER://127.0.0.1:${CONTROLLER_PORT}
advertised.listeners=PLAINTEXT://127.0.0.1:${BROKER_PORT}
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=${DATA}
num.partitions=6
offsets.topic.replication.factor=1
offsets.topic.num.partitions=6
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
# Tests use many short-lived groups: keep the broker light on a shared 2-core machine.
num.network.threads=2
num.io.threads=2
log.retention.hours=1
PROPS

CLUSTER_ID="$(java -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)"
echo "kafka: formatting storage in $DATA (cluster $CLUSTER_ID)"
java -cp "$LIBS/*" kafka.tools.StorageTool format -t "$CLUSTER_ID" -c "$RUN/server.properties" >>"$LOG_FILE" 2>&1

cat > "$RUN/log4j.properties" <<L4J
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaServer=INFO
log4j.logger.kafka.server.BrokerServer=INFO
L4J

echo "kafka: starting broker on 127.0.0.1:${BROKER_PORT} (log: $LOG_FILE)"
# shellcheck source=launch-broker.sh
source scripts/kafka/launch-broker.sh # we are at the repo root (see cd above)
launch_broker
echo "kafka: ready at 127.0.0.1:${BROKER_PORT} -- export KAFKA_BROKERS=127.0.0.1:${BROKER_PORT}"
