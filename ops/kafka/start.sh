#!/usr/bin/env bash
# Starts a docker-compose Kafka node (apache/kafka image, KRaft, each node both broker and
# controller: one node in docker-compose.yml, three in docker-compose.cluster.yml) with
# authentication and authorisation on every listener:
#
#   INTERNAL   :9092  SASL_PLAINTEXT, SCRAM-SHA-512: the services, kafka-setup, operators' tools
#   CONTROLLER :9093  SASL_PLAINTEXT, PLAIN (KRaft controllers cannot use SCRAM: its credentials
#                     live in the metadata log the controller serves), principal User:controller
#
# Authorisation: StandardAuthorizer (ACLs in the metadata log); super users admin and controller;
# a principal without an ACL is refused. The services' users and ACLs are made by ops/kafka/setup.sh.
#
# Why this script instead of the image's KAFKA_* variables: the image drops every variable whose
# value contains '=' (a JAAS line always does), and the first start must format the storage with
# the admin's SCRAM credential (kafka-storage format --add-scram), which the image cannot do.
#
# Development only: SASL_PLAINTEXT sends no password in clear (SCRAM is a challenge-response) but
# the data travels unencrypted. Production uses SASL_SSL (and TLS on the controller listener).
#
# Environment: CLUSTER_ID, KAFKA_ADMIN_PASSWORD, KAFKA_CONTROLLER_PASSWORD (required);
# KAFKA_HOME (/opt/kafka), KAFKA_DATA_DIR (/var/lib/kafka/data), KAFKA_HOST (kafka),
# KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093); for a cluster (docker-compose.cluster.yml):
# KAFKA_NODE_ID (1), KAFKA_CONTROLLER_QUORUM_VOTERS (1@<KAFKA_HOST>:<controller port>, every
# node the same list), KAFKA_REPLICATION_FACTOR (1: the internal topics' and new topics' default)
# and KAFKA_MIN_INSYNC_REPLICAS (1; 2 of 3 in the cluster, so acks=all survives one node down).
set -euo pipefail

home="${KAFKA_HOME:-/opt/kafka}"
data="${KAFKA_DATA_DIR:-/var/lib/kafka/data}"
host="${KAFKA_HOST:-kafka}"
port="${KAFKA_PORT:-9092}"
controller_port="${KAFKA_CONTROLLER_PORT:-9093}"
: "${CLUSTER_ID:?CLUSTER_ID is not set}"
node_id="${KAFKA_NODE_ID:-1}"
voters="${KAFKA_CONTROLLER_QUORUM_VOTERS:-${node_id}@${host}:${controller_port}}"
replication="${KAFKA_REPLICATION_FACTOR:-1}"
min_isr="${KAFKA_MIN_INSYNC_REPLICAS:-1}"
for n in node_id replication min_isr; do
  if [[ ! "${!n}" =~ ^[1-9][0-9]*$ ]]; then echo "kafka: $n must be a positive number, is '${!n}'" >&2; exit 1; fi
done
if [[ ",$voters," != *",${node_id}@"* ]]; then
  echo "kafka: KAFKA_CONTROLLER_QUORUM_VOTERS ($voters) does not name this node (${node_id})" >&2; exit 1
fi
if [ "$min_isr" -gt "$replication" ]; then
  echo "kafka: KAFKA_MIN_INSYNC_REPLICAS ($min_isr) is above KAFKA_REPLICATION_FACTOR ($replication)" >&2; exit 1
fi

# SCRAM's [name=...,password=...] syntax and the quoted JAAS value cannot hold , ] = " or spaces.
secret() {
  local name="$1" value="${!1:-}"
  if [ -z "$value" ]; then echo "kafka: $name is not set" >&2; exit 1; fi
  if [[ ! "$value" =~ ^[A-Za-z0-9._~-]+$ ]]; then
    echo "kafka: $name may only hold letters, digits and . _ ~ -" >&2; exit 1
  fi
  printf '%s' "$value"
}
admin_password="$(secret KAFKA_ADMIN_PASSWORD)"
controller_password="$(secret KAFKA_CONTROLLER_PASSWORD)"

umask 077
config="$home/config/shelters-server.properties"
cat > "$config" <<EOF
node.id=${node_id}
process.roles=broker,controller
controller.quorum.voters=${voters}
controller.listener.names=CONTROLLER
listeners=INTERNAL://:${port},CONTROLLER://:${controller_port}
advertised.listeners=INTERNAL://${host}:${port}
listener.security.protocol.map=INTERNAL:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
inter.broker.listener.name=INTERNAL

sasl.enabled.mechanisms=SCRAM-SHA-512
sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
listener.name.internal.sasl.enabled.mechanisms=SCRAM-SHA-512
listener.name.internal.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin_password}";
sasl.mechanism.controller.protocol=PLAIN
listener.name.controller.sasl.enabled.mechanisms=PLAIN
listener.name.controller.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="controller" password="${controller_password}" user_controller="${controller_password}";

authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:admin;User:controller
allow.everyone.if.no.acl.found=false

log.dirs=${data}
num.partitions=3
# topics are created by kafka-setup and the services (platform TopicProvisioner) with
# retention.ms=-1; no topic may appear with the 7-day default, which would make rebuilds lose history
auto.create.topics.enable=false
log.retention.ms=-1
default.replication.factor=${replication}
min.insync.replicas=${min_isr}
offsets.topic.replication.factor=${replication}
transaction.state.log.replication.factor=${replication}
transaction.state.log.min.isr=${min_isr}
share.coordinator.state.topic.replication.factor=${replication}
share.coordinator.state.topic.min.isr=${min_isr}
group.initial.rebalance.delay.ms=0
EOF

# Client settings for the admin (healthcheck, kafka-setup, operators: see docs/runbook.md).
cat > "$home/config/admin-client.properties" <<EOF
security.protocol=SASL_PLAINTEXT
sasl.mechanism=SCRAM-SHA-512
sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="admin" password="${admin_password}";
EOF

# First start only (an already formatted directory is left alone): the admin's SCRAM credential
# goes into the metadata log's bootstrap records, so the broker can authenticate its first client.
"$home/bin/kafka-storage.sh" format --ignore-formatted --config "$config" --cluster-id "$CLUSTER_ID" \
  --add-scram "SCRAM-SHA-512=[name=admin,password=${admin_password}]"

exec "$home/bin/kafka-server-start.sh" "$config"
