// Aperture's web view: a single-page app over the API of `aperture serve`
// (docs/openapi.yaml). Routes: / (the catalog), /release/ID, /compare?ids=a,b,
// /analyze. No framework, no build step, nothing loaded from elsewhere.
//
// Everything shown comes from the API and is treated as untrusted text: the
// DOM is built with createElement/textContent only (never innerHTML), and a
// URL becomes a link only when it is an absolute http(s) URL.

const DISCLAIMER = 'Aperture gives information, not legal advice.';

// The five states, their words and colours: src/aperture/report/verdict_labels.cpp.
const STATES = {
  open: { label: 'open', fill: '#1a7f37', ink: '#ffffff', symbol: '✓' },
  restricted: { label: 'restricted', fill: '#e3b341', ink: '#1f2328', symbol: '◐' },
  unlicensed: { label: 'unlicensed', fill: '#e16f24', ink: '#1f2328', symbol: '!' },
  closed: { label: 'closed', fill: '#cf222e', ink: '#ffffff', symbol: '✕' },
  unknown: { label: 'unknown', fill: '#d0d7de', ink: '#1f2328', symbol: '?' },
};
const STATE_ORDER = ['open', 'restricted', 'unlicensed', 'closed', 'unknown'];

// The 19 components in their six layers (report::component_layers()).
const LAYERS = [
  { id: 'code', title: 'Code', kinds: [
    ['model-architecture', 'Model architecture', 'Arch'],
    ['data-preprocessing-code', 'Data preprocessing code', 'Prep'],
    ['training-code', 'Training code', 'Train'],
    ['inference-code', 'Inference code', 'Infer'],
    ['evaluation-code', 'Evaluation code', 'Eval'],
    ['supporting-libraries', 'Supporting libraries and tools', 'Libs']] },
  { id: 'weights', title: 'Weights', kinds: [
    ['model-parameters-final', 'Model parameters (Final)', 'Final'],
    ['model-parameters-intermediate', 'Model parameters (Intermediate)', 'Ckpt'],
    ['model-metadata', 'Model metadata', 'Meta']] },
  { id: 'data', title: 'Data', kinds: [
    ['datasets', 'Datasets', 'Sets'],
    ['evaluation-data', 'Evaluation data', 'EvD'],
    ['sample-outputs', 'Sample model outputs', 'Out']] },
  { id: 'documentation', title: 'Documentation', kinds: [
    ['model-card', 'Model card', 'MC'],
    ['data-card', 'Data card', 'DC'],
    ['technical-report', 'Technical report', 'TR'],
    ['research-paper', 'Research paper', 'RP'],
    ['evaluation-results', 'Evaluation results', 'ER']] },
  { id: 'safety-tooling', title: 'Safety', kinds: [['safety-tooling', 'Safety tooling', 'Safe']] },
  { id: 'deployment', title: 'Deploy', kinds: [['deployment', 'Deployment and API', 'API']] },
];
const COMPONENTS = LAYERS.flatMap((l) => l.kinds.map(([kind, name, short]) => ({ kind, name, short, layer: l.id })));
const COMPONENT_NAME = Object.fromEntries(COMPONENTS.map((c) => [c.kind, c.name]));

const SPECTRUM_LABELS = ['API only', 'API with published documentation', 'open weights under restrictive terms',
                         'open weights and code, data closed', 'fully open'];
const MOF_LABELS = { 1: 'Class I - Open Science', 2: 'Class II - Open Tooling', 3: 'Class III - Open Model' };
const MOF_NAMES = { 'class-i': 'Class I', 'class-ii': 'Class II', 'class-iii': 'Class III', none: 'none' };

// Filter values of GET /api/releases.
const FILTER_CHOICES = {
  level: [['1', '1 · API only'], ['2', '2 · API + docs'], ['3', '3 · restricted weights'],
          ['4', '4 · open weights'], ['5', '5 · fully open']],
  commercial: [['allowed', 'allowed'], ['restricted', 'restricted'], ['forbidden', 'forbidden'], ['unknown', 'unknown']],
  osd: [['pass', 'pass'], ['fail', 'fail'], ['unknown', 'unknown']],
  osaid: [['pass', 'pass'], ['fail', 'fail'], ['unknown', 'unknown']],
  mof: [['class-i', 'Class I'], ['class-ii', 'Class II'], ['class-iii', 'Class III'], ['none', 'none']],
  open_washing: [['true', 'flagged'], ['false', 'not flagged']],
};
const PER_PAGE = 50;
const MAX_ANALYZE_BYTES = 1024 * 1024;

// ---- small helpers ----------------------------------------------------------

// h('a', {href: u, class: 'x'}, 'text', child…): an element; strings become text nodes.
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

// An absolute http(s) URL, or null: anything else (javascript:, data:, relative) stays text.
function safeUrl(url) {
  if (typeof url !== 'string') return null;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
function externalLink(url, text) {
  const href = safeUrl(url);
  return href ? h('a', { href, rel: 'noopener noreferrer nofollow', target: '_blank', class: 'ext' }, text ?? url)
              : h('span', { class: 'place' }, text ?? String(url ?? ''));
}
function appLink(path, text, attrs = {}) {
  return h('a', { href: path, 'data-link': '', ...attrs }, text);
}

function stateOf(value) {
  return STATES[value] ? value : 'unknown';
}
function badge(state, text, extra = {}) {
  const s = stateOf(state);
  return h('span', { class: `badge s-${s}`, 'data-state': s, ...extra }, text ?? STATES[s].label);
}
const outcomeTone = (o) => ({ pass: 'open', fail: 'closed' }[o] ?? 'unknown');
const outcomeWord = (o) => ({ pass: 'yes', fail: 'no', 'not applicable': 'n/a', not_applicable: 'n/a' }[o] ?? 'unknown');
const commercialTone = (c) => ({ allowed: 'open', restricted: 'restricted', forbidden: 'closed' }[c] ?? 'unknown');
const ratingTone = (r) => ({ open: 'open', partial: 'restricted', closed: 'closed' }[r] ?? 'unknown');
const severityTone = (s) => ({ error: 'closed', warning: 'restricted' }[s] ?? 'unknown');
function levelTone(level) {
  if (level === null || level === undefined) return 'unknown';
  return { 5: 'open', 4: 'restricted', 3: 'unlicensed' }[level] ?? 'closed';
}
function mofTone(mof) {
  return { 'class-i': 'open', 'class-ii': 'open', 'class-iii': 'restricted', 1: 'open', 2: 'open', 3: 'restricted' }[mof] ?? 'closed';
}
const osaiTone = (score) => (score >= 2 / 3 ? 'open' : score >= 1 / 3 ? 'restricted' : 'closed');
const pct = (x) => `${Math.round((x ?? 0) * 100)}%`;
const words = (key) => String(key).replace(/[_-]+/g, ' ');

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// GET or POST an API route; the JSON answer, or an ApiError with the server's {"error": …}.
async function api(path, init = {}) {
  let res;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, ...init });
  } catch (e) {
    throw new ApiError(0, `the server could not be reached (${e.message})`);
  }
  let body = null;
  try {
    body = await res.json();
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body?.error ?? `${res.status} ${res.statusText}`);
  if (body === null) throw new ApiError(res.status, 'the server answered something other than JSON');
  return body;
}

function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e instanceof ApiError && e.status === 404 ? `Not found: ${e.message}` : `Error: ${e.message}`);
}

// ---- evidence ----------------------------------------------------------------

// One evidence object (scan JSON: file, line, url, quote, checked; criterion
// evidence: license, term, clause, quote, url) as one list item.
function evidenceItem(e) {
  if (typeof e === 'string') return h('li', {}, e);
  const parts = [];
  if (e.file) parts.push(h('span', { class: 'place' }, e.line ? `${e.file}:${e.line}` : e.file));
  if (e.license) parts.push(h('code', {}, e.license));
  if (e.term) parts.push(h('span', { class: 'muted' }, words(e.term)));
  if (e.clause) parts.push(h('span', { class: 'place' }, /[:/]/.test(e.clause) ? e.clause : `§${e.clause}`));
  if (e.quote) parts.push(h('q', {}, e.quote));
  if (e.url) parts.push(externalLink(e.url));
  if (e.checked) parts.push(h('span', { class: 'muted' }, `checked ${e.checked}`));
  const li = h('li', { class: 'ev' });
  parts.forEach((p, i) => append(li, [i ? ' · ' : '', p]));
  return li;
}
function evidenceList(list) {
  const items = Array.isArray(list) ? list : list ? [list] : [];
  if (!items.length) return h('span', { class: 'muted' }, 'no evidence recorded');
  if (items.length <= 3) return h('ul', { class: 'evidence' }, items.map(evidenceItem));
  // Long lists (a use policy's every clause) keep two in view and fold the rest.
  return h('div', { class: 'evidence-group' }, h('ul', { class: 'evidence' }, items.slice(0, 2).map(evidenceItem)),
    h('details', { class: 'more-evidence' }, h('summary', {}, `${items.length - 2} more`), h('ul', { class: 'evidence' }, items.slice(2).map(evidenceItem))));
}

// ---- charts: inline SVG, after src/aperture/report/openness_chart.cpp -------------

const SVG_NS = 'http://www.w3.org/2000/svg';
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
const WIDTH = 960;
const GAP = 4;

function s(tag, attrs = {}, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat()) if (c !== undefined && c !== null) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}
const num = (v) => String(Math.round(v * 10) / 10);

function wrap(text, width) {
  const lines = [];
  let line = '';
  for (const word of String(text).split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = '';
    }
    line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
function svgRoot(height, label, cls = 'chart', width = WIDTH) {
  return s('svg', { xmlns: SVG_NS, class: cls, viewBox: `0 0 ${num(width)} ${num(height)}`, width: num(width),
                    height: num(height), role: 'img', 'aria-label': label, 'font-family': FONT });
}
function svgText(x, y, content, size, cls, extra = {}) {
  return s('text', { x: num(x), y: num(y), 'font-size': num(size), class: cls, fill: cls === 'm' ? '#59636e' : '#1f2328', ...extra }, content);
}
function svgRect(b, state, extra = {}) {
  const st = STATES[stateOf(state)];
  const dashed = stateOf(state) === 'unknown' ? { stroke: '#8c959f', 'stroke-dasharray': '4 3' } : {};
  return s('rect', { x: num(b.x), y: num(b.y), width: num(b.w), height: num(b.h), rx: 5, fill: st.fill, ...dashed, ...extra });
}
function mark(data, b, state, lines, title, size) {
  const st = stateOf(state);
  const g = s('g', { class: 'mark', ...data, 'data-state': st }, s('title', {}, title), svgRect(b, st));
  const lh = size * 1.2;
  const top = b.y + (b.h - lh * lines.length) / 2 + size;
  lines.forEach((line, i) => {
    g.append(s('text', { x: num(b.x + b.w / 2), y: num(top + lh * i), 'font-size': num(size), fill: STATES[st].ink,
                         'text-anchor': 'middle', 'font-weight': i + 1 === lines.length ? 600 : null }, line));
  });
  return g;
}

const COLUMN_WIDTH = (WIDTH - 5 * GAP) / 6;
const TILE_HEIGHT = 52;
const TILES_TOP = 44;

// The 19 components in six columns, each tile coloured by its state.
function componentChart(components) {
  const byKind = new Map((components ?? []).map((c) => [c.kind, c]));
  const rows = Math.max(...LAYERS.map((l) => l.kinds.length));
  const svg = svgRoot(TILES_TOP + rows * (TILE_HEIGHT + GAP + 2), 'Openness of each component, by layer');
  LAYERS.forEach((layer, col) => {
    const x = col * (COLUMN_WIDTH + GAP);
    let open = 0;
    layer.kinds.forEach(([kind, name], i) => {
      const c = byKind.get(kind) ?? { state: 'unknown' };
      const st = stateOf(c.state);
      if (st === 'open') open += 1;
      const b = { x, y: TILES_TOP + i * (TILE_HEIGHT + GAP + 2), w: COLUMN_WIDTH, h: TILE_HEIGHT };
      let title = `${name}: ${st}`;
      if (c.license) title += ` · ${c.license}`;
      if (c.reason) title += ` · ${c.reason}`;
      svg.append(mark({ 'data-component': kind, 'data-layer': layer.id }, b, st, [...wrap(name, 22), st], title, 11.5));
    });
    svg.append(svgText(x + 2, 17, layer.title === 'Safety' ? 'Safety tooling' : layer.title === 'Deploy' ? 'Deployment' : layer.title,
                       14, 't', { 'font-weight': 700 }),
               svgText(x + 2, 34, `${open} of ${layer.kinds.length} open`, 11.5, 'm'));
  });
  return svg;
}

const LABEL_WIDTH = 200;
const PLOT_X = LABEL_WIDTH + 10;
const PLOT_WIDTH = WIDTH - PLOT_X;

function rowLabel(svg, y, name, value) {
  svg.append(svgText(0, y + 15, name, 13.5, 't', { 'font-weight': 700 }), svgText(0, y + 32, value, 12, 'm'));
}
function cell(y, index, perRow, height) {
  const w = (PLOT_WIDTH - GAP * (perRow - 1)) / perRow;
  return { x: PLOT_X + (index % perRow) * (w + GAP), y: y + Math.floor(index / perRow) * (height + GAP), w, h: height };
}
const OSAID_SHORT = { 'osaid-data-information': 'Data information', 'osaid-code': 'Code',
                      'osaid-parameters': 'Parameters', 'osaid-freedoms': 'Freedoms' };

// The frameworks, one row each: OSD, OSAID's four requirements, MOF classes
// III–I with their progress, the OSAI index's twelve parameters, the spectrum.
function frameworkChart(verdicts) {
  const v = verdicts ?? {};
  const rows = [];
  let y = 2;
  const osd = v.osd ?? {};
  rows.push((svg) => {
    const failing = (osd.failing ?? []).filter((c) => c.outcome === 'fail').map((c) => c.id).join(', ');
    const value = outcomeWord(osd.outcome);
    rowLabel(svg, 2, 'OSD', value);
    svg.append(mark({ 'data-framework': 'osd', 'data-item': 'osd' }, { x: PLOT_X, y: 2, w: PLOT_WIDTH, h: 36 },
                    outcomeTone(osd.outcome), [failing ? `${value}: fails ${failing}` : value],
                    osd.reason || `Open Source Definition: ${value}`, 12.5));
  });
  y += 48;
  const osaid = v.osaid ?? { requirements: [] };
  const osaidY = y;
  rows.push((svg) => {
    rowLabel(svg, osaidY, 'OSAID 1.0', outcomeWord(osaid.outcome));
    const reqs = osaid.requirements ?? [];
    reqs.forEach((c, i) => {
      svg.append(mark({ 'data-framework': 'osaid', 'data-item': c.id }, cell(osaidY, i, Math.max(reqs.length, 1), 36),
                      outcomeTone(c.outcome), [OSAID_SHORT[c.id] ?? c.id, outcomeWord(c.outcome)],
                      `${c.name}: ${outcomeWord(c.outcome)} · ${c.reason ?? ''}`, 11.5));
    });
  });
  y += 48;
  const mof = v.mof_class ?? { classes: [] };
  for (const cls of [3, 2, 1]) {
    const my = y;
    rows.push((svg) => {
      const r = (mof.classes ?? []).find((c) => c.class === cls) ?? { met: false, progress: 0, missing: [] };
      const label = MOF_LABELS[cls];
      const [short, name] = label.split(' - ');
      rowLabel(svg, my, `MOF ${short}`, name);
      const state = r.met ? 'open' : 'restricted';
      const progress = Math.min(100, Math.max(0, r.progress ?? 0));
      const fill = PLOT_WIDTH * progress / 100;
      const value = r.met ? 'met' : `${Math.round(progress)}% of required components`;
      const missing = (r.missing ?? []).map((k) => COMPONENT_NAME[k] ?? k).join(', ');
      const g = s('g', { class: 'mark', 'data-framework': 'mof', 'data-item': `class-${cls}`, 'data-state': state,
                         'data-progress': progress.toFixed(1) },
                  s('title', {}, `${label}: ${progress.toFixed(1)}%${missing ? `; missing ${missing}` : ''}`),
                  s('rect', { x: PLOT_X, y: my + 4, width: num(PLOT_WIDTH), height: 26, rx: 5, class: 'track', fill: '#eaeef2' }));
      if (fill > 0) g.append(svgRect({ x: PLOT_X, y: my + 4, w: fill, h: 26 }, state));
      g.append(fill > 200 ? s('text', { x: PLOT_X + 8, y: my + 22, 'font-size': 12, 'font-weight': 600, fill: STATES[state].ink }, value)
                          : svgText(PLOT_X + 8, my + 22, value, 12, 't', { 'font-weight': 600 }));
      svg.append(g);
    });
    y += 40;
  }
  y += 8;
  const osai = v.osai ?? { score: 0, parameters: [] };
  const osaiY = y;
  rows.push((svg) => {
    rowLabel(svg, osaiY, 'OSAI index', `${pct(osai.score)} · 12 parameters`);
    (osai.parameters ?? []).forEach((p, i) => {
      svg.append(mark({ 'data-framework': 'osai', 'data-item': p.parameter }, cell(osaiY, i, 6, 44), ratingTone(p.rating),
                      [...wrap(p.name ?? p.parameter, 19), p.rating], `${p.name}: ${p.rating} · ${p.reason ?? ''}`, 10.5));
    });
  });
  y += 2 * (44 + GAP) + 12;
  const sp = v.spectrum ?? {};
  const spY = y;
  rows.push((svg) => {
    const ceiling = sp.ceiling ?? 5;
    let value = sp.level ? `level ${sp.level} of 5` : 'unknown';
    if (ceiling < 5) value += ` · capped at ${ceiling}`;
    rowLabel(svg, spY, 'Spectrum', value);
    for (let level = 1; level <= 5; level += 1) {
      const reached = sp.level && level <= sp.level;
      const b = cell(spY, level - 1, 5, 44);
      let title = `Level ${level}: ${SPECTRUM_LABELS[level - 1]}`;
      if (sp.level === level) title += ` (this release: ${sp.reason ?? ''})`;
      else if (level > ceiling) title += ' (the terms do not allow it)';
      svg.append(mark({ 'data-framework': 'spectrum', 'data-item': `level-${level}` }, b,
                      reached ? levelTone(sp.level) : 'unknown', [...wrap(SPECTRUM_LABELS[level - 1], 24), `level ${level}`], title, 10.5));
      if (sp.level === level) {
        svg.append(s('rect', { x: num(b.x - 1.5), y: num(b.y - 1.5), width: num(b.w + 3), height: num(b.h + 3), rx: 6,
                               fill: 'none', stroke: '#1f2328', 'stroke-width': 3, class: 'outline' }));
      }
    }
  });
  y += 48;
  const svg = svgRoot(y, 'Verdict of each framework');
  for (const draw of rows) draw(svg);
  return svg;
}

function stateLegend() {
  const svg = svgRoot(24, 'Legend', 'legend', 600);
  STATE_ORDER.forEach((st, i) => {
    svg.append(svgRect({ x: i * 120, y: 4, w: 16, h: 16 }, st), svgText(i * 120 + 22, 17, st, 12.5, 't'));
  });
  return svg;
}

// ---- the router ----------------------------------------------------------------

const main = () => document.getElementById('main');
let renderToken = 0;

function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  route();
}

function setPage(title, nav, narrow = false) {
  document.title = title ? `${title} · Aperture` : 'Aperture';
  for (const a of document.querySelectorAll('header.top a[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const m = main();
  m.replaceChildren();
  m.className = narrow ? 'narrow' : '';
  return m;
}

async function route({ focus = true } = {}) {
  const token = ++renderToken;
  const { pathname, searchParams } = new URL(location.href);
  const stale = () => token !== renderToken;
  try {
    let m = pathname.match(/^\/release\/([^/]+)\/?$/);
    if (m) await releaseView(decodeURIComponent(m[1]), stale);
    else if (/^\/compare\/?$/.test(pathname)) await compareView(searchParams, stale);
    else if (/^\/analyze\/?$/.test(pathname)) analyzeView();
    else if (pathname === '/' || pathname === '/index.html') await catalogView(searchParams, stale);
    else {
      const page = setPage('Not found', null, true);
      page.append(h('h1', {}, 'Not found'), h('p', {}, 'No page here. ', appLink('/', 'Back to the catalog'), '.'));
    }
  } catch (e) {
    if (stale()) return;
    const page = setPage('Error', null, true);
    page.append(h('h1', {}, 'Something went wrong'), errorBox(e), h('p', {}, appLink('/', 'Back to the catalog')));
  }
  if (focus && !stale()) {
    const heading = main().querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
}

document.addEventListener('click', (event) => {
  const a = event.target.closest?.('a[href]');
  if (!a || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (a.target === '_blank' || a.hasAttribute('download')) return;
  const url = new URL(a.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.hash && url.pathname === location.pathname && url.search === location.search) return;
  event.preventDefault();
  navigate(url.pathname + url.search);
  window.scrollTo(0, 0);
});
window.addEventListener('popstate', () => route());

// ---- the catalog -----------------------------------------------------------------

let selected = new Set();  // ids picked for comparison, kept across filters

function componentCell(kind, state) {
  const st = stateOf(state);
  const name = COMPONENT_NAME[kind] ?? kind;
  return h('td', { class: `comp s-${st}`, 'data-component': kind, 'data-state': st, title: `${name}: ${st}` },
           h('span', { 'aria-hidden': 'true' }, STATES[st].symbol), h('span', { class: 'sr' }, st));
}

function summaryRow(r, onToggle) {
  const checkbox = h('input', { type: 'checkbox', class: 'pick', value: r.id, 'aria-label': `Select ${r.name || r.id} for comparison`,
                                checked: selected.has(r.id) });
  checkbox.addEventListener('change', () => {
    if (checkbox.checked) selected.add(r.id);
    else selected.delete(r.id);
    onToggle();
  });
  const level = r.level ?? null;
  const tr = h('tr', { 'data-id': r.id },
    h('td', {}, checkbox),
    h('th', { scope: 'row', class: 'name' },
      appLink(`/release/${encodeURIComponent(r.id)}`, r.name || r.id),
      h('div', { class: 'detail' }, h('code', { class: 'id' }, r.id), r.publisher ? ` · ${r.publisher}` : ''),
      r.open_washing ? [' ', h('span', { class: 'flag', title: 'calls itself open source but its license fails the Open Source Definition' }, '⚠ open-washing')] : null,
      r.source === 'submitted' ? [' ', h('span', { class: 'muted' }, '(submitted)')] : null),
    h('td', { class: 'licenses' }, (r.licenses ?? []).length ? (r.licenses ?? []).map((l, i) => [i ? ', ' : '', h('code', {}, l)]) : h('span', { class: 'muted' }, 'none found')),
    h('td', { class: 'level', 'data-level': level ?? '' }, badge(levelTone(level), level ?? '?', { title: r.level_label ?? 'unknown' })),
    h('td', { class: 'commercial', 'data-commercial': r.commercial }, badge(commercialTone(r.commercial), r.commercial ?? 'unknown')),
    h('td', { class: 'osd', 'data-osd': r.osd }, badge(outcomeTone(r.osd), outcomeWord(r.osd))),
    h('td', { class: 'osaid', 'data-osaid': r.osaid }, badge(outcomeTone(r.osaid), outcomeWord(r.osaid))),
    h('td', { class: 'mof', 'data-mof': r.mof }, badge(mofTone(r.mof), MOF_NAMES[r.mof] ?? r.mof ?? 'none')));
  for (const c of COMPONENTS) tr.append(componentCell(c.kind, r.components?.[c.kind]));
  return tr;
}

function filterControl(name, label, params) {
  const id = `f-${name}`;
  const select = h('select', { id, name },
    h('option', { value: '' }, 'any'),
    FILTER_CHOICES[name].map(([value, text]) => h('option', { value, selected: params.get(name) === value }, text)));
  return h('div', { class: 'field' }, h('label', { for: id }, label), select);
}

async function catalogView(params, stale) {
  const page = setPage('Catalog', 'catalog');
  // The server sorts names and ids A→Z and levels most open first (docs/openapi.yaml).
  const sort = ['id', 'name', 'level'].includes(params.get('sort')) ? params.get('sort') : 'name';
  const pageNo = Math.max(1, Number(params.get('page')) || 1);

  const query = new URLSearchParams();
  for (const key of ['q', 'license', 'level', 'commercial', 'osd', 'osaid', 'mof', 'open_washing']) {
    if (params.get(key)) query.set(key, params.get(key));
  }
  query.set('sort', sort);
  query.set('page', String(pageNo));
  query.set('per_page', String(PER_PAGE));

  // The page's own URL keeps the filters, the sort and the page, so it can be bookmarked.
  const go = (changes) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v === '' || v === null || v === undefined) next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in changes)) next.delete('page');
    const qs = next.toString();
    navigate(qs ? `/?${qs}` : '/');
  };

  const licenseInput = h('input', { id: 'f-license', name: 'license', type: 'text', list: 'license-ids', value: params.get('license') ?? '',
                                    placeholder: 'e.g. Apache-2.0', size: 22, autocomplete: 'off', spellcheck: 'false' });
  const qInput = h('input', { id: 'f-q', name: 'q', type: 'search', value: params.get('q') ?? '', placeholder: 'name or id', size: 18 });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter the releases' },
    h('div', { class: 'field' }, h('label', { for: 'f-q' }, 'Search'), qInput),
    h('div', { class: 'field' }, h('label', { for: 'f-license' }, 'License'), licenseInput, h('datalist', { id: 'license-ids' })),
    filterControl('level', 'Spectrum level', params),
    filterControl('commercial', 'Commercial use', params),
    filterControl('osd', 'OSD', params),
    filterControl('osaid', 'OSAID 1.0', params),
    filterControl('mof', 'MOF class', params),
    filterControl('open_washing', 'Open-washing', params),
    h('div', { class: 'field' }, h('button', { type: 'submit' }, 'Apply')),
    h('div', { class: 'field' }, h('button', { type: 'button', id: 'clear-filters', onclick: () => navigate('/') }, 'Clear filters')));
  form.addEventListener('change', (e) => {
    if (e.target.tagName === 'SELECT') go({ [e.target.name]: e.target.value });
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go({ q: qInput.value.trim(), license: licenseInput.value.trim(),
         ...Object.fromEntries([...form.querySelectorAll('select')].map((sel) => [sel.name, sel.value])) });
  });

  const compareButton = h('button', { type: 'button', id: 'compare-selected', class: 'primary', disabled: true }, 'Compare selected');
  const updateCompare = () => {
    const n = selected.size;
    compareButton.disabled = n < 2 || n > 8;
    compareButton.textContent = n ? `Compare selected (${n})` : 'Compare selected';
    compareButton.title = n > 8 ? 'pick two to eight releases' : n < 2 ? 'select two releases in the table' : '';
  };
  compareButton.addEventListener('click', () => navigate(`/compare?ids=${[...selected].map(encodeURIComponent).join(',')}`));
  updateCompare();

  // A column header with sort buttons (the Release column sorts by name or by id).
  const sortButton = (key, label) => h('button', { type: 'button', class: `sort${sort === key ? ' current' : ''}`, 'data-sort': key,
                                                   'aria-pressed': String(sort === key), onclick: () => go({ sort: key }),
                                                   title: key === 'level' ? 'Sort by level, most open first' : `Sort by ${label.toLowerCase()}, A to Z` },
    label, h('span', { class: 'sr' }, sort === key ? `, sorted ${key === 'level' ? 'most open first' : 'A to Z'}` : ', sort'));
  const sortHeader = (keys, labels, attrs = {}) => {
    const current = keys.find((k) => k === sort);
    return h('th', { scope: 'col', rowspan: 2, 'aria-sort': current ? (current === 'level' ? 'descending' : 'ascending') : 'none',
                     'data-sort': keys.join(' '), ...attrs },
             keys.map((k, i) => [i ? h('span', { class: 'muted' }, ' · ') : '', sortButton(k, labels[i])]));
  };
  const plain = (label, title) => h('th', { scope: 'col', rowspan: 2, title }, label);
  const thead = h('thead', {},
    h('tr', {},
      h('th', { scope: 'col', rowspan: 2 }, h('span', { class: 'sr' }, 'Compare')),
      sortHeader(['name', 'id'], ['Release', 'ID']), plain('Licenses'), sortHeader(['level'], ['Level']),
      plain('Commercial', 'commercial use under the weights\u2019 license'), plain('OSD', 'Open Source Definition, on the weights\u2019 license'),
      plain('OSAID', 'Open Source AI Definition 1.0'), plain('MOF', 'Model Openness Framework class'),
      LAYERS.map((l) => h('th', { scope: 'colgroup', colspan: l.kinds.length, class: 'layer' }, l.title))),
    h('tr', {}, COMPONENTS.map((c) => h('th', { scope: 'col', class: 'comp', 'data-component': c.kind }, h('abbr', { title: c.name }, c.short)))));
  const tbody = h('tbody', {});
  const colgroups = [h('colgroup', { span: 8 }), ...LAYERS.map((l) => h('colgroup', { span: l.kinds.length }))];
  const table = h('table', { class: 'catalog', id: 'releases' },
    h('caption', { class: 'sr' }, 'Releases and the openness of each of their components'), colgroups, thead, tbody);
  const status = h('p', { id: 'count', role: 'status', 'aria-live': 'polite' }, 'Loading…');
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });

  const legend = h('ul', { class: 'legend-row', 'aria-label': 'Component states' },
    STATE_ORDER.map((st) => h('li', {}, badge(st, STATES[st].symbol, { 'aria-hidden': 'true' }), ' ', STATES[st].label)));

  page.append(
    h('h1', {}, 'Catalog'),
    h('p', { class: 'muted' }, 'Each reviewed release, its license and verdicts, and the state of each of its 19 components. Select two or more to compare them; open one to see the evidence behind every verdict.'),
    form,
    h('div', { class: 'toolbar' }, status, legend, compareButton),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Releases table, scrolls sideways' }, table),
    pager);

  const data = await api(`/api/releases?${query}`);
  if (stale()) return;
  const items = data.items ?? [];
  tbody.replaceChildren(...items.map((r) => summaryRow(r, updateCompare)));
  if (!items.length) {
    tbody.append(h('tr', {}, h('td', { colspan: 8 + COMPONENTS.length, class: 'muted' }, 'No release matches these filters.')));
  }
  const total = data.total ?? items.length;
  const perPage = data.per_page ?? PER_PAGE;
  const first = total ? (data.page - 1) * perPage + 1 : 0;
  status.textContent = total === 1 ? '1 release' : `${total} releases${total > items.length ? ` (${first}–${first + items.length - 1} shown)` : ''}`;
  status.dataset.total = String(total);
  const pages = Math.max(1, Math.ceil(total / perPage));
  if (pages > 1) {
    pager.append(
      h('button', { type: 'button', disabled: pageNo <= 1, onclick: () => go({ page: String(pageNo - 1) }) }, '← Previous'),
      h('span', {}, `Page ${pageNo} of ${pages}`),
      h('button', { type: 'button', disabled: pageNo >= pages, onclick: () => go({ page: String(pageNo + 1) }) }, 'Next →'));
  }
  // License ids for the filter's suggestions: those of the page at once, every release's on focus.
  const suggest = (list) => document.getElementById('license-ids')?.replaceChildren(
    ...[...new Set(list.flatMap((r) => r.licenses ?? []))].sort().map((l) => h('option', { value: l })));
  suggest(items);
  licenseInput.addEventListener('focus', () => releaseIds().then(suggest).catch(() => {}), { once: true });
}

// ---- a release -----------------------------------------------------------------------

function summaryTable(summary, a) {
  const v = a.verdicts ?? {};
  const rows = [];
  const row = (label, value, detail, extra = {}) => rows.push(h('tr', extra, h('th', { scope: 'row' }, label), h('td', {}, value), h('td', { class: 'detail' }, detail ?? '')));
  const licenses = (a.licenses ?? []);
  const osdLicense = v.osd?.license;
  row('License', osdLicense ? h('code', {}, osdLicense) : h('span', { class: 'muted' }, 'none found'),
      licenses.filter((l) => !osdLicense || osdLicense.includes(l.id)).slice(0, 3).map((l, i) => [i ? ', ' : '', h('span', { class: 'place' }, l.file ? `${l.file}${l.lines?.[0] ? `:${l.lines[0][0]}` : ''}` : '')]));
  if (summary?.commercial) row('Commercial use', badge(commercialTone(summary.commercial), summary.commercial), '', { 'data-row': 'commercial' });
  const sp = v.spectrum ?? {};
  row('Spectrum', badge(levelTone(sp.level), sp.level ? `${sp.level} · ${sp.label}` : 'unknown'), sp.reason, { 'data-row': 'spectrum' });
  row('OSD', badge(outcomeTone(v.osd?.outcome), outcomeWord(v.osd?.outcome)), v.osd?.reason, { 'data-row': 'osd' });
  const osaidFails = (v.osaid?.requirements ?? []).filter((r) => r.outcome === 'fail').map((r) => r.id).join(', ');
  row('OSAID 1.0', badge(outcomeTone(v.osaid?.outcome), outcomeWord(v.osaid?.outcome)), osaidFails ? `fails: ${osaidFails}` : '', { 'data-row': 'osaid' });
  const mof = v.mof_class ?? {};
  row('MOF class', badge(mofTone(mof.class), mof.class ? mof.label : 'none'), '', { 'data-row': 'mof' });
  const counts = { open: 0, partial: 0, closed: 0, unknown: 0 };
  for (const p of v.osai?.parameters ?? []) counts[p.rating] = (counts[p.rating] ?? 0) + 1;
  row('OSAI index', badge(osaiTone(v.osai?.score ?? 0), pct(v.osai?.score)),
      `${counts.open} open, ${counts.partial} partial, ${counts.closed} closed, ${counts.unknown} unknown of 12 parameters`, { 'data-row': 'osai' });
  const f = a.findings ?? [];
  const n = (sev) => f.filter((x) => x.severity === sev).length;
  row('Findings', `${n('error')} errors, ${n('warning')} warnings, ${n('info')} notes`, '');
  return h('table', { class: 'summary' }, h('caption', { class: 'sr' }, 'Summary of the verdicts'), h('tbody', {}, rows));
}

function componentsTable(a) {
  const byKind = new Map((a.components ?? []).map((c) => [c.kind, c]));
  const body = [];
  for (const layer of LAYERS) {
    body.push(h('tr', {}, h('th', { scope: 'rowgroup', colspan: 6 }, layer.title === 'Safety' ? 'Safety tooling' : layer.title === 'Deploy' ? 'Deployment' : layer.title)));
    for (const [kind, name] of layer.kinds) {
      const c = byKind.get(kind) ?? { state: 'unknown', presence: 'unknown', evidence: [] };
      body.push(h('tr', { 'data-component': kind },
        h('th', { scope: 'row' }, c.name ?? name),
        h('td', {}, c.presence ?? 'unknown'),
        h('td', {}, c.license ? h('code', {}, c.license) : '–'),
        h('td', {}, badge(c.state)),
        h('td', { class: 'detail' }, c.reason ?? ''),
        h('td', {}, evidenceList(c.evidence))));
    }
  }
  return h('table', { class: 'components' },
    h('caption', { class: 'sr' }, 'Each component: presence, license, state, reason and evidence'),
    h('thead', {}, h('tr', {}, ['Component', 'Present', 'License', 'State', 'Why', 'Evidence'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, body));
}

function criterionList(list, withEvidence = true) {
  return h('ul', { class: 'criteria' }, (list ?? []).map((c) => h('li', { 'data-item': c.id ?? c.parameter },
    badge(c.rating ? ratingTone(c.rating) : outcomeTone(c.outcome), c.rating ?? outcomeWord(c.outcome)), ' ',
    h('strong', {}, c.id ? `${c.id}` : c.name), c.id && c.name ? ` ${c.name}` : '', c.reason ? h('span', { class: 'detail' }, ` — ${c.reason}`) : '',
    withEvidence && (c.evidence ?? []).length ? evidenceList(c.evidence) : null)));
}

function frameworksSection(a) {
  const v = a.verdicts ?? {};
  const out = [];
  out.push(h('h3', {}, 'Open Source Definition (weights\u2019 license) ', badge(outcomeTone(v.osd?.outcome), outcomeWord(v.osd?.outcome))));
  out.push(h('p', { class: 'detail' }, v.osd?.reason ?? ''));
  if ((v.osd?.failing ?? []).length) out.push(criterionList(v.osd.failing));
  out.push(h('h3', {}, 'OSAID 1.0 ', badge(outcomeTone(v.osaid?.outcome), outcomeWord(v.osaid?.outcome))));
  out.push(criterionList(v.osaid?.requirements));
  const mof = v.mof_class ?? {};
  out.push(h('h3', {}, 'Model Openness Framework ', badge(mofTone(mof.class), mof.class ? mof.label : 'none')));
  out.push(h('ul', {}, (mof.classes ?? []).slice().sort((x, y) => y.class - x.class).map((c) => h('li', {},
    h('strong', {}, c.label), ': ', c.met ? 'met' : `${Math.round(c.progress ?? 0)}% of required components`,
    (c.missing ?? []).length ? h('div', { class: 'detail' }, `missing: ${c.missing.map((k) => COMPONENT_NAME[k] ?? k).join(', ')}`) : null,
    (c.not_open ?? []).length ? h('details', {}, h('summary', {}, `${c.not_open.length} not under an open license`),
      h('ul', {}, c.not_open.map((n) => h('li', {}, h('strong', {}, COMPONENT_NAME[n.kind] ?? n.kind), n.license ? [' ', h('code', {}, n.license)] : '',
        ` — ${n.reason ?? ''}`, evidenceList(n.evidence))))) : null))));
  out.push(h('h3', {}, 'European Open Source AI Index ', badge(osaiTone(v.osai?.score ?? 0), pct(v.osai?.score))));
  out.push(criterionList((v.osai?.parameters ?? []).map((p) => ({ ...p, id: undefined }))));
  const sp = v.spectrum ?? {};
  out.push(h('h3', {}, 'Openness spectrum ', badge(levelTone(sp.level), sp.level ? `${sp.level} · ${sp.label}` : 'unknown')));
  out.push(h('p', { class: 'detail' }, `${sp.reason ?? ''}${sp.ceiling && sp.ceiling < 5 ? ` · the terms allow at most level ${sp.ceiling}` : ''}`));
  return out;
}

function licensesTable(a) {
  const list = a.licenses ?? [];
  if (!list.length) return h('p', { class: 'muted' }, 'No license found.');
  return h('table', { class: 'licenses' },
    h('thead', {}, h('tr', {}, ['License', 'Where', 'Role', 'How', 'Evidence'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, list.map((l) => h('tr', {},
      h('th', { scope: 'row' }, h('code', {}, l.id), l.name ? h('div', { class: 'detail' }, l.name) : null, l.osi_approved ? h('div', {}, badge('open', 'OSI approved')) : null),
      h('td', { class: 'place' }, `${l.file ?? ''}${(l.lines ?? []).length ? `:${l.lines.map(([x, y]) => (x === y ? x : `${x}-${y}`)).join(',')}` : ''}`),
      h('td', {}, l.role ?? ''), h('td', {}, `${l.kind ?? ''}${l.confidence !== undefined ? ` · ${Math.round(l.confidence * 100)}%` : ''}`),
      h('td', { class: 'detail' }, l.evidence ?? '')))));
}

function findingsList(a) {
  const list = a.findings ?? [];
  if (!list.length) return h('p', { class: 'muted' }, 'No findings.');
  return list.map((f) => h('div', { class: `finding f-${severityTone(f.severity)}`, 'data-rule': f.rule },
    h('h3', {}, { error: '⛔', warning: '⚠️', info: 'ℹ️' }[f.severity] ?? '', ' ', f.rule, h('span', { class: 'muted' }, ` (${f.severity})`)),
    h('p', {}, f.message ?? ''), evidenceList(f.evidence)));
}

function claimsList(a) {
  const list = a.claims ?? [];
  if (!list.length) return h('p', { class: 'muted' }, 'The release makes no claims Aperture read.');
  return h('ul', {}, list.map((c) => h('li', {}, h('strong', {}, c.kind), ` (${c.source}): `, h('q', {}, c.value), evidenceList(c.evidence))));
}

function lineageSection(a) {
  const l = a.lineage;
  if (!l) return null;
  return [h('h2', {}, 'Lineage'),
    (l.ancestors ?? []).length ? h('ul', {}, l.ancestors.map((x) => h('li', {}, h('strong', {}, x.name), ` — ${x.relation}${x.relation_inferred ? ' (inferred)' : ''}, depth ${x.depth}`,
      x.license ? [' · ', h('code', {}, x.license)] : '', x.resolved_by?.startsWith('catalog:') ? [' · ', appLink(`/release/${encodeURIComponent(x.resolved_by.slice(8))}`, 'open')] : '',
      evidenceList(x.evidence)))) : null,
    (l.obligations ?? []).length ? [h('h3', {}, 'Inherited obligations'), h('ul', {}, l.obligations.map((o) => h('li', {}, h('strong', {}, o.kind), `: ${o.text ?? ''}`,
      o.license ? [' · ', h('code', {}, o.license)] : '', evidenceList(o.evidence))))] : null];
}

// The whole assessment of a scan (the release page, and a pasted model card).
function assessmentView(a, summary) {
  return [
    h('section', { class: 'panel', id: 'summary' }, h('h2', {}, 'Summary'), summaryTable(summary, a)),
    h('section', { class: 'panel', id: 'charts' }, h('h2', {}, 'Openness'), stateLegend(),
      h('h3', {}, 'Components, by layer'), componentChart(a.components),
      h('h3', {}, 'Frameworks'), frameworkChart(a.verdicts)),
    h('section', { class: 'panel', id: 'components' }, h('h2', {}, 'Components'), componentsTable(a)),
    h('section', { class: 'panel', id: 'frameworks' }, h('h2', {}, 'Frameworks'), frameworksSection(a)),
    h('section', { class: 'panel', id: 'licenses' }, h('h2', {}, 'Licenses found'), licensesTable(a)),
    h('section', { class: 'panel', id: 'findings' }, h('h2', {}, 'Findings'), findingsList(a)),
    h('section', { class: 'panel', id: 'claims' }, h('h2', {}, 'What the release says of itself'), claimsList(a), lineageSection(a)),
  ];
}

let releaseIdsCache = null;
async function releaseIds() {
  if (!releaseIdsCache) {
    const all = [];
    for (let p = 1; p <= 20; p += 1) {
      const data = await api(`/api/releases?sort=name&page=${p}&per_page=200`);
      all.push(...(data.items ?? []));
      if (all.length >= (data.total ?? 0) || !(data.items ?? []).length) break;
    }
    releaseIdsCache = all.map((r) => ({ id: r.id, name: r.name, licenses: r.licenses ?? [] }));
  }
  return releaseIdsCache;
}

async function releaseView(id, stale) {
  const page = setPage(id, 'catalog');
  page.append(h('p', { class: 'muted' }, 'Loading…'));
  const data = await api(`/api/releases/${encodeURIComponent(id)}`);
  if (stale()) return;
  const a = data.assessment ?? {};
  const summary = data.summary ?? {};
  setPage(summary.name || a.name || id, 'catalog');
  const meta = [];
  meta.push(h('code', {}, summary.id ?? id));
  if (a.publisher) meta.push(a.publisher);
  if (a.released) meta.push(`released ${a.released}`);
  if (a.access) meta.push(a.access === 'api' ? 'API only' : 'weights published');
  if (summary.source) meta.push(summary.source === 'catalog' ? 'from the reviewed catalog' : 'submitted');
  if (summary.assessed_at) meta.push(`assessed ${summary.assessed_at}`);
  const otherInput = h('input', { id: 'compare-with', list: 'compare-ids', size: 24, autocomplete: 'off', placeholder: 'another release id' });
  const datalist = h('datalist', { id: 'compare-ids' });
  const compareForm = h('form', { class: 'inline-form', 'aria-label': 'Compare this release' },
    h('div', { class: 'field' }, h('label', { for: 'compare-with' }, 'Compare with'), otherInput, datalist),
    h('button', { type: 'submit' }, 'Compare'));
  compareForm.addEventListener('submit', (e) => {
    e.preventDefault();
    const other = otherInput.value.trim();
    if (other) navigate(`/compare?ids=${encodeURIComponent(summary.id ?? id)},${encodeURIComponent(other)}`);
  });
  otherInput.addEventListener('focus', () => releaseIds().then((list) => datalist.replaceChildren(
    ...list.filter((r) => r.id !== (summary.id ?? id)).map((r) => h('option', { value: r.id }, r.name)))).catch(() => {}), { once: true });

  const history = (data.history ?? []);
  append(main(), [
    h('p', {}, appLink('/', '← Catalog')),
    h('h1', {}, summary.name || a.name || id, summary.open_washing ? [' ', h('span', { class: 'flag' }, '⚠ open-washing')] : null),
    h('p', { class: 'meta' }, meta.map((m, i) => [i ? ' · ' : '', m]), a.url ? [' · ', externalLink(a.url)] : null),
    compareForm,
    assessmentView(a, summary),
    history.length > 1 ? h('section', { class: 'panel', id: 'history' }, h('h2', {}, 'History'),
      h('table', {}, h('thead', {}, h('tr', {}, ['Assessed', 'Level', 'Commercial', 'OSD', 'OSAID', 'MOF'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, history.map((x) => h('tr', {}, h('th', { scope: 'row' }, x.assessed_at),
          h('td', {}, badge(levelTone(x.summary?.level), x.summary?.level ?? '?')), h('td', {}, x.summary?.commercial ?? ''),
          h('td', {}, outcomeWord(x.summary?.osd)), h('td', {}, outcomeWord(x.summary?.osaid)), h('td', {}, MOF_NAMES[x.summary?.mof] ?? '')))))) : null]);
}

// ---- compare ----------------------------------------------------------------------------

function componentStrip(summary) {
  return h('div', { class: 'strip', role: 'img', 'aria-label': `${summary.name}: component states` },
    COMPONENTS.map((c) => {
      const st = stateOf(summary.components?.[c.kind]);
      return h('span', { class: `s-${st}`, title: `${c.name}: ${st}`, 'data-component': c.kind, 'data-state': st });
    }));
}

function comparePicker(ids) {
  const slots = Array.from({ length: Math.min(8, Math.max(3, ids.length)) }, (_, i) => i);
  const inputs = slots.map((i) => h('input', { id: `pick-${i}`, name: `pick-${i}`, list: 'pick-ids', value: ids[i] ?? '', size: 24,
                                               autocomplete: 'off', required: i < 2, placeholder: i < 2 ? 'release id' : 'optional' }));
  const datalist = h('datalist', { id: 'pick-ids' });
  releaseIds().then((list) => datalist.replaceChildren(...list.map((r) => h('option', { value: r.id }, r.name)))).catch(() => {});
  const form = h('form', { class: 'inline-form', id: 'compare-form', 'aria-label': 'Releases to compare' },
    inputs.map((input, i) => h('div', { class: 'field' }, h('label', { for: input.id }, ['First release', 'Second release'][i] ?? `Release ${i + 1} (optional)`), input)),
    datalist, h('button', { type: 'submit', class: 'primary' }, 'Compare'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const picked = inputs.map((x) => x.value.trim()).filter(Boolean);
    navigate(`/compare?ids=${picked.map(encodeURIComponent).join(',')}`);
  });
  return form;
}

async function compareView(params, stale) {
  const ids = (params.get('ids') ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  const page = setPage('Compare', 'compare');
  page.append(h('h1', {}, 'Compare releases'), comparePicker(ids));
  if (ids.length < 2) {
    page.append(h('p', { class: 'muted' }, 'Pick two or more releases (up to eight), or select them in the ', appLink('/', 'catalog'), '.'));
    return;
  }
  const status = h('p', { class: 'muted' }, 'Loading…');
  page.append(status);
  const data = await api(`/api/compare?ids=${ids.map(encodeURIComponent).join(',')}`);
  if (stale()) return;
  status.remove();
  const releases = data.releases ?? [];
  const cmp = data.comparison ?? {};
  const names = (cmp.releases ?? releases).map((r, i) => ({ id: releases[i]?.id ?? r.target, name: releases[i]?.name ?? r.name ?? r.target }));
  const onlyDiff = h('input', { type: 'checkbox', id: 'only-differences' });
  const table = h('table', { class: 'compare', id: 'comparison' },
    h('caption', { class: 'sr' }, 'The releases side by side; rows that differ are marked'),
    h('thead', {}, h('tr', {}, h('td', {}),
      names.map((r, i) => h('th', { scope: 'col', 'data-id': r.id },
        appLink(`/release/${encodeURIComponent(r.id)}`, r.name), h('div', { class: 'detail' }, h('code', {}, r.id)),
        releases[i] ? componentStrip(releases[i]) : null)))));
  const sections = [];
  for (const row of cmp.rows ?? []) {
    let section = sections.find((x) => x.name === row.section);
    if (!section) sections.push(section = { name: row.section, rows: [] });
    section.rows.push(row);
  }
  const sectionTitle = { verdicts: 'Verdicts', terms: 'License terms that differ or bind', components: 'Components' };
  for (const section of sections) {
    const body = h('tbody', { 'data-section': section.name },
      h('tr', {}, h('th', { scope: 'rowgroup', colspan: names.length + 1 }, sectionTitle[section.name] ?? words(section.name))));
    for (const row of section.rows) {
      body.append(h('tr', { class: row.differs ? 'differs' : 'same', 'data-label': row.label },
        h('th', { scope: 'row' }, row.label, row.differs ? h('span', { class: 'sr' }, ' (differs)') : null),
        (row.values ?? []).map((value) => {
          const first = String(value).split(/[ (]/)[0];
          const tone = section.name === 'components' && STATES[first] ? first
            : row.label === 'OSD' || row.label === 'OSAID 1.0' ? outcomeTone(value) : null;
          return h('td', {}, tone ? badge(tone, value) : value === '-' ? h('span', { class: 'muted' }, '–') : value);
        })));
    }
    table.append(body);
  }
  onlyDiff.addEventListener('change', () => table.classList.toggle('only-differences', onlyDiff.checked));
  const differing = (cmp.rows ?? []).filter((r) => r.differs).length;
  main().append(
    h('div', { class: 'toolbar' },
      h('p', { id: 'differ-count', role: 'status' }, `${differing} of ${(cmp.rows ?? []).length} rows differ`),
      h('div', {}, onlyDiff, ' ', h('label', { for: 'only-differences' }, 'Show only the rows that differ'))),
    h('div', { class: 'table-wrap', tabindex: 0, role: 'region', 'aria-label': 'Comparison table' }, table));
}

// ---- analyse a pasted text --------------------------------------------------------------

// The restrictions a license's terms impose, each with its clause and quote.
function restrictionsOf(terms) {
  const t = terms ?? {};
  const out = [];
  const add = (label, text, term, extra = {}) => out.push({ label, text, clause: term?.clause, quote: term?.quote, ...extra });
  if (t.commercial_use && t.commercial_use.value !== 'allowed') add('Commercial use', t.commercial_use.value, t.commercial_use);
  if (t.user_threshold) add('User threshold', `${Number(t.user_threshold.value).toLocaleString('en')} ${t.user_threshold.unit ?? ''}`.trim(), t.user_threshold);
  if (t.revenue_threshold) add('Revenue threshold', `${Number(t.revenue_threshold.value).toLocaleString('en')} ${t.revenue_threshold.unit ?? ''}`.trim(), t.revenue_threshold);
  for (const ban of t.field_of_use ?? []) add('Use ban', ban.text, ban);
  if (t.improve_other_models && ['banned', 'conditional'].includes(t.improve_other_models.value)) add('Improving other models', t.improve_other_models.value, t.improve_other_models);
  if (t.acceptable_use_policy) {
    const p = t.acceptable_use_policy;
    add('Acceptable-use policy', `${p.policy ?? 'a policy'}${p.incorporated ? ', incorporated' : ''}${p.changeable_by_licensor ? ', the licensor may change it' : ''}`, p, { url: p.url });
  }
  if (t.flow_down?.value === 'yes') add('Flow-down', 'use restrictions pass on to derivatives and recipients', t.flow_down);
  for (const g of t.geographic ?? []) add('Territory', g.text, g);
  for (const key of ['modification', 'redistribution']) if (t[key] && t[key].value !== 'allowed') add(words(key), t[key].value, t[key]);
  if (t.registration?.value === 'required') add('Registration', 'required', t.registration);
  return out;
}

function termValue(value) {
  if (Array.isArray(value)) {
    return h('ul', {}, value.map((x) => h('li', {}, x.duty ? h('strong', {}, words(x.duty)) : null, x.duty && (x.text || x.quote) ? ': ' : '',
      x.text ?? '', x.clause ? h('span', { class: 'place' }, ` §${x.clause}`) : '', x.quote ? [' ', h('q', {}, x.quote)] : '')));
  }
  if (value && typeof value === 'object') {
    const v = value.value ?? value.policy ?? '';
    return [h('strong', {}, typeof v === 'number' ? v.toLocaleString('en') : String(v)), value.unit ? ` ${value.unit}` : '',
            value.clause ? h('span', { class: 'place' }, ` §${value.clause}`) : '', value.quote ? [' ', h('q', {}, value.quote)] : '',
            value.url ? [' ', externalLink(value.url)] : ''];
  }
  return String(value);
}

function licenseResult(l) {
  const osd = l.verdicts?.osd;
  const freedoms = l.verdicts?.osaid_freedoms;
  const restrictions = l.terms ? restrictionsOf(l.terms) : [];
  const lines = (l.lines ?? []).map((x) => (Array.isArray(x) ? x : [x.first, x.last])).map(([x, y]) => (x === y ? `${x}` : `${x}-${y}`)).join(', ');
  return h('article', { class: 'result-card license-result', 'data-license': l.id },
    h('h3', {}, h('code', { class: 'license-id' }, l.id), l.name ? ` — ${l.name}` : ''),
    h('p', {}, l.osi_approved ? badge('open', 'OSI approved') : badge('unknown', 'not OSI approved'), ' ',
      osd ? ['OSD: ', badge(outcomeTone(osd.outcome), outcomeWord(osd.outcome)), ' '] : null,
      freedoms ? ['OSAID freedoms: ', badge(outcomeTone(freedoms.outcome), outcomeWord(freedoms.outcome)), ' '] : null,
      h('span', { class: 'detail' }, `${l.match ?? ''}${l.confidence !== undefined ? `, ${Math.round(l.confidence * 100)}% confidence` : ''}${lines ? `, lines ${lines}` : ''}`)),
    l.evidence ? h('p', { class: 'detail' }, l.evidence) : null,
    h('h4', {}, 'Restrictions'),
    restrictions.length
      ? h('ul', { class: 'restrictions' }, restrictions.map((r) => h('li', { 'data-term': r.label },
        h('strong', {}, r.label), `: ${r.text}`, r.clause ? h('span', { class: 'place' }, ` §${r.clause}`) : '',
        r.quote ? [' ', h('q', {}, r.quote)] : '', r.url ? [' ', externalLink(r.url)] : '')))
      : h('p', { class: 'no-restrictions' }, l.terms ? 'None in Aperture\u2019s reading of its terms.' : 'Aperture has no reading of this license\u2019s terms.'),
    osd && (osd.criteria ?? osd.failing ?? []).some((c) => c.outcome === 'fail')
      ? [h('h4', {}, 'Open Source Definition: failing criteria'), criterionList((osd.criteria ?? osd.failing).filter((c) => c.outcome === 'fail'))] : null,
    freedoms && (freedoms.freedoms ?? []).some((c) => c.outcome === 'fail')
      ? [h('h4', {}, 'OSAID freedoms not granted'), criterionList(freedoms.freedoms.filter((c) => c.outcome === 'fail'))] : null,
    l.terms ? h('details', {}, h('summary', {}, 'All terms'),
      h('table', {}, h('tbody', {}, Object.entries(l.terms).map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, words(k)), h('td', {}, termValue(v))))))) : null);
}

function clausesResult(clauses) {
  if (!(clauses ?? []).length) return null;
  return h('section', { class: 'result-card', id: 'clauses' },
    h('h3', {}, 'Restrictive clauses found in the text'),
    h('ul', { class: 'restrictions' }, clauses.map((c) => h('li', { 'data-kind': c.kind },
      badge('restricted', words(c.kind)), ' ',
      c.lines ? h('span', { class: 'place' }, c.lines.first === c.lines.last ? `line ${c.lines.first}` : `lines ${c.lines.first}-${c.lines.last}`) : '',
      c.detail ? ` (${c.detail})` : '', c.number !== undefined ? ` — ${Number(c.number).toLocaleString('en')} ${c.unit ?? ''}` : '',
      c.quote ? [' ', h('q', {}, c.quote)] : ''))));
}

function analysisView(result) {
  const out = [];
  if (result.kind === 'model-card') {
    const a = result.assessment ?? result;
    out.push(h('p', { id: 'analysis-kind' }, 'Read as a ', h('strong', {}, 'model card'), a.name ? [': ', h('strong', {}, a.name)] : '', '.'));
    const licenses = [...new Set((result.licenses ?? a.licenses ?? []).map((l) => l.id))];
    out.push(h('p', {}, 'Licenses found: ', licenses.length ? licenses.map((id, i) => [i ? ', ' : '', h('code', { class: 'license-id' }, id)]) : 'none'));
    out.push(assessmentView(a, result.summary ?? null));
    return out;
  }
  out.push(h('p', { id: 'analysis-kind' }, 'Read as a ', h('strong', {}, 'license text'), '.'));
  const licenses = result.licenses ?? [];
  if (!licenses.length) {
    out.push(h('p', { class: 'no-license' }, 'No known license identified.',
      (result.clauses ?? []).length ? ' The text holds clauses that restrict what you may do:' : ''));
  }
  out.push((result.unidentified ?? []).map((u) => h('p', { class: 'unidentified', 'data-closest': u.closest },
    badge('restricted', 'changed license'), ' ',
    h('span', { class: 'place' }, `lines ${u.lines.first}-${u.lines.last}`),
    ': most like ', h('code', {}, u.closest), `, with ${pct(u.coverage)} of its words there and others added or changed. `,
    'Its terms may differ from that license\u2019s: read them.')));
  out.push(licenses.map(licenseResult));
  out.push(clausesResult(result.clauses));
  return out;
}

function analyzeView() {
  const page = setPage('Analyse a license', 'analyze', true);
  const textarea = h('textarea', { id: 'text', name: 'text', rows: 14, spellcheck: 'false', 'aria-describedby': 'text-help' });
  const file = h('input', { type: 'file', id: 'file', accept: '.txt,.md,text/plain,text/markdown' });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'analyze-button' }, 'Analyse');
  const result = h('div', { id: 'analysis', 'aria-live': 'polite' });
  const form = h('form', { id: 'analyze-form', 'aria-label': 'Analyse a license or model card' },
    h('div', { class: 'field' }, h('label', { for: 'text' }, 'License or model card text')),
    textarea,
    h('p', { id: 'text-help', class: 'muted' }, 'Paste a license (LICENSE file, terms of use) or a model card (README.md with its YAML front matter). Up to 1 MiB. The text is sent to this server only.'),
    h('p', { class: 'inline-form' }, h('label', { for: 'file' }, 'or read a file: '), file, submit));
  file.addEventListener('change', async () => {
    const f = file.files?.[0];
    if (!f) return;
    if (f.size > MAX_ANALYZE_BYTES) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'That file is larger than 1 MiB.'));
      return;
    }
    textarea.value = await f.text();
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const text = textarea.value;
    if (!text.trim()) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'Paste a text first.'));
      return;
    }
    if (new TextEncoder().encode(text).length > MAX_ANALYZE_BYTES) {
      result.replaceChildren(h('p', { class: 'error', role: 'alert' }, 'The text is larger than 1 MiB.'));
      return;
    }
    submit.disabled = true;
    result.setAttribute('aria-busy', 'true');
    result.replaceChildren(h('p', { class: 'muted' }, 'Analysing…'));
    try {
      const answer = await api('/api/analyze', { method: 'POST', headers: { 'Content-Type': 'text/plain; charset=utf-8', Accept: 'application/json' }, body: text });
      result.replaceChildren(h('h2', {}, 'Result'), ...analysisView(answer).flat(Infinity).filter(Boolean));
    } catch (err) {
      result.replaceChildren(errorBox(err));
    } finally {
      submit.disabled = false;
      result.removeAttribute('aria-busy');
    }
  });
  page.append(h('h1', {}, 'Analyse a license'),
    h('p', { class: 'muted' }, 'Which license is this, what does it allow, and what does it restrict? Each answer quotes the clause it rests on.'),
    form, result);
}

// ---- start ----------------------------------------------------------------------------

document.getElementById('disclaimer')?.setAttribute('data-text', DISCLAIMER);
route({ focus: false });
