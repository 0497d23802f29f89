#!/usr/bin/env bash
# Builds everything and starts the whole system on embedded defaults:
#   Kafka :9092, Mongo wire store :27017, agreements :8081, logistics :8082, reporting :8083.
# Options: --reset (delete local data first)  --no-demo (skip the demo programme)  --verbose
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -DskipTests package
exec java -XX:+UseSerialGC -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar --repo="$PWD" "$@"
