#!/usr/bin/env bash
# Fetches a real Kafka broker (KRaft, no ZooKeeper, no Docker) as plain jars from Maven Central.
# Idempotent: skips when the jars are already in the cache. The cache lives under .cache/ (git-ignored).
set -euo pipefail
# it takes no arguments: any (--help included) is a question, answered before anything is fetched, started or stopped
if [ "$#" -gt 0 ]; then
  printf 'usage: npm run kafka:fetch\n  fetches the Kafka broker jars from Maven Central into .cache/kafka/libs (KAFKA_VERSION, KAFKA_LIBS_DIR)\n' >&2
  exit 2
fi
cd "$(dirname "$0")/../.."
KAFKA_VERSION="${KAFKA_VERSION:-3.9.1}"
LIBS="${KAFKA_LIBS_DIR:-.cache/kafka/libs}"

if ls "$LIBS"/kafka_2.13-"$KAFKA_VERSION".jar >/dev/null 2>&1 && ls "$LIBS"/slf4j-reload4j-*.jar >/dev/null 2>&1; then
  echo "kafka: $(ls "$LIBS"/*.jar | wc -l) jars already in $LIBS, skipping fetch"
  exit 0
fi
command -v mvn >/dev/null || { echo "kafka: mvn not found (needs Maven 3.8+ and Java 17)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# A throwaway pom whose only job is to name the broker and a logging binding, so Maven resolves the closure.
cat > "$work/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.ot</groupId><artifactId>kafka-fetch</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>${KAFKA_VERSION}</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
  </dependencies>
</project>
POM
mkdir -p "$LIBS"
echo "kafka: resolving kafka_2.13:${KAFKA_VERSION} via Maven into $LIBS ..."
mvn -B -q -f "$work/pom.xml" dependency:copy-dependencies -DoutputDirectory="$(cd "$LIBS" && pwd)" -DincludeScope=runtime
echo "kafka: $(ls "$LIBS"/*.jar | wc -l) jars, $(du -sh "$LIBS" | cut -f1) in $LIBS"
