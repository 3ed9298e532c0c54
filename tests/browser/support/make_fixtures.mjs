#!/usr/bin/env node
// Writes the JSON fixtures of tests/browser/fixtures/ from the real binary, so
// that fake_api.mjs answers the web app's API routes the way `aperture serve`
// does (docs/openapi.yaml), without the server.
//
// usage: node tests/browser/support/make_fixtures.mjs --aperture BIN [--source-dir DIR]
//
// Files written:
//   summaries.json              every catalog release as an API SUMMARY
//   release/<id>.json           scan JSON of the releases the tests open
//   compare/<a>,<b>.json        `aperture compare --json a b`
//   analyze/<name>.json         POST /api/analyze answers for the texts in analyze/<name>.txt
//                               (a license text, or a model card when it opens with `---`)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let aperture = null;
let sourceDir = path.resolve(here, '..', '..', '..');
for (let i = 0; i < args.length; i += 2) {
  if (args[i] === '--aperture') aperture = path.resolve(args[i + 1]);
  else if (args[i] === '--source-dir') sourceDir = path.resolve(args[i + 1]);
  else { console.error(`make_fixtures: unknown option ${args[i]}`); process.exit(2); }
}
if (!aperture) { console.error('make_fixtures: --aperture BIN is required'); process.exit(2); }

const out = path.join(here, '..', 'fixtures');
const DETAILED = ['llama-3.1-8b', 'olmo-2-7b'];
const COMPARED = [['llama-3.1-8b', 'olmo-2-7b']];

function run(argv, okCodes = [0]) {
  try {
    return execFileSync(aperture, argv, { cwd: sourceDir, encoding: 'utf8', maxBuffer: 64 << 20 });
  } catch (e) {
    if (okCodes.includes(e.status)) return e.stdout;
    throw e;
  }
}
const json = (argv, ok) => JSON.parse(run(argv, ok));
const write = (rel, value) => {
  const file = path.join(out, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 1) + '\n');
};

const commercialCache = new Map();
// allowed | restricted | forbidden | unknown, from the knowledge base's commercial_use term.
function commercialOf(license) {
  if (!license) return 'unknown';
  if (!commercialCache.has(license)) {
    let value = 'unknown';
    try {
      const terms = json(['license', 'show', license, '--json']).terms ?? {};
      value = { allowed: 'allowed', conditional: 'restricted', banned: 'forbidden' }[terms.commercial_use?.value] ?? 'unknown';
    } catch { /* not in the knowledge base */ }
    commercialCache.set(license, value);
  }
  return commercialCache.get(license);
}

function summaryOf(id, scan) {
  const v = scan.verdicts;
  const licenseIds = [...new Set(scan.licenses.map((l) => l.id))];
  const components = {};
  for (const c of scan.components) components[c.kind] = c.state;
  const mof = { 1: 'class-i', 2: 'class-ii', 3: 'class-iii' }[v.mof_class.class] ?? 'none';
  return {
    id,
    name: scan.name,
    publisher: scan.publisher ?? '',
    licenses: licenseIds,
    level: v.spectrum.level,
    level_label: v.spectrum.label,
    commercial: commercialOf(v.osd.license || licenseIds[0]),
    osd: v.osd.outcome,
    osaid: v.osaid.outcome,
    mof,
    components,
    open_washing: scan.findings.some((f) => f.rule === 'open-washing'),
    assessed_at: '2026-11-28T19:00:00Z',
    source: 'catalog',
  };
}

const catalog = json(['catalog', '--json']).releases;
const summaries = [];
for (const entry of catalog) {
  const scan = json(['scan', entry.id, '--json'], [0, 3, 4]);
  summaries.push(summaryOf(entry.id, scan));
  if (DETAILED.includes(entry.id)) write(`release/${entry.id}.json`, scan);
}
write('summaries.json', summaries);
for (const ids of COMPARED) write(`compare/${ids.join(',')}.json`, json(['compare', '--json', ...ids], [0, 3, 4]));

// A text opening with YAML front matter is a model card (scanned), anything else a license text.
for (const name of fs.readdirSync(path.join(out, 'analyze')).filter((f) => f.endsWith('.txt'))) {
  const file = path.join(out, 'analyze', name);
  const target = `analyze/${name.replace(/\.txt$/, '.json')}`;
  if (fs.readFileSync(file, 'utf8').startsWith('---')) {
    const scan = json(['scan', '--json', file], [0, 3, 4]);
    scan.target = 'pasted text';
    const id = scan.name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
    write(target, { kind: 'model-card', licenses: scan.licenses, summary: { ...summaryOf(id, scan), source: 'submitted' }, assessment: scan });
  } else {
    const { clauses, licenses } = json(['identify', '--terms', '--json', file], [0, 3]).results[0];
    write(target, { kind: 'license', licenses, clauses });
  }
}
console.log(`wrote ${summaries.length} summaries into ${out}`);
