// Explorer: a plain page over the read API. Everything the API returns is put on the page as text, except the
// highlight fragments, which Elasticsearch's HTML encoder has already escaped apart from the <mark> tags.
'use strict';

const view = document.getElementById('view');
const form = document.getElementById('search-form');

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === 'class') node.className = value;
    else if (key === 'html') node.innerHTML = value;
    else node.setAttribute(key, value);
  }
  for (const child of children.flat()) {
    if (child != null) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// When the read API needs a key (QUERY_REQUIRE_API_KEY), the page asks for it once and keeps it for the tab.
async function api(path, retried = false) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem('apiKey');
  if (key) headers['X-API-Key'] = key;
  const response = await fetch(path, { headers });
  if (response.status === 401 && !retried) {
    const given = window.prompt('This read API needs a key (X-API-Key):');
    if (given) {
      sessionStorage.setItem('apiKey', given.trim());
      return api(path, true);
    }
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || `HTTP ${response.status}`);
  return body;
}

// A date known only to the month or year ("1 year ago" on a copied forum page) is shown as such, after "≈".
function when(iso, precision) {
  if (!iso) return 'undated';
  const date = new Date(iso).toISOString();
  if (precision === 'YEAR') return approximate(date.slice(0, 4), 'known only to the year');
  if (precision === 'MONTH') return approximate(date.slice(0, 7), 'known only to the month');
  return date.slice(0, 10);
}

function approximate(text, meaning) {
  return el('span', { class: 'approximate', title: `approximate date, ${meaning}` }, `≈ ${text}`);
}

function authorName(author) {
  if (!author) return 'unknown';
  if (author.handle) return author.instance ? `${author.handle}@${author.instance}` : author.handle;
  return author.name || 'unknown';
}

function show(...nodes) {
  view.replaceChildren(...nodes);
  view.focus({ preventScroll: true });
}

function failure(error) {
  show(el('p', { class: 'error', role: 'alert' }, `Could not load: ${error.message}`));
}

// ---- search -------------------------------------------------------------------------------------------

async function searchView(params) {
  view.className = '';
  form.q.value = params.get('q') || '';
  form.kind.value = params.get('kind') || '';
  const query = new URLSearchParams(params);
  if (!query.get('q')) query.delete('q');
  if (!query.get('kind')) query.delete('kind');
  const result = await api(`api/v1/search?${query}`);
  const facets = result.facets || {};
  // Above twice query.search.facet-sample matches the counts are estimates (read-api.md): say so, once.
  const sample = facets.sample
    ? el('p', { class: 'sample' }, `Counts estimated from ${facets.sample.documents} of ${facets.sample.matches} results`)
    : null;
  const aside = el('aside', { 'aria-label': 'Facets' },
    sample,
    facetList('Kinds', facets.kinds, v => withParam(params, 'kind', v)),
    facetList('Sources', facets.sources, v => withParam(params, 'source', v)),
    facetList('Languages', facets.languages, v => withParam(params, 'language', v)),
    facetList('Authors', facets.authors, v => withParam(params, 'author', v)),
    ...Object.entries(facets.entities || {}).map(([type, entities]) => entityFacet(type, entities)));
  const hits = el('section', { 'aria-label': 'Results' },
    el('h2', {}, `${result.total} result${result.total === 1 ? '' : 's'}`),
    downloadLinks(query),
    ...result.hits.map(hitCard));
  if (result.cursor) {
    const next = new URLSearchParams(params);
    next.set('cursor', result.cursor);
    hits.append(el('a', { href: `#/search?${next}`, class: 'next' }, 'Next page'));
  }
  show(aside, hits);
}

// "Download results": every document the current filters match, from GET /api/v1/export (no 100 cap). Paging
// and facet parameters are not filters, so they stay behind.
function exportPath(query, format) {
  const filters = new URLSearchParams(query);
  for (const key of ['cursor', 'size', 'sort', 'interval']) filters.delete(key);
  filters.set('format', format);
  return `api/v1/export?${filters}`;
}

function downloadLinks(query) {
  const link = (format, label) => {
    const a = el('a', { href: exportPath(query, format), download: '', class: 'download', 'data-format': format }, label);
    // A link cannot send X-API-Key; with a key, the file is fetched with it and saved from memory instead.
    a.addEventListener('click', async event => {
      const key = sessionStorage.getItem('apiKey');
      if (!key) return;
      event.preventDefault();
      const response = await fetch(a.getAttribute('href'), { headers: { 'X-API-Key': key } });
      if (!response.ok) return failure(new Error(`HTTP ${response.status}`));
      const disposition = response.headers.get('Content-Disposition') || '';
      const name = (disposition.match(/filename="([^"]+)"/) || [])[1] || `documents.${format}`;
      const url = URL.createObjectURL(await response.blob());
      const save = el('a', { href: url, download: name });
      document.body.append(save);
      save.click();
      save.remove();
      URL.revokeObjectURL(url);
    });
    return a;
  };
  return el('p', { class: 'downloads' }, 'Download results: ', link('csv', 'CSV'), ' · ', link('ndjson', 'NDJSON'));
}

function withParam(params, key, value) {
  const next = new URLSearchParams(params);
  next.delete('cursor');
  next.set(key, value);
  return `#/search?${next}`;
}

function facetList(title, counts, link) {
  if (!counts || counts.length === 0) return null;
  return el('div', {}, el('h2', {}, title), el('ul', {},
    counts.map(c => el('li', {}, el('a', { href: link(c.value) }, c.value), el('span', { class: 'count' }, c.count)))));
}

function entityFacet(type, entities) {
  return el('div', {}, el('h2', {}, type.charAt(0) + type.slice(1).toLowerCase()), el('ul', { class: 'entity-facet' },
    entities.map(e => el('li', {}, el('a', { href: `#/entity/${encodeURIComponent(e.id)}`, 'data-entity': e.id }, e.name),
      el('span', { class: 'count' }, e.count)))));
}

function hitCard(hit) {
  const rootId = hit.thread && hit.thread.rootId ? hit.thread.rootId : hit.id;
  const title = hit.title || (hit.kind === 'COMMENT' ? `Comment by ${authorName(hit.author)}` : hit.kind);
  const fragments = (hit.highlight && (hit.highlight.text || hit.highlight.title)) || [];
  return el('article', { class: 'hit', 'data-id': hit.id },
    el('h3', {}, el('a', { href: `#/thread/${encodeURIComponent(rootId)}` }, title)),
    el('div', { class: 'meta' }, el('span', { class: 'badge' }, hit.kind), ' ', authorName(hit.author), ' · ',
      when(hit.publishedAt, hit.publishedAtPrecision), hit.source ? ` · ${hit.source}` : ''),
    ...fragments.map(f => el('p', { class: 'fragment', html: f })));
}

// ---- entity -------------------------------------------------------------------------------------------

async function entityView(id) {
  view.className = 'single';
  const entity = await api(`api/v1/entities/${encodeURIComponent(id)}`);
  show(el('section', { 'aria-label': 'Entity' },
    el('h2', { class: 'entity-name' }, entity.name),
    el('p', { class: 'meta' }, `${entity.type} · ${entity.mentions} mentions in ${entity.documentCount} documents`,
      entity.id.startsWith('Q') ? ' · ' : '',
      entity.id.startsWith('Q') ? el('a', { href: `https://www.wikidata.org/wiki/${entity.id}`, rel: 'noopener' }, entity.id) : ''),
    el('h2', {}, 'Mentions per week'), chart(entity.mentionsPerWeek),
    el('h2', {}, 'Appears with'),
    el('ul', { class: 'chips' }, entity.cooccurring.map(c =>
      el('li', {}, el('a', { href: `#/entity/${encodeURIComponent(c.id)}` }, `${c.name} (${c.documents})`)))),
    entity.cooccurringSampled ? el('p', { class: 'meta cooccurring-sampled' },
      `Counted over a sample of ${entity.cooccurringDocuments} of its ${entity.documentCount} documents.`) : null,
    el('h2', {}, 'Documents'),
    el('ul', { class: 'entity-documents' }, entity.documents.map(d =>
      el('li', { 'data-kind': d.kind }, el('a', { href: `#/thread/${encodeURIComponent((d.thread && d.thread.rootId) || d.id)}` },
        d.title || `${d.kind.toLowerCase()} by ${authorName(d.author)}`), ' · ', when(d.publishedAt, d.publishedAtPrecision))))),
    entity.approximateDatesLeftOut ? el('p', { class: 'meta approximate-left-out' },
      `${entity.approximateDatesLeftOut} document${entity.approximateDatesLeftOut === 1 ? '' : 's'} dated only to the month or year ${entity.approximateDatesLeftOut === 1 ? 'is' : 'are'} not in the weekly chart.`) : null);
}

function chart(points) {
  if (points.length === 0) return el('p', { class: 'meta' }, 'No dated mentions yet.');
  const width = 640, height = 160, pad = 24;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'chart');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Mentions per week: ${points.map(p => `${when(p.date)} ${p.mentions}`).join(', ')}`);
  const max = Math.max(1, ...points.map(p => p.mentions));
  const barWidth = Math.max(4, Math.min(40, (width - 2 * pad) / Math.max(1, points.length) - 4));
  points.forEach((p, i) => {
    const h = (height - 2 * pad) * p.mentions / max;
    const rect = document.createElementNS(svg.namespaceURI, 'rect');
    rect.setAttribute('x', pad + i * (barWidth + 4));
    rect.setAttribute('y', height - pad - h);
    rect.setAttribute('width', barWidth);
    rect.setAttribute('height', h);
    const label = document.createElementNS(svg.namespaceURI, 'title');
    label.textContent = `${when(p.date)}: ${p.mentions}`;
    rect.append(label);
    svg.append(rect);
  });
  return svg;
}

// ---- thread -------------------------------------------------------------------------------------------

async function threadView(rootId) {
  view.className = 'single';
  let thread;
  try {
    thread = await api(`api/v1/threads/${encodeURIComponent(rootId)}`);
  } catch (error) {
    // Before threading is available, show the document itself.
    const doc = await api(`api/v1/documents/${encodeURIComponent(rootId)}`);
    thread = { root: { ...doc, excerpt: (doc.text || '').slice(0, 400), children: [] } };
  }
  const parts = [el('h2', {}, 'Thread')];
  if (thread.speech) {
    parts.push(el('p', { class: 'discusses' }, 'Discusses: ',
      el('a', { href: `#/thread/${encodeURIComponent(thread.speech.id)}` }, thread.speech.title || 'a speech')));
  }
  parts.push(el('ul', { class: 'tree', role: 'tree' }, treeNode(thread.root)));
  show(el('section', { 'aria-label': 'Thread' }, ...parts));
}

function treeNode(node) {
  const entities = node.entities || [];
  return el('li', { role: 'treeitem', 'data-id': node.id },
    el('div', { class: 'node' },
      el('div', { class: 'meta' }, el('span', { class: 'badge' }, node.kind), ' ', authorName(node.author), ' · ',
        when(node.publishedAt, node.publishedAtPrecision)),
      node.title ? el('strong', {}, node.title) : null,
      el('p', {}, node.excerpt || ''),
      entities.length ? el('ul', { class: 'chips' }, entities.map(e =>
        el('li', {}, el('a', { href: `#/entity/${encodeURIComponent(e.id)}` }, e.name)))) : null),
    (node.children && node.children.length) ? el('ul', { role: 'group' }, node.children.map(treeNode)) : null);
}

// ---- routing ------------------------------------------------------------------------------------------

async function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  try {
    if (hash.startsWith('entity/')) await entityView(decodeURIComponent(hash.slice(7)));
    else if (hash.startsWith('thread/')) await threadView(decodeURIComponent(hash.slice(7)));
    else await searchView(new URLSearchParams(hash.startsWith('search?') ? hash.slice(7) : ''));
  } catch (error) {
    failure(error);
  }
}

form.addEventListener('submit', event => {
  event.preventDefault();
  const params = new URLSearchParams();
  if (form.q.value.trim()) params.set('q', form.q.value.trim());
  if (form.kind.value) params.set('kind', form.kind.value);
  location.hash = `#/search?${params}`;
});
window.addEventListener('hashchange', route);
route();
