// Validates every document of the given Kubernetes manifest files against the Kubernetes OpenAPI schemas
// (kubernetes-models) and, for KEDA ScaledObjects, the KEDA CRD schema (@kubernetes-models/keda). Offline: the
// schemas ship in the packages. Prints one line per document and exits 1 if any document is invalid or unknown.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import yaml from 'js-yaml';

const require = createRequire(import.meta.url);

// apiVersion + kind -> model class (core/apps/policy/... from kubernetes-models, keda.sh from the KEDA package).
async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'keda.sh') {
    return (await import(`@kubernetes-models/keda/keda.sh/${version}`))[kind];
  }
  return require(`kubernetes-models/${group === '' ? version : `${group}/${version}`}/${kind}`)[kind];
}

let failures = 0;
let checked = 0;
for (const file of process.argv.slice(2)) {
  let docs;
  try {
    docs = yaml.loadAll(readFileSync(file, 'utf8')).filter((d) => d != null);
  } catch (e) {
    console.log(`INVALID ${file}: not YAML: ${e.message.split('\n')[0]}`);
    failures++;
    continue;
  }
  for (const doc of docs) {
    const where = `${file}: ${doc.kind ?? '?'} ${doc.metadata?.name ?? '?'}`;
    if (doc.kind === 'Kustomization') {
      continue;
    }
    let Model;
    try {
      Model = await modelFor(doc.apiVersion ?? '', doc.kind ?? '');
      if (typeof Model !== 'function') throw new Error('no model');
    } catch (e) {
      console.log(`INVALID ${where}: unknown apiVersion/kind ${doc.apiVersion} ${doc.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(doc).validate();
      console.log(`ok      ${where}`);
    } catch (e) {
      console.log(`INVALID ${where}: ${e.message}`);
      failures++;
    }
    checked++;
  }
}
console.log(`${checked} documents schema-checked, ${failures} invalid`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
