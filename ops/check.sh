#!/usr/bin/env bash
# Validates the operations files without a Docker engine. Run from anywhere:
#   bash ops/check.sh                    # compose (and its cluster profile), Keycloak realm, ops scripts, Prometheus, rules +
#                                        # unit tests, Grafana, Dockerfile
#   bash ops/check.sh --metrics FILE     # the same, plus `promtool check metrics < FILE`
#                                        # (FILE: a scrape of /actuator/prometheus, OPERATIONS token)
# Needs: docker-compose (Debian package docker-compose, v1) or `docker compose`, promtool (Debian
# package prometheus), python3 with PyYAML (python3-yaml); node, if present, checks the MongoDB
# scripts' syntax. Called by .ci/run after the test suite. Exits non-zero if any check fails.
set -uo pipefail
cd "$(dirname "$0")/.."

metrics_file=""
while [ $# -gt 0 ]; do
  case "$1" in
    --metrics) metrics_file="${2:-}"; shift 2 || { echo "--metrics needs a FILE" >&2; exit 2; } ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done

failed=0
passed=0
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# run DESCRIPTION COMMAND...: prints ok/FAIL and, on failure, the command's output.
run() {
  local what="$1"; shift
  if "$@" > "$tmp/out" 2>&1; then
    echo "ok   - $what"; passed=$((passed + 1))
  else
    echo "FAIL - $what"; sed 's/^/       /' "$tmp/out"; failed=$((failed + 1))
  fi
}
need() {
  if command -v "$1" > /dev/null 2>&1; then return 0; fi
  echo "FAIL - $1 not found (install: apt-get install -y $2)"; failed=$((failed + 1)); return 1
}

echo "== docker-compose.yml"
if command -v docker-compose > /dev/null 2>&1; then
  run "docker-compose config -q (file parses and resolves: $(docker-compose version --short 2>/dev/null))" \
    docker-compose -f docker-compose.yml config -q
elif docker compose version > /dev/null 2>&1; then
  run "docker compose config -q" docker compose -f docker-compose.yml config -q
else
  need docker-compose docker-compose
fi

echo "== docker-compose.cluster.yml (3 Kafka nodes, 3 MongoDB members, scaled services)"
compose_cmd=""
if command -v docker-compose > /dev/null 2>&1; then compose_cmd="docker-compose";
elif docker compose version > /dev/null 2>&1; then compose_cmd="docker compose"; fi
if [ -n "$compose_cmd" ]; then
  run "$compose_cmd -f docker-compose.yml -f docker-compose.cluster.yml config -q (the merged files resolve)" \
    $compose_cmd -f docker-compose.yml -f docker-compose.cluster.yml config -q
  if $compose_cmd -f docker-compose.yml -f docker-compose.cluster.yml config > "$tmp/cluster.yml" 2> /dev/null; then
    for candidate in python3 /usr/bin/python3; do
      if "$candidate" -c 'import yaml' > /dev/null 2>&1; then
        if "$candidate" ops/check_cluster.py "$tmp/cluster.yml"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
        break
      fi
    done
  fi
fi

echo "== ops scripts"
for f in ops/*.sh ops/*/*.sh; do
  run "$f: bash syntax" bash -n "$f"
done
if command -v node > /dev/null 2>&1; then
  for f in ops/mongo/*.js ops/mongo/*/*.js; do
    run "$f: JavaScript syntax (node --check)" node --check "$f"
  done
else
  echo "skip - node not found: MongoDB scripts' syntax not checked"
fi

echo "== Prometheus (promtool $(promtool --version 2>/dev/null | awk 'NR==1{print $3}'))"
if need promtool prometheus; then
  run "promtool check config ops/prometheus/prometheus.yml (and the rule files it loads)" \
    promtool check config ops/prometheus/prometheus.yml
  run "promtool check rules ops/prometheus/rules/platform.rules.yml" \
    promtool check rules ops/prometheus/rules/platform.rules.yml
  run "promtool test rules ops/prometheus/rules/platform.rules.test.yml (alert rule unit tests)" \
    promtool test rules ops/prometheus/rules/platform.rules.test.yml
fi

echo "== Grafana"
for f in ops/grafana/dashboards/*.json; do
  run "$f is valid JSON" python3 -m json.tool "$f"
done

echo "== Cross-file consistency (files referenced by compose, runbook anchors, tests per alert, ...)"
py=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import yaml' > /dev/null 2>&1; then py="$candidate"; break; fi
done
if [ -z "$py" ]; then
  echo "FAIL - no python3 with PyYAML (install: apt-get install -y python3-yaml)"; failed=$((failed + 1))
else
  if "$py" ops/check_consistency.py "$tmp/dashboard.rules.yml"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  echo "== Keycloak realm (ops/keycloak/shelters-realm.json against the services' roles and claims)"
  if "$py" ops/check_realm.py; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  if [ -s "$tmp/dashboard.rules.yml" ] && command -v promtool > /dev/null 2>&1; then
    run "dashboard PromQL parses (promtool check rules on the dashboard's queries)" \
      promtool check rules "$tmp/dashboard.rules.yml"
  fi
fi

if [ -n "$metrics_file" ]; then
  echo "== Metrics exposition"
  if [ ! -f "$metrics_file" ]; then
    echo "FAIL - metrics file $metrics_file not found"; failed=$((failed + 1))
  elif need promtool prometheus; then
    run "promtool check metrics < $metrics_file" sh -c 'promtool check metrics < "$1"' sh "$metrics_file"
  fi
fi

echo
if [ "$failed" -eq 0 ]; then
  echo "ops/check.sh: all checks passed ($passed groups)"
else
  echo "ops/check.sh: $failed check(s) FAILED, $passed passed"
  exit 1
fi
