#!/usr/bin/env python3
"""What a schema cannot see in deploy/k8s: probes on the actuator groups, resources, the API key from a Secret,
selectors that match, and every Service, PodDisruptionBudget and ScaledObject pointing at a Deployment that exists."""
import sys
import yaml

docs = []
for path in sys.argv[1:]:
    with open(path) as f:
        docs += [(path, d) for d in yaml.safe_load_all(f) if d]
errors = []
deployments = {d["metadata"]["name"]: d for _, d in docs if d.get("kind") == "Deployment"}
configmaps = {d["metadata"]["name"] for _, d in docs if d.get("kind") == "ConfigMap"}
secrets = {d["metadata"]["name"] for _, d in docs if d.get("kind") == "Secret"}

def matches(selector, labels):
    return bool(selector) and all(labels.get(k) == v for k, v in selector.items())

for name in ("ingest-service", "enrich-service", "query-service"):
    if name not in deployments:
        errors.append(f"missing Deployment {name}")
for name, d in deployments.items():
    spec = d["spec"]
    labels = spec["template"]["metadata"].get("labels", {})
    if not matches(spec["selector"].get("matchLabels"), labels):
        errors.append(f"Deployment {name}: selector does not match the pod labels")
    for c in spec["template"]["spec"]["containers"]:
        for probe, path in (("livenessProbe", "/actuator/health/liveness"),
                            ("readinessProbe", "/actuator/health/readiness")):
            got = c.get(probe, {}).get("httpGet", {}).get("path")
            if got != path:
                errors.append(f"Deployment {name}: {probe} path is {got}, expected {path}")
        res = c.get("resources", {})
        if not res.get("requests", {}).get("memory") or not res.get("limits", {}).get("memory"):
            errors.append(f"Deployment {name}: memory request and limit are required")
        refs = [r.get("configMapRef", {}).get("name") for r in c.get("envFrom", [])] + \
               [r.get("secretRef", {}).get("name") for r in c.get("envFrom", [])]
        if not any(r in configmaps for r in refs):
            errors.append(f"Deployment {name}: no envFrom ConfigMap defined in these manifests")
        if name == "ingest-service" and not any(r in secrets for r in refs):
            errors.append("Deployment ingest-service: INGEST_API_KEY must come from a Secret (envFrom secretRef)")
        env_names = {e.get("name") for e in c.get("env", [])}
        if "INGEST_API_KEY" in env_names:
            errors.append(f"Deployment {name}: INGEST_API_KEY set inline; use the Secret")
for _, d in docs:
    kind, name = d.get("kind"), d.get("metadata", {}).get("name")
    if kind in ("Service", "PodDisruptionBudget"):
        sel = d["spec"].get("selector", {})
        sel = sel.get("matchLabels", sel) if kind == "PodDisruptionBudget" else sel
        if not any(matches(sel, dep["spec"]["template"]["metadata"].get("labels", {})) for dep in deployments.values()):
            errors.append(f"{kind} {name}: selector matches no Deployment")
    if kind == "ScaledObject":
        target = d["spec"]["scaleTargetRef"].get("name")
        if target not in deployments:
            errors.append(f"ScaledObject {name}: target Deployment {target} not found")
        for t in d["spec"].get("triggers", []):
            md = t.get("metadata", {})
            if t.get("type") == "kafka" and not all(md.get(k) for k in ("bootstrapServers", "consumerGroup", "topic", "lagThreshold")):
                errors.append(f"ScaledObject {name}: kafka trigger needs bootstrapServers, consumerGroup, topic, lagThreshold")
expected = {("enrich-service", "enrich-service", "documents.raw.v1"),
            ("query-service", "query-service-indexer", "documents.enriched.v1")}
found = {(d["spec"]["scaleTargetRef"]["name"], t["metadata"].get("consumerGroup"), t["metadata"].get("topic"))
         for _, d in docs if d.get("kind") == "ScaledObject" for t in d["spec"].get("triggers", [])}
for e in expected - found:
    errors.append(f"missing KEDA kafka scaling for {e}")
for e in errors:
    print("INVALID " + e)
print(f"semantic checks: {len(docs)} documents, {len(errors)} problems")
sys.exit(1 if errors else 0)
