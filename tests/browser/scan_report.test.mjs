#!/usr/bin/env node
// The HTML report in a real browser: the built `aperture` writes the report of
// the bundled example release, headless Chromium (driven by playwright-core,
// pinned in package.json) renders it offline, and the page must show both
// charts with one mark per component, log no console error, and fetch nothing
// but the file itself.
//
// usage: node tests/browser/scan_report.test.mjs --aperture BIN [--node-modules DIR]
//            [--source-dir DIR] [--chromium PATH]
// APERTURE_UPDATE_SCREENSHOT=1 also writes docs/images/scan-report.png (the
// summary and the charts) for the README and docs/reports.md.
//
// Exit status: 0 passed, 1 failed, 77 skipped (CTest's SKIP_RETURN_CODE) when
// Chromium, playwright-core or Node 18 is missing.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SKIP = 77;
const EXAMPLE = 'examples/releases/orca-chat-8b';
const COMPONENTS = 19;

function options() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const opts = {
    aperture: null,
    sourceDir: path.resolve(here, '..', '..'),
    nodeModules: null,
    chromium: '/usr/bin/chromium',
  };
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i += 2) {
    const key = { '--aperture': 'aperture', '--source-dir': 'sourceDir', '--node-modules': 'nodeModules',
                  '--chromium': 'chromium' }[args[i]];
    if (!key || args[i + 1] === undefined) {
      console.error(`scan_report.test: unknown or incomplete option ${args[i]}`);
      process.exit(2);
    }
    opts[key] = args[i + 1];
  }
  if (!opts.aperture) {
    console.error('scan_report.test: --aperture BIN is required');
    process.exit(2);
  }
  opts.nodeModules ??= path.join(opts.sourceDir, 'node_modules');
  return opts;
}

function skip(why) {
  console.log(`SKIP: ${why}`);
  process.exit(SKIP);
}

// playwright-core from the project's node_modules, or a reason to skip.
function loadPlaywright(opts) {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 18) {
    skip(`Node ${process.versions.node} is older than playwright-core needs (18)`);
  }
  if (!fs.existsSync(opts.chromium)) {
    skip(`no Chromium at ${opts.chromium}; install it with scripts/install-deps.sh (Debian package chromium)`);
  }
  try {
    return createRequire(path.join(opts.nodeModules, 'index.js'))('playwright-core');
  } catch {
    return skip(`playwright-core is not installed in ${opts.nodeModules}; run scripts/install-deps.sh (npm ci)`);
  }
}

// Runs `aperture scan --format html -o FILE` on the example; returns FILE.
function writeReport(opts, dir) {
  const out = path.join(dir, 'report.html');
  execFileSync(path.resolve(opts.aperture), ['scan', '--format', 'html', '-o', out, EXAMPLE],
               { cwd: opts.sourceDir, stdio: ['ignore', 'inherit', 'inherit'] });
  return out;
}

async function checkPage(page, fileUrl) {
  const components = page.locator('svg.chart g.mark[data-component]');
  assert.equal(await components.count(), COMPONENTS, 'one mark per component');
  const kinds = new Set(await components.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-component'))));
  assert.equal(kinds.size, COMPONENTS, 'each component once');
  for (const mark of await components.all()) {
    const box = await mark.boundingBox();
    assert.ok(box && box.width > 40 && box.height > 20, 'a component mark has a visible size');
  }
  const componentChart = page.locator('svg.chart', { has: page.locator('g[data-component]') });
  assert.ok(await componentChart.isVisible(), 'the component chart is visible');

  const frameworkChart = page.locator('svg.chart', { has: page.locator('g[data-framework]') });
  assert.ok(await frameworkChart.isVisible(), 'the framework chart is visible');
  const count = (framework) => page.locator(`svg.chart g.mark[data-framework="${framework}"]`).count();
  assert.equal(await count('osd'), 1, 'OSD mark');
  assert.equal(await count('osaid'), 4, 'OSAID requirement marks');
  assert.equal(await count('mof'), 3, 'MOF class marks');
  assert.equal(await count('osai'), 12, 'OSAI parameter marks');
  assert.equal(await count('spectrum'), 5, 'spectrum level marks');

  // The example's verdicts, as the summary states them.
  const summary = await page.locator('#summary table').innerText();
  assert.match(summary, /LicenseRef-Llama-3\.1/);
  assert.match(summary, /3 · open weights under restrictive terms/);
  const state = (kind) => page.locator(`g.mark[data-component="${kind}"]`).getAttribute('data-state');
  assert.equal(await state('training-code'), 'open');
  assert.equal(await state('model-parameters-final'), 'restricted');
  assert.equal(await state('deployment'), 'closed');
  assert.equal(await state('datasets'), 'unknown');

  assert.equal(await page.locator('script').count(), 0, 'no scripts');
  assert.match(await page.locator('footer').innerText(), /Aperture gives information, not legal advice\./);
  assert.equal(page.url(), fileUrl);
}

async function main() {
  const opts = options();
  const { chromium } = loadPlaywright(opts);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aperture-browser-'));
  const browser = await chromium.launch({
    executablePath: opts.chromium,
    headless: true,
    // Chromium's sandbox cannot start as root (CI containers).
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  try {
    const fileUrl = pathToFileURL(writeReport(opts, dir)).href;
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 }, deviceScaleFactor: 1 });
    const requests = [];
    const errors = [];
    // Anything but the report itself is recorded and refused: the page must work offline.
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === fileUrl ? route.continue() : route.abort();
    });
    const page = await context.newPage();
    page.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') errors.push(`${msg.type()}: ${msg.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    await page.goto(fileUrl, { waitUntil: 'load' });

    await checkPage(page, fileUrl);
    assert.deepEqual(errors, [], 'no console errors');
    assert.deepEqual(requests.filter((u) => u !== fileUrl), [], 'no request but the file itself');

    if (process.env.APERTURE_UPDATE_SCREENSHOT === '1') {
      const target = path.join(opts.sourceDir, 'docs', 'images', 'scan-report.png');
      fs.mkdirSync(path.dirname(target), { recursive: true });
      const bottom = await page.locator('#charts').evaluate((e) => e.getBoundingClientRect().bottom + window.scrollY);
      await page.screenshot({ path: target, fullPage: true, clip: { x: 0, y: 0, width: 1100, height: Math.ceil(bottom) + 16 } });
      console.log(`wrote ${target}`);
    }
    console.log(`ok: the HTML report of ${EXAMPLE} renders offline with ${COMPONENTS} component marks`);
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`FAIL: ${e.stack || e}`);
  process.exit(1);
});
