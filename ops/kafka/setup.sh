#!/usr/bin/env bash
# One-shot set-up of the docker-compose broker, run as the admin by the kafka-setup service on every
# `docker compose up` (each step is idempotent), before the services start:
#
#   1. one SCRAM-SHA-512 user per service, password from the environment (so the environment is
#      the truth: change a password there and `docker compose up -d` applies it);
#   2. the topics, as the platform's TopicDefinitions makes them (12 partitions, kept forever), so
#      no service depends on another having started first;
#   3. the ACLs: each service may do what its code does and nothing else (table in docs/runbook.md).
#
# Environment: KAFKA_ADMIN_PASSWORD, KAFKA_AGREEMENTS_PASSWORD, KAFKA_LOGISTICS_PASSWORD,
# KAFKA_REPORTING_PASSWORD (required); KAFKA_HOME (/opt/kafka), KAFKA_BOOTSTRAP (kafka:9092),
# TOPIC_PARTITIONS (12, must equal the services' platform.topics.partitions), TOPIC_REPLICATION (1;
# 3 in docker-compose.cluster.yml).
set -euo pipefail

home="${KAFKA_HOME:-/opt/kafka}"
bootstrap="${KAFKA_BOOTSTRAP:-kafka:9092}"
partitions="${TOPIC_PARTITIONS:-12}"
replication="${TOPIC_REPLICATION:-1}"

secret() {
  local name="$1" value="${!1:-}"
  if [ -z "$value" ]; then echo "kafka-setup: $name is not set" >&2; exit 1; fi
  if [[ ! "$value" =~ ^[A-Za-z0-9._~-]+$ ]]; then
    echo "kafka-setup: $name may only hold letters, digits and . _ ~ -" >&2; exit 1
  fi
  printf '%s' "$value"
}

umask 077
admin="$(mktemp)"
trap 'rm -f "$admin"' EXIT
cat > "$admin" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="$(secret KAFKA_ADMIN_PASSWORD)";
EOF

kafka() {
  local tool="$1"; shift
  "$home/bin/$tool" --bootstrap-server "$bootstrap" --command-config "$admin" "$@"
}

echo "kafka-setup: service users (SCRAM-SHA-512)"
for service in agreements logistics reporting; do
  variable="KAFKA_${service^^}_PASSWORD"
  kafka kafka-configs.sh --alter --entity-type users --entity-name "$service" \
    --add-config "SCRAM-SHA-512=[iterations=8192,password=$(secret "$variable")]" > /dev/null
  echo "  $service"
done

events=(shelters.v1 agreements.v1 logistics.v1)
all_topics=()
for topic in "${events[@]}"; do all_topics+=("$topic" "$topic-dlt"); done

echo "kafka-setup: topics (${partitions} partitions, retention forever)"
existing=" $(kafka kafka-topics.sh --list | tr '\n' ' ') "
for topic in "${all_topics[@]}"; do
  if [[ "$existing" == *" $topic "* ]]; then
    echo "  $topic (exists)"
    continue
  fi
  kafka kafka-topics.sh --create --if-not-exists --topic "$topic" --partitions "$partitions" \
    --replication-factor "$replication" --config retention.ms=-1 --config retention.bytes=-1 > /dev/null
  echo "  $topic"
done

# allow PRINCIPAL[,PRINCIPAL] OPERATION... -- RESOURCE...: literal resource names, any host; a
# resource is a topic, or group:NAME. (Each call is a JVM start: the calls are as few as they can be.)
allow() {
  local principal="$1"; shift
  local operations=() args=()
  while [ "$1" != "--" ]; do operations+=("$1"); args+=(--operation "$1"); shift; done
  shift
  local resources=()
  for resource in "$@"; do
    case "$resource" in
      group:*) resources+=(--group "${resource#group:}") ;;
      *) resources+=(--topic "$resource") ;;
    esac
  done
  local principals=()
  for p in ${principal//,/ }; do principals+=(--allow-principal "User:$p"); done
  kafka kafka-acls.sh --add "${principals[@]}" --resource-pattern-type literal \
    "${args[@]}" "${resources[@]}" > /dev/null
  echo "  $principal: ${operations[*]} on $*"
}
topics() { printf '%s ' "${all_topics[@]}"; }

echo "kafka-setup: ACLs"
# agreements-service: publishes shelters.v1 and agreements.v1 (outbox relay); consumes
# logistics.v1 (shipment movements read model) and its own shelters.v1 (arrivals read-back) in
# group agreements-service, dead-letters to and re-drives from logistics.v1-dlt and shelters.v1-dlt;
# provisions the topics (TopicProvisioner: create, keep forever).
allow agreements Write Describe -- shelters.v1 agreements.v1
allow agreements Read Describe -- logistics.v1 shelters.v1
allow agreements Read Write Describe -- logistics.v1-dlt shelters.v1-dlt
allow agreements Read -- group:agreements-service
# shellcheck disable=SC2046
allow agreements Create Describe DescribeConfigs AlterConfigs -- $(topics)

# logistics-service: publishes logistics.v1; consumes agreements.v1 in group logistics-service,
# dead-letters to and re-drives from agreements.v1-dlt.
allow logistics Write Describe -- logistics.v1
allow logistics Read Describe -- agreements.v1
allow logistics Read Write Describe -- agreements.v1-dlt
allow logistics Read -- group:logistics-service

# reporting-service: consumes all three in group reporting-service, rebuilds from offset 0 (no
# group), dead-letters to and re-drives from the three dead-letter topics.
allow reporting Read Describe -- shelters.v1 agreements.v1 logistics.v1
allow reporting Read Write Describe -- shelters.v1-dlt agreements.v1-dlt logistics.v1-dlt
allow reporting Read -- group:reporting-service

# logistics-service and reporting-service check the topics' layout at start-up (partitions,
# retention) and create nothing.
# shellcheck disable=SC2046
allow logistics,reporting Describe DescribeConfigs -- $(topics)

echo "kafka-setup: done"
