#!/usr/bin/env python3
"""Checks the cluster profile (docker-compose.yml + docker-compose.cluster.yml, merged by
`docker-compose config`) without a Docker engine: the KRaft quorum, the replication settings, the
replica set, the clients' server lists and what scaling needs. It also runs ops/kafka/start.sh for
each Kafka node with stand-in Kafka tools and reads the broker configuration the script writes.

    docker-compose -f docker-compose.yml -f docker-compose.cluster.yml config > merged.yml
    python3 ops/check_cluster.py merged.yml

Called by ops/check.sh. Exits 1 if any check fails.
"""
import os
import re
import subprocess
import sys
import tempfile

import yaml

failures = 0


def check(ok, what, detail=""):
    global failures
    print(("ok   - " if ok else "FAIL - ") + what)
    if not ok:
        failures += 1
        if detail:
            print("       " + str(detail))


merged = yaml.safe_load(open(sys.argv[1], encoding="utf-8"))
services = merged.get("services", {})
env = {name: {k: str(v) for k, v in (svc.get("environment") or {}).items()} for name, svc in services.items()}

# ------------------------------------------------------------------ Kafka: three nodes, one quorum
kafka_nodes = sorted(n for n in services if re.fullmatch(r"kafka(-\d+)?", n))
check(kafka_nodes == ["kafka", "kafka-2", "kafka-3"], "cluster: three Kafka nodes kafka, kafka-2, kafka-3", kafka_nodes)
voters = {env[n].get("KAFKA_CONTROLLER_QUORUM_VOTERS") for n in kafka_nodes}
check(len(voters) == 1, "cluster: every Kafka node has the same controller quorum", voters)
quorum = dict(v.split("@") for v in next(iter(voters), "").split(",") if "@" in v)
node_ids = {n: env[n].get("KAFKA_NODE_ID") for n in kafka_nodes}
check(len(set(node_ids.values())) == 3, "cluster: the Kafka node ids are distinct", node_ids)
for n in kafka_nodes:
    host = env[n].get("KAFKA_HOST", "kafka")
    check(quorum.get(node_ids[n]) == f"{host}:9093" and services[n].get("hostname", host) == host,
          f"cluster: {n} is voter {node_ids[n]} at its own host {host}:9093", quorum)
    check(env[n].get("KAFKA_REPLICATION_FACTOR") == "3" and env[n].get("KAFKA_MIN_INSYNC_REPLICAS") == "2",
          f"cluster: {n} replicates by 3 with min.insync.replicas 2 (acks=all survives one node down)")
    check(not services[n].get("ports"), f"cluster: {n} publishes no port on the host")
    data = [v for v in services[n].get("volumes", []) if str(v).split(":")[1:2] == ["/var/lib/kafka/data"]]
    check(len(data) == 1, f"cluster: {n} keeps its log in a volume of its own", data)
check(len({env[n].get("CLUSTER_ID") for n in kafka_nodes}) == 1, "cluster: one CLUSTER_ID for the three nodes")
data_volumes = [str(v).split(":")[0] for n in kafka_nodes for v in services[n].get("volumes", [])
                if str(v).split(":")[1:2] == ["/var/lib/kafka/data"]]
check(len(set(data_volumes)) == 3, "cluster: no two Kafka nodes share a data volume", data_volumes)

setup = env.get("kafka-setup", {})
check(setup.get("TOPIC_REPLICATION") == "3" and setup.get("TOPIC_PARTITIONS") == "12",
      "cluster: kafka-setup creates the topics with 12 partitions and 3 replicas", setup)
check(set(setup.get("KAFKA_BOOTSTRAP", "").split(",")) == {f"{n}:9092" for n in kafka_nodes},
      "cluster: kafka-setup bootstraps from every node")
check(all((services["kafka-setup"].get("depends_on") or {}).get(n, {}).get("condition") == "service_healthy"
          for n in kafka_nodes), "cluster: kafka-setup waits for the three nodes")

# ops/kafka/start.sh writes what the environment asks, for each node (stand-in Kafka tools)
with tempfile.TemporaryDirectory() as home:
    os.makedirs(os.path.join(home, "bin"))
    os.makedirs(os.path.join(home, "config"))
    for tool in ("kafka-storage.sh", "kafka-server-start.sh"):
        path = os.path.join(home, "bin", tool)
        with open(path, "w") as f:
            f.write("#!/bin/sh\nexit 0\n")
        os.chmod(path, 0o755)
    for n in kafka_nodes:
        run_env = dict(os.environ, **env[n])
        run_env.update(KAFKA_HOME=home, KAFKA_DATA_DIR=os.path.join(home, "data"))
        result = subprocess.run(["bash", "ops/kafka/start.sh"], env=run_env, capture_output=True, text=True)
        check(result.returncode == 0, f"cluster: ops/kafka/start.sh runs for {n}", result.stderr.strip())
        props = {}
        cfg = os.path.join(home, "config", "shelters-server.properties")
        if os.path.exists(cfg):
            for line in open(cfg, encoding="utf-8"):
                if "=" in line and not line.startswith("#"):
                    k, v = line.rstrip("\n").split("=", 1)
                    props[k] = v
        check(props.get("node.id") == node_ids[n] and props.get("controller.quorum.voters") == next(iter(voters))
              and props.get("advertised.listeners") == f"INTERNAL://{env[n].get('KAFKA_HOST', 'kafka')}:9092",
              f"cluster: {n}'s broker configuration names node {node_ids[n]}, the quorum and its own address",
              {k: props.get(k) for k in ("node.id", "controller.quorum.voters", "advertised.listeners")})
        check(all(props.get(k) == "3" for k in ("default.replication.factor", "offsets.topic.replication.factor",
                                                 "transaction.state.log.replication.factor"))
              and props.get("min.insync.replicas") == "2" and props.get("transaction.state.log.min.isr") == "2",
              f"cluster: {n}'s broker configuration replicates the internal topics by 3 (min ISR 2)")
    bad = dict(os.environ, **env["kafka"], KAFKA_HOME=home)
    bad["KAFKA_NODE_ID"] = "4"
    result = subprocess.run(["bash", "ops/kafka/start.sh"], env=bad, capture_output=True, text=True)
    check(result.returncode != 0 and "does not name this node" in result.stderr,
          "cluster: ops/kafka/start.sh refuses a node id that is not in the quorum", result.stderr.strip())

# ------------------------------------------------------------------ MongoDB: a 3-member replica set
members = env.get("mongo", {}).get("MONGO_REPLICA_MEMBERS", "").split(",")
check(members == ["mongo:27017", "mongo-2:27017", "mongo-3:27017"],
      "cluster: the replica set is initiated with mongo, mongo-2 and mongo-3", members)
for n in ("mongo", "mongo-2", "mongo-3"):
    svc = services.get(n, {})
    cmd = svc.get("command") or []
    check("--replSet" in cmd and cmd[cmd.index("--replSet") + 1] == "rs0" and "--keyFile" in cmd,
          f"cluster: {n} runs as a member of rs0 with a keyFile", cmd)
    check(env.get(n, {}).get("MONGO_KEYFILE_FROM") == "/run/mongo-keyfile/keyfile"
          and any(str(v).startswith("mongo-keyfile:/run/mongo-keyfile") for v in svc.get("volumes", [])),
          f"cluster: {n} uses the one shared keyFile")
    check((svc.get("depends_on") or {}).get("mongo-keyfile", {}).get("condition") == "service_completed_successfully",
          f"cluster: {n} starts after the keyFile is made")
    check(not svc.get("ports"), f"cluster: {n} publishes no port on the host")
    check("healthcheck" in svc, f"cluster: {n} has a healthcheck")
check(all(not k.startswith("MONGO_INITDB") for n in ("mongo-2", "mongo-3") for k in env.get(n, {})),
      "cluster: only the first member creates users (the others sync them from the primary)")
check(str(services.get("mongo-keyfile", {}).get("restart")) == "no", "cluster: mongo-keyfile is a one-shot")

# ------------------------------------------------------------------ the services: every node, any number of containers
for name, db in (("agreements-service", "agreements"), ("logistics-service", "logistics"), ("reporting-service", "reporting")):
    e = env.get(name, {})
    svc = services.get(name, {})
    check(set(e.get("SPRING_KAFKA_BOOTSTRAP_SERVERS", "").split(",")) == {f"{n}:9092" for n in kafka_nodes},
          f"cluster: {name} bootstraps from every Kafka node")
    check(re.fullmatch(r"mongodb://" + db + r":[^@]+@mongo:27017,mongo-2:27017,mongo-3:27017/" + db
                       + r"\?replicaSet=rs0&authSource=" + db, e.get("SPRING_MONGODB_URI", "")) is not None,
          f"cluster: {name} lists the three members of rs0", e.get("SPRING_MONGODB_URI"))
    check(e.get("PLATFORM_TOPICS_PARTITIONS") == "12" and e.get("PLATFORM_TOPICS_REPLICATION_FACTOR") == "3",
          f"cluster: {name} expects 12 partitions and 3 replicas (what kafka-setup creates)")
    check(not svc.get("ports") and "container_name" not in svc, f"cluster: {name} scales (no host port, no fixed name)")

print()
if failures:
    print(f"ops/check_cluster.py: {failures} check(s) FAILED")
    sys.exit(1)
print("ops/check_cluster.py: all checks passed")
