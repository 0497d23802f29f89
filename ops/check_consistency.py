#!/usr/bin/env python3
"""Cross-file checks of the operations files that no single tool does (called by ops/check.sh).

Prints one line per check ("ok   - ..." / "FAIL - ...") and exits 1 if any failed.
Usage: python3 ops/check_consistency.py PROMQL_RULES_OUT
  PROMQL_RULES_OUT: where to write the dashboard's PromQL as a rule file, for promtool to parse.
"""
import glob
import json
import os
import re
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(ROOT)
failures = []


def check(ok, what, detail=""):
    print(("ok   - " if ok else "FAIL - ") + what + ("" if ok or not detail else "\n       " + detail))
    if not ok:
        failures.append(what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


# ------------------------------------------------------------------ docker-compose.yml
compose = load("docker-compose.yml")
services = compose.get("services", {})
declared_volumes = set((compose.get("volumes") or {}).keys())
pom = open("pom.xml", encoding="utf-8").read()
modules = set(re.findall(r"<module>([^<]+)</module>", pom))

for name in ("keycloak", "kafka", "kafka-setup", "mongo", "agreements-service", "logistics-service", "reporting-service",
             "gateway", "prometheus", "grafana"):
    check(name in services, f"compose: service {name} is defined")

# One-shot services (restart "no") run to completion; others wait for them with
# service_completed_successfully and need no healthcheck.
one_shot = {n for n, svc in services.items() if str(svc.get("restart", "")) == "no"}

published = set()
for name, svc in services.items():
    for p in svc.get("ports", []):
        published.add(int(str(p).split(":")[-2] if str(p).count(":") >= 1 else p))
    build = svc.get("build")
    if build:
        ctx = build["context"] if isinstance(build, dict) else build
        dockerfile = os.path.join(ctx, build.get("dockerfile", "Dockerfile") if isinstance(build, dict) else "Dockerfile")
        check(os.path.isdir(ctx), f"compose: {name} build context {ctx} exists")
        check(os.path.isfile(dockerfile), f"compose: {name} Dockerfile {dockerfile} exists")
        module = (build.get("args") or {}).get("SERVICE") if isinstance(build, dict) else None
        if module:
            check(module in modules and os.path.isfile(os.path.join(ctx, module, "pom.xml")),
                  f"compose: {name} SERVICE={module} is a Maven module of pom.xml")
    for v in svc.get("volumes", []):
        src = v.split(":")[0] if isinstance(v, str) else v.get("source")
        if src.startswith((".", "/")):
            check(os.path.exists(src), f"compose: {name} mounts {src}, which exists")
        else:
            check(src in declared_volumes, f"compose: {name} named volume {src} is declared")
    for dep, cond in (svc.get("depends_on") or {}).items():
        check(dep in services, f"compose: {name} depends on defined service {dep}")
        if isinstance(cond, dict) and cond.get("condition") == "service_healthy":
            check("healthcheck" in services.get(dep, {}), f"compose: {dep} has the healthcheck {name} waits for")
        if isinstance(cond, dict) and cond.get("condition") == "service_completed_successfully":
            check(dep in one_shot, f"compose: {dep}, which {name} waits to complete, is a one-shot (restart: \"no\")")
    if name in one_shot:
        check(not svc.get("ports"), f"compose: one-shot {name} publishes no port")
    else:
        check("healthcheck" in svc, f"compose: {name} has a healthcheck")

wanted_ports = {8081, 8082, 8083, 8180, 9090, 3000}
check(wanted_ports <= published, f"compose: host ports {sorted(wanted_ports)} are published",
      f"missing: {sorted(wanted_ports - published)}")
for name in ("kafka", "mongo"):
    check(not services.get(name, {}).get("ports"), f"compose: {name} publishes no port on the host (containers only)",
          f"ports: {services.get(name, {}).get('ports')}")

# Every ${VARIABLE:-default} has one default wherever it is used (a password set on both sides,
# e.g. a service's Kafka user and the kafka-setup that creates it, cannot drift apart).
raw_compose = open("docker-compose.yml", encoding="utf-8").read()
seen_defaults = {}
for var, default in re.findall(r"\$\{([A-Z][A-Z0-9_]*):-([^}]*)\}", raw_compose):
    seen_defaults.setdefault(var, set()).add(default)
drift = {v: sorted(d) for v, d in seen_defaults.items() if len(d) > 1}
check(not drift, f"compose: each of the {len(seen_defaults)} variables has one default everywhere", f"{drift}")


def variable(value):
    m = re.search(r"\$\{([A-Z][A-Z0-9_]*):-", str(value))
    return m.group(1) if m else None

# The services: environment, readiness healthcheck on their own port.
app_ports = {}
for name, db in (("agreements-service", "agreements"), ("logistics-service", "logistics"), ("reporting-service", "reporting")):
    svc = services.get(name, {})
    env = svc.get("environment", {})
    port = str(env.get("SERVER_PORT", ""))
    app_ports[name] = port
    check(env.get("SPRING_KAFKA_BOOTSTRAP_SERVERS") == "kafka:9092", f"compose: {name} uses kafka:9092")
    jaas = str(env.get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", ""))
    kafka_var = variable(jaas)
    check(env.get("SPRING_KAFKA_SECURITY_PROTOCOL") == "SASL_PLAINTEXT"
          and env.get("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM") == "SCRAM-SHA-512"
          and jaas.startswith("org.apache.kafka.common.security.scram.ScramLoginModule required")
          and f'username="{db}"' in jaas,
          f"compose: {name} signs in to Kafka as {db} (SASL_PLAINTEXT, SCRAM-SHA-512)")
    check(kafka_var is not None and kafka_var in (services.get("kafka-setup", {}).get("environment") or {}),
          f"compose: kafka-setup creates the Kafka user {db} from the same variable ({kafka_var})")
    uri = str(env.get("SPRING_MONGODB_URI", ""))
    mongo_var = variable(uri)
    check(re.fullmatch(r"mongodb://" + db + r":\$\{[A-Z0-9_]+:-[^}]+\}@mongo:27017/" + db
                       + r"\?replicaSet=rs0&authSource=" + db, uri) is not None,
          f"compose: {name} uses its own database {db} on the rs0 replica set as the MongoDB user {db}", uri)
    mongo_env = services.get("mongo", {}).get("environment") or {}
    check(variable(mongo_env.get(f"MONGO_INITDB_{db.upper()}_PASSWORD")) == mongo_var,
          f"compose: mongo creates the user {db} from the same variable ({mongo_var})")
    hc = " ".join(svc.get("healthcheck", {}).get("test", []))
    check(f"localhost:{port}/actuator/health/readiness" in hc, f"compose: {name} healthcheck probes readiness on :{port}")
    deps = svc.get("depends_on") or {}
    check(deps.get("kafka-setup", {}).get("condition") == "service_completed_successfully"
          and deps.get("mongo", {}).get("condition") == "service_healthy",
          f"compose: {name} waits for kafka-setup to complete and mongo to be healthy")
    check(not any(k.startswith("PLATFORM_CONSUMER_GROUP") for k in env),
          f"compose: {name} keeps its consumer group = spring.application.name (what the ACLs name)")

# Kafka: the ACLs of ops/kafka/setup.sh name the platform's topics and each service's consumer group
# (spring.application.name, the platform's default group id).
setup = open("ops/kafka/setup.sh", encoding="utf-8").read()
topics_java = open("shared-events/src/main/java/org/shelters/events/Topics.java", encoding="utf-8").read()
event_topics = re.findall(r"new Topic<>\(\"([^\"]+)\"", topics_java)
m = re.search(r"^events=\(([^)]*)\)", setup, re.M)
check(m is not None and m.group(1).split() == event_topics,
      f"kafka-setup: creates and grants on the topics of Topics.java {event_topics} (and their -dlt)",
      f"setup.sh events=({m.group(1) if m else ''})")
for name, db in (("agreements-service", "agreements"), ("logistics-service", "logistics"), ("reporting-service", "reporting")):
    app = load(f"{name}/src/main/resources/application.yml") or {}
    group = ((app.get("spring") or {}).get("application") or {}).get("name")
    check(re.search(r"^allow " + db + r" Read -- group:" + re.escape(str(group)) + r"$", setup, re.M) is not None,
          f"kafka-setup: {db} may read its consumer group {group}")

# ------------------------------------------------------------------ Prometheus
prom_dir = "ops/prometheus"
prom = load(f"{prom_dir}/prometheus.yml")
rule_files = []
for pattern in prom.get("rule_files", []):
    matched = sorted(glob.glob(os.path.join(prom_dir, pattern)))
    check(bool(matched), f"prometheus: rule_files {pattern} matches a file", "no file matches")
    rule_files += matched
check(not any(f.endswith(".test.yml") for f in rule_files), "prometheus: rule_files does not load the unit tests")

targets = {}
for job in prom.get("scrape_configs", []):
    if job.get("job_name") == "platform-services":
        check(job.get("metrics_path") == "/actuator/prometheus", "prometheus: services scraped at /actuator/prometheus")
        for sd in job.get("dns_sd_configs", []):
            for n in sd.get("names", []):
                targets[n] = f"{n}:{sd.get('port')}" if sd.get("type") == "A" else None
        check(any(r.get("source_labels") == ["__meta_dns_name"] and r.get("target_label") == "service"
                  for r in job.get("relabel_configs", [])),
              "prometheus: the service label comes from the resolved compose name")
for name, port in app_ports.items():
    check(targets.get(name) == f"{name}:{port}",
          f"prometheus: discovers every container of {name} at {name}:{port} (DNS A records of the compose name)",
          f"got {targets.get(name)}")

# Scaling: no service container has a fixed host port or name (either would stop --scale); the
# gateway publishes the services' ports and proxies each to its compose name and port.
nginx = open("ops/gateway/nginx.conf", encoding="utf-8").read()
gateway = services.get("gateway", {})
for name, port in app_ports.items():
    svc = services.get(name, {})
    check(not svc.get("ports") and "container_name" not in svc,
          f"compose: {name} publishes no host port and has no container_name (it scales)")
    check(f"{port}:{port}" in [str(p) for p in gateway.get("ports", [])],
          f"compose: the gateway publishes {name}'s port {port}")
    check(re.search(r"upstream " + re.escape(name) + r" \{[^}]*server " + re.escape(f"{name}:{port}") + r" resolve;", nginx)
          is not None and re.search(r"listen " + port + r";[^}]*location / \{ proxy_pass http://" + re.escape(name) + r";", nginx)
          is not None, f"gateway: listens on {port} and proxies to every container of {name}:{port}")
    check((gateway.get("depends_on") or {}).get(name, {}).get("condition") == "service_healthy",
          f"compose: the gateway waits for {name} to be healthy")
check(re.search(r"upstream reporting-service \{[^}]*ip_hash;", nginx) is not None,
      "gateway: reporting-service is sticky per client (the dashboard's session is in one instance)")
gmounts_gw = {v.split(":")[0]: v.split(":")[1] for v in gateway.get("volumes", []) if isinstance(v, str)}
check(gmounts_gw.get("./ops/gateway/nginx.conf") == "/etc/nginx/nginx.conf", "compose: the gateway mounts its nginx.conf")
setup_partitions = (services.get("kafka-setup", {}).get("environment") or {}).get("TOPIC_PARTITIONS")
for name in app_ports:
    env = services.get(name, {}).get("environment", {})
    check(str(env.get("PLATFORM_TOPICS_PARTITIONS")) == str(setup_partitions) == "12",
          f"compose: {name} and kafka-setup agree on 12 partitions per topic",
          f"{env.get('PLATFORM_TOPICS_PARTITIONS')} / {setup_partitions}")

# Compose mounts what prometheus.yml refers to.
prom_svc = services.get("prometheus", {})
mounts = {v.split(":")[0]: v.split(":")[1] for v in prom_svc.get("volumes", []) if isinstance(v, str)}
check(mounts.get("./ops/prometheus/prometheus.yml") == "/etc/prometheus/prometheus.yml"
      and mounts.get("./ops/prometheus/rules") == "/etc/prometheus/rules",
      "compose: prometheus mounts prometheus.yml and rules/ where the config expects them")

# Alerts: labels, annotations, runbook anchors, unit tests.
def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r"[^\w\- ]", "", s)
    return s.replace(" ", "-")

runbook = open("docs/runbook.md", encoding="utf-8").read() if os.path.isfile("docs/runbook.md") else ""
check(bool(runbook), "docs/runbook.md exists")
anchors = {slug(m) for m in re.findall(r"^#{1,6}\s+(.+?)\s*$", runbook, re.M)}

tests = load(f"{prom_dir}/rules/platform.rules.test.yml")
firing, quiet = set(), set()
for t in tests.get("tests", []):
    for a in t.get("alert_rule_test", []) or []:
        (firing if a.get("exp_alerts") else quiet).add(a["alertname"])

alerts = []
for f in rule_files:
    for group in load(f).get("groups", []):
        for rule in group.get("rules", []):
            if "alert" in rule:
                alerts.append(rule)
check(len(alerts) >= 7, f"rules: {len(alerts)} alerts defined")
for rule in alerts:
    n = rule["alert"]
    ann = rule.get("annotations", {})
    check(rule.get("labels", {}).get("severity") in ("critical", "warning", "info"), f"rules: {n} has a severity label")
    check(bool(ann.get("summary")) and bool(ann.get("description")), f"rules: {n} has summary and description")
    url = ann.get("runbook_url", "")
    m = re.fullmatch(r"docs/runbook\.md#([\w-]+)", url)
    check(bool(m) and m.group(1) in anchors, f"rules: {n} runbook_url {url} points at a runbook section")
    check(n in firing and n in quiet, f"rules: {n} has unit tests where it fires and where it does not",
          f"firing case: {n in firing}, not-firing case: {n in quiet}")

# ------------------------------------------------------------------ Grafana
ds_uids = set()
for f in glob.glob("ops/grafana/provisioning/datasources/*.yml"):
    for ds in load(f).get("datasources", []):
        ds_uids.add(ds.get("uid"))
        check(ds.get("url") == "http://prometheus:9090", f"grafana: datasource {ds.get('name')} points at the compose prometheus")

graf_svc = services.get("grafana", {})
gmounts = {v.split(":")[0]: v.split(":")[1] for v in graf_svc.get("volumes", []) if isinstance(v, str)}
check(gmounts.get("./ops/grafana/provisioning") == "/etc/grafana/provisioning", "compose: grafana mounts the provisioning folder")
dash_paths = set()
for f in glob.glob("ops/grafana/provisioning/dashboards/*.yml"):
    for p in load(f).get("providers", []):
        dash_paths.add(p.get("options", {}).get("path"))
check(gmounts.get("./ops/grafana/dashboards") in dash_paths,
      "compose: grafana mounts ops/grafana/dashboards where the dashboard provider reads",
      f"mount {gmounts.get('./ops/grafana/dashboards')}, provider paths {sorted(map(str, dash_paths))}")

exprs = []
for f in sorted(glob.glob("ops/grafana/dashboards/*.json")):
    dash = json.load(open(f, encoding="utf-8"))
    ids = [p["id"] for p in dash.get("panels", [])]
    check(len(ids) == len(set(ids)), f"grafana: {f} panel ids are unique")
    check(bool(dash.get("uid")), f"grafana: {f} has a uid")
    bad = []
    for p in dash.get("panels", []):
        for t in p.get("targets", []):
            uid = (t.get("datasource") or p.get("datasource") or {}).get("uid")
            if uid not in ds_uids:
                bad.append(p.get("title"))
            exprs.append((f, p.get("title"), t["expr"]))
    check(not bad, f"grafana: {f} panels use a provisioned datasource uid {sorted(map(str, ds_uids))}", f"not: {bad}")

# Dashboard PromQL -> recording rules (Grafana macros replaced) for `promtool check rules`.
macros = {"$__rate_interval": "1m", "$__interval": "1m", "$__range": "1h", "$service": ".*"}
rules = []
for i, (f, title, expr) in enumerate(exprs):
    for k, v in macros.items():
        expr = expr.replace(k, v)
    rules.append({"record": f"dashboard:expr_{i}:check", "expr": expr})
with open(sys.argv[1], "w") as out:
    yaml.safe_dump({"groups": [{"name": "dashboard-promql", "rules": rules}]}, out, sort_keys=False)
print(f"       ({len(rules)} dashboard queries written to {sys.argv[1]} for promtool)")

# ------------------------------------------------------------------ Dockerfile
df = open("Dockerfile", encoding="utf-8").read()
check("FROM eclipse-temurin:17-jre" in df and re.search(r"^FROM eclipse-temurin:17-jdk AS build", df, re.M) is not None,
      "Dockerfile: JDK 17 build stage and JRE 17 runtime stage")
check("mvnw" in df and "-exec.jar" in df, "Dockerfile: builds with the Maven Wrapper and copies the exec jar")
users = re.findall(r"^USER\s+(\S+)", df, re.M)
check(bool(users) and users[-1].split(":")[0] not in ("root", "0"), "Dockerfile: runs as a non-root user")
check("HEALTHCHECK" in df and "/actuator/health/readiness" in df, "Dockerfile: HEALTHCHECK on readiness")
ignore = open(".dockerignore", encoding="utf-8").read() if os.path.isfile(".dockerignore") else ""
check(all(x in ignore for x in ("target/", ".git", ".local-stack/")), ".dockerignore: excludes target/, .git, .local-stack/")

sys.exit(1 if failures else 0)
