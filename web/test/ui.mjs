// UI test in headless Chromium: start chronicle on the demo corpus, load
// the page, search, brush the timeline, open an event and check that its
// evidence sentence is highlighted in the article. Screenshots go to
// $ARTIFACTS (default ../artifacts/ui).
//
//   node test/ui.mjs            (needs /usr/bin/chromium and a built UI)
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const artifacts = process.env.ARTIFACTS || join(root, 'artifacts', 'ui');
await mkdir(artifacts, { recursive: true });
const db = join(await mkdtemp(join(tmpdir(), 'chronicle-ui-')), 'ui.db');
const bin = process.env.CHRONICLE_BIN || join(root, 'chronicle');

let passed = 0, failed = 0;
async function step(name, fn) {
  try { await fn(); passed++; console.log(`ok   ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}

// Start the server on a free loopback port and wait for its URL.
const server = spawn(bin, ['run', '--quiet', '--db', db, '--serve', '127.0.0.1:0', join(root, 'testdata', 'demo')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  let out = '';
  const timer = setTimeout(() => reject(new Error('server did not start in 120s: ' + out)), 120000);
  server.stdout.on('data', (d) => {
    out += d;
    const m = out.match(/serving on (http:\/\/[^\s]+)/);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  server.on('exit', (code) => reject(new Error('server exited ' + code + ': ' + out)));
});
console.log('server at', url);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
const consoleErrors = [];
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(e.message));

try {
  await step('page loads with events, network and map', async () => {
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForSelector('body[data-loaded]', { timeout: 30000 });
    const rows = await page.locator('#events tbody tr').count();
    assert.ok(rows > 0, 'event table is empty');
    assert.ok(await page.locator('#timeline canvas').count() > 0, 'no timeline chart');
    assert.ok(await page.locator('#map .leaflet-interactive').count() > 0, 'no located events on the map');
    await page.screenshot({ path: join(artifacts, '1-loaded.png'), fullPage: true });
  });

  await step('search filters the events', async () => {
    const before = await page.locator('#events tbody tr').count();
    await page.fill('#q', 'ceasefire');
    const loaded = await page.getAttribute('body', 'data-loaded');
    await page.click('#filters button[type=submit]');
    await page.waitForFunction((v) => document.body.dataset.loaded !== v, loaded);
    const after = await page.locator('#events tbody tr').count();
    assert.ok(after > 0 && after <= before, `search gave ${after} rows (before ${before})`);
    assert.match(page.url(), /q=ceasefire/);
    await page.screenshot({ path: join(artifacts, '2-search.png'), fullPage: true });
    const searched = await page.getAttribute('body', 'data-loaded');
    await page.click('#clear');
    await page.waitForFunction((v) => document.body.dataset.loaded !== v, searched);
  });

  await step('brushing the timeline filters the rest', async () => {
    const before0 = await page.getAttribute('body', 'data-loaded');
    await page.selectOption('#interval', 'month');
    await page.waitForFunction((v) => document.body.dataset.loaded !== v, before0);
    const box = await page.locator('#timeline').boundingBox();
    const before = await page.locator('#events tbody tr').count();
    const loaded = await page.getAttribute('body', 'data-loaded');
    // Drag across the left part of the plot area.
    await page.mouse.move(box.x + 60, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.35, box.y + box.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.waitForFunction((v) => document.body.dataset.loaded !== v, loaded, { timeout: 15000 });
    const count = await page.textContent('#count');
    assert.match(count, / to \d{4}-\d{2}-\d{2}/, `no brushed range shown: ${count}`);
    const after = await page.locator('#events tbody tr').count();
    assert.ok(after < before, `brush kept ${after} of ${before} rows`);
    await page.screenshot({ path: join(artifacts, '3-brushed.png'), fullPage: true });
  });

  await step('opening an event highlights its evidence in the article', async () => {
    await page.click('#clear');
    await page.waitForTimeout(1500);
    await page.locator('#events tbody tr').first().click();
    await page.waitForSelector('#article-text mark.evidence', { timeout: 15000 });
    const evidence = (await page.textContent('#article-text mark.evidence')).trim();
    const mention = await page.textContent('#mentions li');
    assert.ok(evidence.length > 10, 'empty evidence');
    assert.ok(mention.includes(evidence.slice(0, 20)), `highlight "${evidence.slice(0, 40)}" is not the mention's sentence`);
    assert.ok(await page.locator('#article-text script').count() === 0, 'article text rendered as HTML');
    await page.screenshot({ path: join(artifacts, '4-evidence.png'), fullPage: true });
  });

  await step('article text with markup is shown as text', async () => {
    const r = await page.evaluate(async () => (await fetch('/api/articles?q=script')).json());
    const hit = r.items.find((h) => h.article.text.includes('<script>'));
    assert.ok(hit, 'the demo corpus has an article with a <script> tag');
    const ev = await page.evaluate(async (id) => (await fetch('/api/events?article=' + encodeURIComponent(id))).json(), hit.article.id);
    if (ev.items.length > 0) {
      await page.evaluate((id) => window.dispatchEvent(new CustomEvent('chronicle:open', { detail: id })), ev.items[0].id);
      await page.waitForSelector('#article-text mark.evidence');
      const html = await page.innerHTML('#article-text');
      assert.ok(html.includes('&lt;script&gt;'), 'markup was not escaped');
    }
    assert.equal(await page.evaluate(() => window.__pwned === true), false);
  });

  await step('no errors in the browser console', async () => {
    assert.deepEqual(consoleErrors, []);
  });
} finally {
  await browser.close();
  server.kill('SIGINT');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
