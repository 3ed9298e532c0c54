#!/usr/bin/env node
// The web page of `aperture serve` in a real browser: headless Chromium
// (driven by playwright-core, pinned in package.json) loads the catalog table,
// filters it, sorts it, opens a release, compares two and analyses pasted
// license texts, against the server's own answers (docs/openapi.yaml).
//
// usage: node tests/browser/serve_web.test.mjs (--aperture BIN | --fake)
//            [--source-dir DIR] [--node-modules DIR] [--chromium PATH]
//   --aperture BIN  starts the real `BIN serve` on a free port with a fresh
//                   SQLite database in a temporary directory
//   --fake          serves web/ with tests/browser/support/fake_api.mjs, which
//                   answers from tests/browser/fixtures/ (made from the real
//                   binary by support/make_fixtures.mjs)
// APERTURE_UPDATE_SCREENSHOT=1 also writes docs/images/serve-table.png.
//
// Exit status: 0 passed, 1 failed, 77 skipped (CTest's SKIP_RETURN_CODE) when
// Chromium, playwright-core or Node 18 is missing.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SKIP = 77;
const COMPONENTS = 19;
const DISCLAIMER = 'Aperture gives information, not legal advice.';
// The state colours of src/aperture/report/verdict_labels.cpp, as computed styles give them.
const STATE_COLOURS = {
  open: 'rgb(26, 127, 55)',
  restricted: 'rgb(227, 179, 65)',
  unlicensed: 'rgb(225, 111, 36)',
  closed: 'rgb(207, 34, 46)',
  unknown: 'rgb(208, 215, 222)',
};
const STATE_FILLS = { open: '#1a7f37', restricted: '#e3b341', unlicensed: '#e16f24', closed: '#cf222e', unknown: '#d0d7de' };
// Releases of the bundled catalog the tests open and compare.
const LLAMA = 'llama-3.1-8b';
const OLMO = 'olmo-2-7b';

function options() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const opts = { aperture: null, fake: false, sourceDir: path.resolve(here, '..', '..'), nodeModules: null,
                 chromium: '/usr/bin/chromium' };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 1) {
    if (args[i] === '--fake') {
      opts.fake = true;
      continue;
    }
    const key = { '--aperture': 'aperture', '--source-dir': 'sourceDir', '--node-modules': 'nodeModules',
                  '--chromium': 'chromium' }[args[i]];
    if (!key || args[i + 1] === undefined) {
      console.error(`serve_web.test: unknown or incomplete option ${args[i]}`);
      process.exit(2);
    }
    opts[key] = args[i + 1];
    i += 1;
  }
  if (!opts.aperture && !opts.fake) {
    console.error('serve_web.test: --aperture BIN or --fake is required');
    process.exit(2);
  }
  opts.nodeModules ??= path.join(opts.sourceDir, 'node_modules');
  return opts;
}

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(SKIP);
}

function loadPlaywright(opts) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 18) skip(`Node ${process.versions.node} is older than playwright-core needs (18)`);
  if (!fs.existsSync(opts.chromium)) {
    skip(`no Chromium at ${opts.chromium}; install it with scripts/install-deps.sh (Debian package chromium)`);
  }
  try {
    return createRequire(path.join(opts.nodeModules, 'index.js'))('playwright-core');
  } catch {
    return skip(`playwright-core is not installed in ${opts.nodeModules}; run scripts/install-deps.sh (npm ci)`);
  }
}

// `aperture serve` on a free port (--listen 127.0.0.1:0) with a fresh SQLite
// database; its start-up line (--json) gives the URL.
async function startRealServer(opts, dir) {
  const db = `sqlite:${path.join(dir, 'aperture.db')}`;
  const args = ['serve', '--listen', '127.0.0.1:0', '--json', '--db', db];
  const child = spawn(path.resolve(opts.aperture), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(`exited with ${code ?? signal}`)));
  const started = new Promise((resolve) => {
    let line = '';
    child.stdout.on('data', (d) => {
      output += d;
      line += d;
      const end = line.indexOf('\n');
      if (end >= 0) {
        try {
          resolve(JSON.parse(line.slice(0, end)).url.replace(/\/$/, ''));
        } catch {
          resolve(null);
        }
      }
    });
  });
  child.stderr.on('data', (d) => { output += d; });
  const timeout = new Promise((resolve) => setTimeout(() => resolve('timeout'), 60000));
  const first = await Promise.race([started, exited.then((why) => ({ why })), timeout]);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const done = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 5000))]);
      if (!done) child.kill('SIGKILL');
    }
  };
  if (typeof first !== 'string' || first === 'timeout') {
    await stop();
    throw new Error(`aperture ${args.join(' ')} did not start (${first?.why ?? first}):\n${output}`);
  }
  return { url: first, kind: 'aperture serve', close: stop };
}

async function startServer(opts, dir) {
  if (opts.fake) {
    const { startFakeApi } = await import('./support/fake_api.mjs');
    const srv = await startFakeApi({ sourceDir: opts.sourceDir });
    return { ...srv, kind: 'the fake API (tests/browser/support/fake_api.mjs)' };
  }
  return startRealServer(opts, dir);
}

// ---- helpers over the page ---------------------------------------------------

async function apiJson(page, base, route) {
  const res = await page.request.get(`${base}${route}`);
  assert.equal(res.status(), 200, `GET ${route}`);
  return res.json();
}

const rows = (page) => page.locator('#releases tbody tr[data-id]');

// Waits for the table to show the answer to the current URL.
async function tableSettled(page) {
  await page.locator('#count[data-total]').waitFor();
  return Number(await page.locator('#count').getAttribute('data-total'));
}

async function waitForUrl(page, predicate, what) {
  await page.waitForFunction(predicate, undefined, { timeout: 10000 }).catch(() => {
    throw new Error(`the URL never ${what} (it is ${page.url()})`);
  });
}

// ---- the checks ----------------------------------------------------------------

async function checkTable(page, base) {
  await page.goto(`${base}/`, { waitUntil: 'load' });
  const total = await tableSettled(page);
  const api = await apiJson(page, base, '/api/releases?per_page=1');
  assert.equal(total, api.total, 'the table counts the releases the API has');
  assert.ok(total >= 10, `the catalog holds releases (${total})`);
  const n = await rows(page).count();
  assert.equal(n, Math.min(total, 50), 'one row per release on the first page');
  assert.match(await page.locator('#count').innerText(), new RegExp(`^${total} releases`));

  // Headers: each column has a <th scope=col>, component columns named in full.
  assert.equal(await page.locator('#releases thead th.comp[scope=col]').count(), COMPONENTS, 'a header per component');
  assert.equal(await page.locator('#releases thead th.comp abbr[title="Model parameters (Final)"]').count(), 1);
  assert.equal(await page.locator('#releases tbody th[scope=row]').count(), n, 'each row is named by its release');

  // Every row: 19 component cells, each with a state and that state's colour.
  const cells = await page.locator('#releases tbody td.comp').evaluateAll((tds) => tds.map((td) => ({
    state: td.dataset.state, kind: td.dataset.component, bg: getComputedStyle(td).backgroundColor, text: td.innerText,
  })));
  assert.equal(cells.length, n * COMPONENTS, '19 component cells per row');
  const seen = new Set();
  for (const c of cells) {
    assert.ok(c.state in STATE_COLOURS, `known state ${c.state}`);
    assert.equal(c.bg, STATE_COLOURS[c.state], `${c.kind} ${c.state} is coloured as in the reports`);
    seen.add(c.state);
  }
  assert.ok(seen.has('open') && seen.has('closed') && seen.has('restricted'), `cells of several states (${[...seen]})`);

  // The rows say what the API says of the same release.
  const first = await apiJson(page, base, '/api/releases?sort=name&per_page=1');
  const row = rows(page).first();
  assert.equal(await row.getAttribute('data-id'), first.items[0].id, 'sorted by name, as the API');
  for (const [kind, state] of Object.entries(first.items[0].components)) {
    assert.equal(await row.locator(`td.comp[data-component="${kind}"]`).getAttribute('data-state'), state, `${kind} of ${first.items[0].id}`);
  }
  assert.match(await page.locator('footer').innerText(), new RegExp(DISCLAIMER.replace(/\./g, '\\.')));
  return total;
}

async function checkFilter(page, base, total) {
  // A select filters at once; the URL keeps the filter.
  await page.selectOption('#f-commercial', 'allowed');
  await waitForUrl(page, () => location.search.includes('commercial=allowed'), 'took the filter');
  const allowed = await tableSettled(page);
  const api = await apiJson(page, base, '/api/releases?commercial=allowed&per_page=200');
  assert.equal(allowed, api.total, 'the count is the API\u2019s');
  assert.ok(allowed > 0 && allowed < total, `the filter narrows the table (${allowed} of ${total})`);
  assert.equal(await rows(page).count(), Math.min(allowed, 50));
  const commercial = await page.locator('#releases tbody td.commercial').evaluateAll((tds) => tds.map((td) => td.dataset.commercial));
  assert.ok(commercial.every((c) => c === 'allowed'), `every row allows commercial use (${commercial})`);

  // A license, typed and submitted with Enter, narrows further; both filters hold.
  await page.fill('#f-license', 'Apache-2.0');
  await page.press('#f-license', 'Enter');
  await waitForUrl(page, () => location.search.includes('license=Apache-2.0'), 'took the license');
  const apache = await tableSettled(page);
  assert.ok(apache > 0 && apache < allowed, `the license narrows the table (${apache} of ${allowed})`);
  const both = await rows(page).evaluateAll((trs) => trs.map((tr) => ({
    licenses: tr.querySelector('td.licenses').innerText, commercial: tr.querySelector('td.commercial').dataset.commercial })));
  assert.equal(both.length, apache);
  for (const r of both) {
    assert.match(r.licenses, /\bApache-2\.0\b/i, 'every row carries the license');
    assert.equal(r.commercial, 'allowed');
  }

  // Back restores the previous filter; Clear removes them all.
  await page.goBack();
  await waitForUrl(page, () => !location.search.includes('license='), 'went back');
  assert.equal(await tableSettled(page), allowed, 'back shows the previous filter\u2019s rows');
  assert.equal(await page.locator('#f-commercial').inputValue(), 'allowed');
  await page.click('#clear-filters');
  await waitForUrl(page, () => location.search === '', 'was cleared');
  assert.equal(await tableSettled(page), total);

  // A filter that matches nothing says so.
  await page.fill('#f-q', 'no-such-release-anywhere');
  await page.press('#f-q', 'Enter');
  await waitForUrl(page, () => location.search.includes('q=no-such'), 'took the search');
  assert.equal(await tableSettled(page), 0);
  assert.match(await page.locator('#releases tbody').innerText(), /No release matches/);
  await page.click('#clear-filters');
  await tableSettled(page);
}

async function checkSort(page) {
  const levelHeader = page.locator('#releases thead th[data-sort="level"]');
  assert.equal(await levelHeader.getAttribute('aria-sort'), 'none');
  assert.equal(await page.locator('#releases thead th[data-sort="name id"]').getAttribute('aria-sort'), 'ascending', 'by name at first');
  // The sort buttons work from the keyboard.
  await levelHeader.locator('button').focus();
  await page.keyboard.press('Enter');
  await waitForUrl(page, () => location.search.includes('sort=level'), 'took the sort');
  await page.waitForFunction(() => document.querySelector('#releases thead th[data-sort="level"]')?.getAttribute('aria-sort') === 'descending');
  await tableSettled(page);
  const levels = await page.locator('#releases tbody td.level').evaluateAll((tds) => tds.map((td) => (td.dataset.level ? Number(td.dataset.level) : 0)));
  assert.ok(levels.length > 1);
  assert.deepEqual(levels, [...levels].sort((a, b) => b - a), `levels most open first (${levels})`);
  assert.ok(levels[0] > levels[levels.length - 1], 'the sort changes something');

  await page.click('#releases thead button[data-sort="id"]');
  await waitForUrl(page, () => location.search.includes('sort=id'), 'took the id sort');
  await page.waitForFunction(() => document.querySelector('#releases thead th[data-sort="name id"]')?.getAttribute('aria-sort') === 'ascending'
    && document.querySelector('#releases thead th[data-sort="level"]')?.getAttribute('aria-sort') === 'none');
  assert.equal(await page.locator('#releases thead button[data-sort="id"]').getAttribute('aria-pressed'), 'true');
  await tableSettled(page);
  const ids = await rows(page).evaluateAll((trs) => trs.map((tr) => tr.dataset.id));
  assert.deepEqual(ids, [...ids].sort(), 'ids in order');
}

async function checkRelease(page, base) {
  await page.goto(`${base}/?q=${LLAMA}`, { waitUntil: 'load' });
  await tableSettled(page);
  await page.click(`#releases tbody tr[data-id="${LLAMA}"] th a`);
  await waitForUrl(page, () => location.pathname.startsWith('/release/'), 'opened the release');
  assert.equal(new URL(page.url()).pathname, `/release/${LLAMA}`);
  await page.locator('#charts svg.chart').first().waitFor();
  const data = await apiJson(page, base, `/api/releases/${LLAMA}`);
  const a = data.assessment;
  assert.equal(await page.locator('h1').innerText(), data.summary.name);
  assert.equal(await page.title(), `${data.summary.name} · Aperture`);

  // The charts: one tile per component in its state and colour, and every framework's marks.
  const tiles = page.locator('svg.chart g.mark[data-component]');
  assert.equal(await tiles.count(), COMPONENTS, 'one tile per component');
  for (const c of a.components) {
    const tile = page.locator(`svg.chart g.mark[data-component="${c.kind}"]`);
    assert.equal(await tile.getAttribute('data-state'), c.state, `${c.kind} tile`);
    assert.equal(await tile.locator('rect').first().getAttribute('fill'), STATE_FILLS[c.state], `${c.kind} colour`);
    const box = await tile.boundingBox();
    assert.ok(box && box.width > 40 && box.height > 20, `${c.kind} tile is visible`);
  }
  const count = (f) => page.locator(`svg.chart g.mark[data-framework="${f}"]`).count();
  assert.equal(await count('osd'), 1);
  assert.equal(await count('osaid'), 4);
  assert.equal(await count('mof'), 3);
  assert.equal(await count('osai'), 12);
  assert.equal(await count('spectrum'), 5);
  assert.equal(await page.locator('svg.chart g.mark[data-framework="osd"]').getAttribute('data-state'),
               a.verdicts.osd.outcome === 'fail' ? 'closed' : 'open');

  // The summary states the verdicts.
  assert.match(await page.locator('#summary tr[data-row="osd"]').innerText(), /\bno\b/);
  assert.match(await page.locator('#summary tr[data-row="spectrum"]').innerText(), new RegExp(`${a.verdicts.spectrum.level} · ${a.verdicts.spectrum.label}`));

  // Every component row shows its evidence: the file and line, the quote, the URL as a link.
  let links = 0;
  for (const c of a.components) {
    const row = page.locator(`#components tr[data-component="${c.kind}"]`);
    assert.equal(await row.locator('.badge').getAttribute('data-state'), c.state);
    const items = row.locator('ul.evidence li');
    assert.equal(await items.count(), c.evidence.length, `${c.kind}: each evidence item`);
    for (const [i, e] of c.evidence.entries()) {
      const text = await items.nth(i).innerText();
      if (e.file) assert.ok(text.includes(e.line ? `${e.file}:${e.line}` : e.file), `${c.kind}: ${e.file}:${e.line}`);
      if (e.quote) assert.ok(text.includes(e.quote), `${c.kind}: the quote`);
      if (e.url) {
        assert.equal(await items.nth(i).locator('a.ext').getAttribute('href'), new URL(e.url).href, `${c.kind}: the URL is a link`);
        links += 1;
      }
    }
  }
  assert.ok(links >= 5, `evidence links (${links})`);
  const hrefs = await page.locator('main a.ext').evaluateAll((as) => as.map((x) => x.getAttribute('href')));
  assert.ok(hrefs.every((href) => /^https?:\/\//.test(href)), 'only http(s) links leave the page');
  // The OSD's failing criteria quote the license's clauses.
  const failing = a.verdicts.osd.failing ?? [];
  assert.ok(failing.length > 0);
  const frameworks = await page.locator('#frameworks').innerText();
  for (const c of failing) assert.ok(frameworks.includes(c.id), `criterion ${c.id} shown`);
  assert.ok(frameworks.includes(failing[0].evidence[0].quote), 'with its clause');

  // An unknown release is a 404 shown as such.
  await page.goto(`${base}/release/no-such-release`, { waitUntil: 'load' });
  await page.locator('[role=alert]').waitFor();
  assert.match(await page.locator('[role=alert]').innerText(), /not found/i);
}

async function checkCompare(page, base, fake) {
  // Picked in the table, through two searches: the selection outlives a filter.
  await page.goto(`${base}/?q=${LLAMA}`, { waitUntil: 'load' });
  await tableSettled(page);
  const button = page.locator('#compare-selected');
  assert.ok(await button.isDisabled(), 'compare needs two');
  await page.check(`#releases tr[data-id="${LLAMA}"] input.pick`);
  await page.fill('#f-q', OLMO);
  await page.press('#f-q', 'Enter');
  await waitForUrl(page, () => location.search.includes('olmo'), 'took the search');
  await page.locator(`#releases tr[data-id="${OLMO}"]`).waitFor();
  await page.check(`#releases tr[data-id="${OLMO}"] input.pick`);
  assert.ok(await button.isEnabled(), 'two picked');
  await button.click();
  await waitForUrl(page, () => location.pathname === '/compare', 'opened the comparison');
  assert.equal(new URL(page.url()).searchParams.get('ids'), `${LLAMA},${OLMO}`);
  await page.locator('#comparison').waitFor();

  const data = await apiJson(page, base, `/api/compare?ids=${LLAMA},${OLMO}`);
  const heads = page.locator('#comparison thead th[data-id]');
  assert.equal(await heads.count(), 2, 'a column per release');
  assert.deepEqual(await heads.evaluateAll((ths) => ths.map((th) => th.dataset.id)), [LLAMA, OLMO]);
  assert.equal(await page.locator('#comparison thead .strip').first().locator('span').count(), COMPONENTS);

  const rowsShown = page.locator('#comparison tbody tr[data-label]');
  assert.equal(await rowsShown.count(), data.comparison.rows.length, 'every row of the comparison');
  const differing = data.comparison.rows.filter((r) => r.differs);
  assert.ok(differing.some((r) => r.section === 'terms'), 'the terms differ');
  assert.equal(await page.locator('#comparison tr.differs').count(), differing.length, 'differing rows marked');
  const commercial = page.locator('#comparison tbody[data-section="terms"] tr[data-label="commercial use"]');
  assert.equal(await commercial.getAttribute('class'), 'differs');
  const cells = await commercial.locator('td').allInnerTexts();
  assert.match(cells[0], /conditional/);
  assert.match(cells[1], /allowed/);
  const license = await page.locator('#comparison tr[data-label="License"] td').allInnerTexts();
  assert.deepEqual(license, data.comparison.rows.find((r) => r.label === 'License').values);

  // Only the differences: the same rows hide, the differing stay.
  const same = page.locator('#comparison tr.same').first();
  assert.ok(await same.isVisible());
  await page.check('#only-differences');
  assert.ok(!(await same.isVisible()), 'rows that agree are hidden');
  assert.ok(await commercial.isVisible(), 'rows that differ stay');

  // The picker: a third release.
  await page.fill('#pick-2', 'mistral-7b-v0.1');
  await page.click('#compare-form button[type=submit]');
  await waitForUrl(page, () => location.search.includes('mistral'), 'took the third release');
  if (fake) {
    // The fake API holds one comparison; anything else is its 404, shown as an error.
    await page.locator('[role=alert]').waitFor();
  } else {
    await page.locator('#comparison thead th[data-id="mistral-7b-v0.1"]').waitFor();
    assert.equal(await page.locator('#comparison thead th[data-id]').count(), 3, 'three columns');
  }
}

async function analyse(page, text) {
  await page.fill('#text', text);
  await page.click('#analyze-button');
  await page.locator('#analysis h2, #analysis [role=alert]').first().waitFor();
  await page.waitForFunction(() => document.querySelector('#analysis')?.getAttribute('aria-busy') !== 'true');
}

async function checkAnalyze(page, base, opts) {
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await page.click('header nav a[data-nav="analyze"]');
  await waitForUrl(page, () => location.pathname === '/analyze', 'opened the analyser');
  assert.equal(await page.locator('label[for=text]').innerText(), 'License or model card text');
  const fixture = (name) => fs.readFileSync(path.join(opts.sourceDir, 'tests', 'browser', 'fixtures', 'analyze', name), 'utf8');

  await page.click('#analyze-button');
  assert.match(await page.locator('#analysis [role=alert]').innerText(), /Paste a text first/);

  // An open license: identified, no restrictions, the OSD passed.
  await analyse(page, fixture('apache-2.0.txt'));
  const apache = page.locator('#analysis article.license-result');
  assert.equal(await apache.count(), 1);
  assert.equal(await apache.getAttribute('data-license'), 'Apache-2.0');
  assert.equal(await apache.locator('.license-id').innerText(), 'Apache-2.0');
  assert.match(await apache.innerText(), /OSI approved/);
  assert.equal(await apache.locator('.no-restrictions').count(), 1, 'no restrictions');
  assert.match(await apache.locator('p').first().innerText(), /OSD: yes/);

  // A Llama-style license: identified by its phrases, its restrictions quoted with their clauses.
  await analyse(page, fixture('llama-3.1.txt'));
  const llama = page.locator('#analysis article.license-result');
  assert.equal(await llama.getAttribute('data-license'), 'LicenseRef-Llama-3.1');
  const restrictions = llama.locator('ul.restrictions li');
  const terms = await restrictions.evaluateAll((lis) => lis.map((li) => li.dataset.term));
  for (const t of ['Commercial use', 'User threshold', 'Use ban', 'Acceptable-use policy']) assert.ok(terms.includes(t), `${t} among ${terms}`);
  const threshold = await llama.locator('li[data-term="User threshold"]').innerText();
  assert.match(threshold, /700,000,000 monthly active users/);
  assert.match(threshold, /§2/);
  assert.match(threshold, /you must request a license from Meta/);
  assert.match(await llama.innerText(), /OSD: no/);
  assert.ok(await llama.locator('ul.criteria li[data-item="osd-5"]').count() === 1, 'the failing OSD criteria');

  // A license Aperture does not know: its restrictive clauses, quoted with their lines.
  await analyse(page, fixture('acme-custom.txt'));
  assert.equal(await page.locator('#analysis article.license-result').count(), 0);
  assert.match(await page.locator('#analysis .no-license').innerText(), /No known license/);
  const kinds = await page.locator('#clauses li').evaluateAll((lis) => lis.map((li) => li.dataset.kind));
  assert.ok(kinds.includes('non-commercial') && kinds.includes('user-threshold'), `clauses ${kinds}`);
  assert.match(await page.locator('#clauses li[data-kind="non-commercial"]').innerText(), /line 4.*commercial purposes/s);

  // The MIT License with a clause added: not the MIT License, and said so.
  await analyse(page, fixture('modified-mit.txt'));
  assert.equal(await page.locator('#analysis article.license-result').count(), 0);
  const changed = page.locator('#analysis p.unidentified');
  assert.equal(await changed.getAttribute('data-closest'), 'MIT');
  assert.match(await changed.innerText(), /lines 1-\d+: most like MIT, with \d+% of its words there/);

  // A model card: the whole assessment, charts included.
  await analyse(page, fixture('orca-card.txt'));
  assert.match(await page.locator('#analysis-kind').innerText(), /model card/);
  assert.equal(await page.locator('#analysis svg.chart g.mark[data-component]').count(), COMPONENTS);
  assert.match(await page.locator('#analysis').innerText(), /LicenseRef-Llama-3\.1/);
  assert.ok(await page.locator('#analysis .finding[data-rule="open-washing"]').count() >= 1, 'the card\u2019s open-washing');
}

async function checkDark(browser, base) {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${base}/`, { waitUntil: 'load' });
  await tableSettled(page);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(13, 17, 23)', 'a dark background when the system asks for one');
  const cell = page.locator('#releases tbody td.comp[data-state="open"]').first();
  assert.equal(await cell.evaluate((td) => getComputedStyle(td).backgroundColor), STATE_COLOURS.open, 'states keep their colours');
  await context.close();
}

async function main() {
  const opts = options();
  const { chromium } = loadPlaywright(opts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aperture-serve-web-'));
  let server = null;
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    server = await startServer(opts, dir);
    const base = server.url;
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, deviceScaleFactor: 1, colorScheme: 'light' });
    const outside = [];
    const errors = [];
    // Nothing may come from elsewhere: the page works offline.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(`${base}/`)) return route.continue();
      outside.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      // A 404 the test asks for on purpose is logged by Chromium as a failed resource.
      if (msg.type() === 'error' && !/status of 404/.test(msg.text())) errors.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));

    const steps = [
      ['table', async () => checkTable(page, base)],
      ['filter', async (total) => checkFilter(page, base, total)],
      ['sort', async () => checkSort(page)],
      ['release', async () => checkRelease(page, base)],
      ['compare', async () => checkCompare(page, base, opts.fake)],
      ['analyze', async () => checkAnalyze(page, base, opts)],
      ['dark', async () => checkDark(browser, base)],
    ];
    let total = 0;
    for (const [name, step] of steps) {
      try {
        const out = await step(total);
        if (name === 'table') total = out;
        console.log(`ok: ${name}`);
      } catch (e) {
        e.message = `${name}: ${e.message}`;
        if (process.env.APERTURE_FAIL_SCREENSHOT) await page.screenshot({ path: process.env.APERTURE_FAIL_SCREENSHOT, fullPage: true }).catch(() => {});
        throw e;
      }
    }
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(outside, [], 'no request leaves the server');

    if (process.env.APERTURE_UPDATE_SCREENSHOT === '1') {
      const target = path.join(opts.sourceDir, 'docs', 'images', 'serve-table.png');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      await page.goto(`${base}/?sort=level`, { waitUntil: 'load' });
      await tableSettled(page);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: target, clip: { x: 0, y: 0, width: 1400, height: 900 } });
      console.log(`wrote ${target}`);
    }
    console.log(`ok: the web page works against ${server.kind}`);
  } finally {
    await browser.close();
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
