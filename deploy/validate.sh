#!/usr/bin/env bash
# Validates the deployment files: docker-compose.yml (Compose schema, via Debian's docker-compose, no engine
# needed), deploy/k8s (Kubernetes + KEDA OpenAPI schemas via the npm packages in deploy/validate, plus the
# semantic checks in deploy/validate/check-semantics.py), the Prometheus config and alert rules (promtool, with the
# rules' unit tests in deploy/prometheus/alerts-test.yml) and the Grafana dashboard JSON.
# Exits non-zero on the first category that fails. Needs: docker-compose, python3 with PyYAML, node + npm, promtool.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
step() { echo; echo "== $*"; }
fail() { echo "FAILED: $*" >&2; status=1; }

step "docker-compose.yml (Compose schema)"
if command -v docker-compose >/dev/null 2>&1; then
  docker-compose -f docker-compose.yml config -q && echo "ok" || fail "docker-compose config"
else
  fail "docker-compose not installed (Debian: apt-get install -y docker-compose)"
fi

step "deploy/k8s (Kubernetes and KEDA schemas)"
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  if [ ! -d deploy/validate/node_modules ]; then
    (cd deploy/validate && npm ci --no-audit --no-fund --silent) || fail "npm ci in deploy/validate"
  fi
  node deploy/validate/validate-k8s.mjs deploy/k8s/*.yaml || fail "Kubernetes schema validation"
else
  fail "node/npm not installed: cannot schema-check deploy/k8s"
fi

step "deploy/k8s (probes, resources, Secret, selectors, KEDA targets)"
python3 deploy/validate/check-semantics.py deploy/k8s/*.yaml || fail "semantic checks"

step "Prometheus config and alert rules (promtool check, promtool test rules)"
if command -v promtool >/dev/null 2>&1; then
  promtool check config deploy/prometheus/prometheus.yml || fail "promtool check config"
  promtool check rules deploy/prometheus/alerts.yml || fail "promtool check rules"
  (cd deploy/prometheus && promtool test rules alerts-test.yml) || fail "promtool test rules"
else
  fail "promtool not installed (Debian: apt-get install -y --no-install-recommends prometheus)"
fi

step "Prometheus and Grafana files"
python3 - <<'PY' || fail "Prometheus/Grafana files"
import json, glob, sys, yaml
problems = []
prom = yaml.safe_load(open("deploy/prometheus/prometheus.yml"))
targets = {t for job in prom["scrape_configs"] for sc in job.get("static_configs", []) for t in sc["targets"]}
for want in ("ingest-service:8081", "enrich-service:8082", "query-service:8083"):
    if want not in targets:
        problems.append(f"prometheus.yml does not scrape {want}")
for f in glob.glob("deploy/grafana/provisioning/**/*.yml", recursive=True):
    yaml.safe_load(open(f))
dashboards = glob.glob("deploy/grafana/dashboards/*.json")
if not dashboards:
    problems.append("no dashboard in deploy/grafana/dashboards")
for f in dashboards:
    d = json.load(open(f))
    for key in ("uid", "title", "panels"):
        if key not in d:
            problems.append(f"{f}: missing {key}")
    for p in d.get("panels", []):
        for t in p.get("targets", []):
            if not t.get("expr"):
                problems.append(f"{f}: panel '{p.get('title')}' has a target without expr")
            elif t["expr"].count("(") != t["expr"].count(")") or t["expr"].count("{") != t["expr"].count("}"):
                problems.append(f"{f}: panel '{p.get('title')}' has unbalanced brackets")
for p in problems:
    print("INVALID " + p)
print(f"{len(dashboards)} dashboard(s), {len(problems)} problems")
sys.exit(1 if problems else 0)
PY

echo
[ "$status" -eq 0 ] && echo "deploy/validate.sh: all valid" || echo "deploy/validate.sh: FAILED" >&2
exit "$status"
