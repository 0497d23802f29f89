#!/usr/bin/env bash
# Prints what durable acknowledgement costs on the local stack's store (see README, Figures).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -pl local-stack -am install -DskipTests
./mvnw -q -pl local-stack test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
java -cp "local-stack/target/classes:local-stack/target/test-classes:$(cat local-stack/target/bench-classpath.txt)" \
  org.shelters.localstack.StoreDurabilityBenchmark "${1:-1000}" 2>/dev/null | grep '^\[store\]'
