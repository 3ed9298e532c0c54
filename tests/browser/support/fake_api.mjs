// A stand-in for `aperture serve` (node's http module only): serves web/ and
// answers the API routes of docs/openapi.yaml from tests/browser/fixtures/, so
// the web app and its browser tests can run without the C++ server.
//
// usage: node tests/browser/support/fake_api.mjs [--port N] [--source-dir DIR]
//   or   import { startFakeApi } from './support/fake_api.mjs'
//
// Fixtures are made by make_fixtures.mjs from the real binary. Releases
// without a fixture of their own (release/<id>.json) answer 404 on
// GET /api/releases/{id}; POST /api/analyze answers the fixture whose .txt
// equals the posted text, else an empty identification.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
                '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.json': 'application/json' };
const APP_ROUTES = [/^\/$/, /^\/release\/[^/]+$/, /^\/compare$/, /^\/analyze$/];

function load(sourceDir) {
  const fixtures = path.join(sourceDir, 'tests', 'browser', 'fixtures');
  const read = (rel) => JSON.parse(fs.readFileSync(path.join(fixtures, rel), 'utf8'));
  const analyze = [];
  for (const f of fs.readdirSync(path.join(fixtures, 'analyze')).filter((n) => n.endsWith('.txt'))) {
    analyze.push({ text: fs.readFileSync(path.join(fixtures, 'analyze', f), 'utf8').trim(),
                   answer: read(`analyze/${f.replace(/\.txt$/, '.json')}`) });
  }
  const compare = new Map(fs.readdirSync(path.join(fixtures, 'compare'))
    .map((f) => [f.replace(/\.json$/, ''), read(`compare/${f}`)]));
  return { summaries: read('summaries.json'), fixtures, read, analyze, compare };
}

function send(res, status, body, type = 'application/json') {
  const data = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store',
                          'Content-Security-Policy': "default-src 'self'; img-src 'self' data:" });
  res.end(data);
}

const ENUMS = {
  level: ['1', '2', '3', '4', '5'],
  commercial: ['allowed', 'restricted', 'forbidden', 'unknown'],
  osd: ['pass', 'fail', 'unknown'],
  osaid: ['pass', 'fail', 'unknown'],
  mof: ['class-i', 'class-ii', 'class-iii', 'none'],
  open_washing: ['true', 'false'],
  source: ['catalog', 'submitted'],
  sort: ['id', 'name', 'level'],
};
const FILTERS = {
  license: (s, v) => s.licenses.some((l) => l.toLowerCase() === v.toLowerCase()),
  level: (s, v) => String(s.level) === v,
  commercial: (s, v) => s.commercial === v,
  osd: (s, v) => s.osd === v,
  osaid: (s, v) => s.osaid === v,
  mof: (s, v) => s.mof === v,
  open_washing: (s, v) => String(s.open_washing) === v,
  source: (s, v) => s.source === v,
  q: (s, v) => `${s.id}\n${s.name}\n${s.publisher}`.toLowerCase().includes(v.toLowerCase()),
};

// GET /api/releases as docs/openapi.yaml describes it: filters AND-ed, bad values a 400,
// `level` sorts the most open first and unknown last, ties by id.
function releases(data, params, res) {
  for (const [key, allowed] of Object.entries(ENUMS)) {
    const v = params.get(key);
    if (v && !allowed.includes(v)) return send(res, 400, { error: `bad ${key} '${v}'` });
  }
  let items = data.summaries.filter((s) => Object.entries(FILTERS)
    .every(([key, match]) => !params.get(key) || match(s, params.get(key))));
  const sort = params.get('sort') || 'id';
  const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const compare = {
    id: byId,
    name: (a, b) => a.name.localeCompare(b.name, 'en') || byId(a, b),
    level: (a, b) => (b.level ?? 0) - (a.level ?? 0) || byId(a, b),
  }[sort];
  items = [...items].sort(compare);
  const page = Math.max(1, Number(params.get('page') || 1));
  const perPage = Math.min(200, Math.max(1, Number(params.get('per_page') || 50)));
  return send(res, 200, { items: items.slice((page - 1) * perPage, page * perPage), page, per_page: perPage,
                          total: items.length });
}

function handle(data, webDir, req, res) {
  const url = new URL(req.url, 'http://localhost');
  const p = url.pathname;
  if (p === '/api/releases' && req.method === 'GET') return releases(data, url.searchParams, res);
  let m = p.match(/^\/api\/releases\/([^/]+)$/);
  if (m && req.method === 'GET') {
    const id = decodeURIComponent(m[1]);
    const summary = data.summaries.find((s) => s.id === id);
    const file = path.join(data.fixtures, 'release', `${id}.json`);
    if (!summary || !fs.existsSync(file)) return send(res, 404, { error: `no release '${id}'` });
    return send(res, 200, { summary, assessment: data.read(`release/${id}.json`),
                            history: [{ assessed_at: summary.assessed_at, summary }] });
  }
  if (p === '/api/compare' && req.method === 'GET') {
    const ids = (url.searchParams.get('ids') ?? '').split(',').filter(Boolean);
    if (ids.length < 2 || ids.length > 8) return send(res, 400, { error: 'compare needs 2 to 8 ids' });
    const comparison = data.compare.get(ids.join(','));
    if (!comparison) return send(res, 404, { error: `no comparison of ${ids.join(', ')}` });
    return send(res, 200, { releases: ids.map((id) => data.summaries.find((s) => s.id === id)), comparison });
  }
  if (p === '/api/analyze' && req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8').trim();
      if (!text) return send(res, 400, { error: 'empty text' });
      const hit = data.analyze.find((a) => a.text === text);
      send(res, 200, hit ? hit.answer : { kind: 'license', licenses: [], clauses: [] });
    });
    return undefined;
  }
  if (p.startsWith('/api/')) return send(res, 404, { error: 'no such route' });
  if (APP_ROUTES.some((r) => r.test(p))) {
    return send(res, 200, fs.readFileSync(path.join(webDir, 'index.html')), TYPES['.html']);
  }
  const file = path.normalize(path.join(webDir, p));
  if (file.startsWith(webDir + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
    return send(res, 200, fs.readFileSync(file), TYPES[path.extname(file)] ?? 'application/octet-stream');
  }
  return send(res, 404, 'not found', 'text/plain');
}

// Starts the server on `port` (0: a free one); resolves to { url, close }.
export function startFakeApi({ sourceDir = path.resolve(here, '..', '..', '..'), port = 0 } = {}) {
  const data = load(sourceDir);
  const webDir = path.join(sourceDir, 'web');
  const server = http.createServer((req, res) => {
    try {
      handle(data, webDir, req, res);
    } catch (e) {
      send(res, 500, { error: String(e) });
    }
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      close: () => new Promise((done) => server.close(done)),
    }));
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const opts = {};
  for (let i = 0; i < args.length; i += 2) {
    if (args[i] === '--port') opts.port = Number(args[i + 1]);
    else if (args[i] === '--source-dir') opts.sourceDir = path.resolve(args[i + 1]);
  }
  startFakeApi(opts).then(({ url }) => console.log(`fake API on ${url}`));
}
