// The register `proviso publish` writes and the page `proviso assess --format html`
// writes, opened in headless chromium: axe-core finds no accessibility violation on any
// of them, every link of the register resolves to a page of the output, and screenshots
// at a phone's width (375 px) and a desktop's (1440 px) go to the build folder.
//
// Usage: node tests/browser/publish_test.mjs PROVISO_BINARY OUTPUT_FOLDER
// Exits 77 (skipped) when /usr/bin/chromium or node_modules is missing, 1 on a failure.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const chromium = '/usr/bin/chromium';
const [proviso, outArg] = process.argv.slice(2);
if (!proviso || !outArg) {
  console.error('usage: node tests/browser/publish_test.mjs PROVISO_BINARY OUTPUT_FOLDER');
  process.exit(2);
}
if (!existsSync(chromium) || !existsSync(path.join(here, 'node_modules', 'playwright-core')) ||
    !existsSync(path.join(here, 'node_modules', 'axe-core'))) {
  console.log(`SKIP: ${chromium} or tests/browser/node_modules is missing (npm ci in tests/browser)`);
  process.exit(77);
}
const require = createRequire(import.meta.url);
const { chromium: launcher } = require('playwright-core');
const axe = require('axe-core');

const out = path.resolve(outArg);
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const site = path.join(out, 'site');
const assessment = path.join(out, 'assessment.html');
const run = (args) => execFileSync(proviso, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
run(['publish', 'policies/', '-o', site]);
run(['assess', 'policies/', '--scenario', 'policies/scenarios/h1_discharge.json', '--framework', 'dpb',
     '--format', 'html', '-o', assessment]);
const panel = path.join(out, 'panel.html');
run(['assess', 'tests/ok/assessment', '--scenario', 'tests/golden/assess/panel_partial.json', '--framework', 'panel',
     '--format', 'html', '-o', panel]);

const failures = [];
const pages = readdirSync(site).filter((f) => f.endsWith('.html')).sort().map((f) => path.join(site, f));
pages.push(assessment, panel);

const browser = await launcher.launch({ executablePath: chromium, headless: true, args: ['--no-sandbox'] });
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Nothing may be fetched from anywhere but the output folder.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith('file://') || url.startsWith('data:')) return route.continue();
    failures.push(`a page asked for ${url}`);
    return route.abort();
  });
  for (const file of pages) {
    const name = path.relative(out, file);
    await page.goto(pathToFileURL(file).href);
    await page.addScriptTag({ content: axe.source });
    const result = await page.evaluate(async () =>
      await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'] } }));
    for (const v of result.violations) {
      failures.push(`${name}: axe ${v.id} (${v.impact}): ${v.help}; ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    }
    // Every link resolves to a page of the output (and an id in it).
    const links = await page.evaluate(() => [...document.querySelectorAll('a[href]')].map((a) => a.href));
    for (const href of links) {
      const url = new URL(href);
      if (url.protocol !== 'file:') { failures.push(`${name}: link ${href} leaves the output`); continue; }
      const target = fileURLToPath(url);
      if (!existsSync(target)) failures.push(`${name}: link ${href}: no such file`);
    }
    console.log(`${name}: ${result.violations.length} axe violations, ${result.passes.length} rules passed, ${links.length} links`);
  }
  // Screenshots: the assessment and two register pages, on a phone and on a desktop.
  const shots = [[assessment, 'assessment'], [path.join(site, 'index.html'), 'register-index'],
                 [path.join(site, 'policy-sharing_principles.html'), 'register-policy']];
  for (const width of [375, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    for (const [file, label] of shots) {
      await page.goto(pathToFileURL(file).href);
      // A page wider than the viewport scrolls sideways on a phone: a failure of the layout.
      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      if (scrollWidth > width + 1) failures.push(`${label}: ${scrollWidth} px wide at a ${width} px viewport`);
      const shot = path.join(out, `${label}-${width}.png`);
      await page.screenshot({ path: shot, fullPage: false });
      console.log(`screenshot ${shot}`);
    }
  }
} finally {
  await browser.close();
}
if (failures.length) {
  for (const f of failures) console.log(`FAIL ${f}`);
  process.exit(1);
}
console.log(`ok: ${pages.length} pages, no axe violations, every link resolves`);
