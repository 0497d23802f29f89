#!/usr/bin/env bash
# Builds everything and starts the whole system on embedded defaults:
#   Kafka :9092, Mongo wire store :27017, identity server :9000 (demo users on),
#   agreements :8081, logistics :8082, reporting :8083 (dashboard at /dashboard/).
# Options: --reset (delete local data first)  --no-demo (skip the demo programme)  --verbose
#   --data-dir=PATH  --ports=kafka,controller,mongo,agreements,logistics,reporting[,identity]
#   --instances=N (1-4: N instances of each service; instance i on the service's port + 10*(i-1),
#   e.g. 8081/8091, 8082/8092, 8083/8093, logs in <service>-i.log)
# A token for the API: ./local-stack/token.sh USER (e.g. programme, analyst, partner-1)
set -euo pipefail
cd "$(dirname "$0")/.."
# through a pipe: on a terminal Maven's console library writes colour resets even in batch mode (-B)
./mvnw -q -B -DskipTests package | cat
exec java -XX:+UseSerialGC -jar local-stack/target/local-stack-0.1.0-SNAPSHOT-exec.jar --repo="$PWD" "$@"
