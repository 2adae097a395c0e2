// The web page of `proviso serve`, driven in Chromium:
//   node tests/browser/page_test.mjs PROVISO REPO_ROOT SCREENSHOT_DIR
// It serves the standard library, walks the questionnaire through scenarios of the
// library (answering each question from the scenario, "I don't know" for what the
// scenario leaves out), checks each decision shown against `proviso eval`, opens a
// finding's example in the questionnaire, downloads a decision record, uses the
// policies and register views, runs axe-core on every view, fails on any console
// error, and prints the first-load size and each answer's round trip.
// Exit status 77 (ctest SKIP_RETURN_CODE) when Chromium or node_modules is absent.
import {execFileSync, spawn} from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {fileURLToPath} from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [proviso, root, shots] = process.argv.slice(2);
if (!proviso || !root || !shots) {
  console.error('usage: node page_test.mjs PROVISO REPO_ROOT SCREENSHOT_DIR');
  process.exit(2);
}
const CHROMIUM = '/usr/bin/chromium';
if (!fs.existsSync(CHROMIUM) || !fs.existsSync(path.join(here, 'node_modules', 'playwright-core')) ||
    !fs.existsSync(path.join(here, 'node_modules', 'axe-core'))) {
  console.log('SKIP: needs /usr/bin/chromium and tests/browser/node_modules (npm ci)');
  process.exit(77);
}
const {chromium} = await import('playwright-core');
const axeSource = fs.readFileSync(path.join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

let failures = 0;
function fail(message) {
  console.error('FAIL: ' + message);
  failures++;
}
function check(condition, message) {
  if (!condition) fail(message);
  return condition;
}

// ------------------------------------------------------------------ the scenarios

// The scenario blocks of a .proviso file: title, flow, date, facts and the expected effect.
function parseScenarios(file) {
  const out = [];
  let current = null;
  for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    let m;
    if ((m = line.match(/^scenario\s+"((?:[^"\\]|\\.)*)"\s*\{$/))) {
      current = {title: m[1], file, facts: new Map(), expect: null};
    } else if (!current) {
      continue;
    } else if (line === '}') {
      out.push(current);
      current = null;
    } else if ((m = line.match(/^from\s+(\w+)\s+to\s+(\w+)$/))) {
      current.from = m[1];
      current.to = m[2];
    } else if ((m = line.match(/^on\s+(\d{4}-\d\d-\d\d)$/))) {
      current.on = m[1];
    } else if ((m = line.match(/^expect\s+(\w+)/))) {
      current.expect = m[1];
    } else if ((m = line.match(/^([A-Za-z_][\w.]*)\s*=\s*(.+)$/))) {
      const text = m[2].trim();
      let value;
      if (text === 'true' || text === 'false') value = text === 'true';
      else if (/^-?\d+$/.test(text)) value = Number(text);
      else if (text.startsWith('{')) value = text.replace(/[{}]/g, '').split(',').map((s) => s.trim()).filter(Boolean);
      else value = text;
      current.facts.set(m[1], value);
    }
  }
  return out;
}

function nest(facts) {
  const out = {};
  for (const [name, value] of facts) {
    const parts = name.split('.');
    let at = out;
    for (const p of parts.slice(0, -1)) at = at[p] = at[p] || {};
    at[parts[parts.length - 1]] = value;
  }
  return out;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'proviso-page-'));
const policies = path.join(root, 'policies');

function evalDecision(s, withDate) {
  const file = path.join(work, 'scenario.json');
  const body = {from: s.from, to: s.to, facts: nest(s.facts)};
  if (withDate && s.on) body.on = s.on;
  fs.writeFileSync(file, JSON.stringify(body));
  let out;
  try {
    out = execFileSync(proviso, ['eval', policies, '--scenario', file, '--format', 'json'], {encoding: 'utf8', maxBuffer: 256 << 20});
  } catch (e) {
    out = e.stdout;  // exit status 1 for deny, 3 for undetermined: the JSON is still there
  }
  return JSON.parse(out);
}

const all = fs.readdirSync(path.join(policies, 'scenarios')).filter((f) => f.endsWith('.proviso'))
  .flatMap((f) => parseScenarios(path.join(policies, 'scenarios', f)));
check(all.length > 20, `only ${all.length} scenarios read from policies/scenarios`);
// Two of each effect, from different files where there are.
const picked = [];
for (const effect of ['share', 'refer', 'deny']) {
  const files = new Set();
  for (const s of all) {
    if (s.expect !== effect || files.has(s.file) || !s.from) continue;
    files.add(s.file);
    picked.push(s);
    if (files.size === 2) break;
  }
}
// An undetermined case: a share scenario without the facts that decide it; the page
// answers "I don't know" to each of them.
{
  const base = picked.find((s) => s.expect === 'share');
  const facts = new Map(base.facts);
  for (const name of ['lawful_basis', 'consent', 'statutory_gateway', 'purpose', 'art9_condition', 'cldc_route']) facts.delete(name);
  picked.push({title: base.title + ' (with facts left out)', file: base.file, from: base.from, to: base.to, on: base.on, facts, expect: 'undetermined'});
}
for (const s of picked) {
  // The parser here must read the block as the compiler does: same decision as by title.
  if (!s.title.endsWith('(with facts left out)')) {
    let byName;
    try {
      byName = execFileSync(proviso, ['eval', policies, '--name', s.title, '--format', 'json'], {encoding: 'utf8', maxBuffer: 256 << 20});
    } catch (e) {
      byName = e.stdout;
    }
    check(JSON.parse(byName).decision === evalDecision(s, true).decision, `scenario "${s.title}" read differently here`);
  }
  s.eval = evalDecision(s, false);  // the page decides on today's date, as eval without "on"
}
check(new Set(picked.map((s) => s.eval.decision)).size >= 3, 'the scenarios picked do not cover three decisions: ' +
  picked.map((s) => s.eval.decision).join(', '));

// ------------------------------------------------------------------ the service

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const {port} = server.address();
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const serveLog = fs.openSync(path.join(work, 'serve.log'), 'w');
const server = spawn(proviso, ['serve', policies, '--listen', `127.0.0.1:${port}`, '--register', 'sqlite:' + path.join(work, 'register.sqlite')],
  {stdio: ['ignore', 'ignore', serveLog]});
let serverExit = null;
server.on('exit', (code, signal) => { serverExit = {code, signal}; });

async function waitHealthy() {
  const deadline = Date.now() + 60000;
  while (Date.now() < deadline) {
    if (serverExit) throw new Error('proviso serve exited: ' + JSON.stringify(serverExit) + '\n' + fs.readFileSync(path.join(work, 'serve.log'), 'utf8'));
    try {
      const r = await fetch(base + '/v1/health');
      if (r.ok) return;
    } catch (e) { /* not yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('proviso serve did not answer within 60 s');
}

let browser;
let axeRuns = 0;
const timings = [];
try {
  await waitHealthy();
  const bundle = await (await fetch(base + '/v1/bundle')).json();
  const types = new Map(bundle.facts.map((f) => [f.name, f.type]));

  // ---------------------------------------------------------------- the browser
  fs.mkdirSync(shots, {recursive: true});
  browser = await chromium.launch({executablePath: CHROMIUM, headless: true,
    args: process.getuid && process.getuid() === 0 ? ['--no-sandbox'] : []});
  const context = await browser.newContext({bypassCSP: true, acceptDownloads: true, viewport: {width: 1440, height: 900}});
  const page = await context.newPage();
  const consoleErrors = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  async function axe(view) {
    await page.addScriptTag({content: axeSource});
    const result = await page.evaluate(async () => {
      const r = await window.axe.run(document);
      return {violations: r.violations, passes: r.passes.length};
    });
    check(result.passes > 10, `axe on ${view} checked almost nothing (${result.passes} rules passed)`);
    axeRuns++;
    for (const v of result.violations) {
      fail(`axe on ${view}: ${v.id} (${v.impact}): ${v.help}; at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
    }
  }

  async function shoot(name, fullPage = true) {
    for (const width of [375, 1440]) {
      await page.setViewportSize({width, height: width === 375 ? 812 : 900});
      await page.screenshot({path: path.join(shots, `${name}-${width}.png`), fullPage});
      // Nothing may stick out sideways at either width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (overflow > 1) {
        // Name the widest elements that stick out, innermost first, to say what to fix.
        const culprits = await page.evaluate(() => {
          const limit = document.documentElement.clientWidth;
          return [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > limit + 1 &&
            ![...e.children].some((c) => c.getBoundingClientRect().right > limit + 1))
            .slice(0, 3).map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className ? '.' + String(e.className).split(' ').join('.') : '') +
              ' "' + (e.textContent || '').trim().slice(0, 40) + '"');
        });
        fail(`${name} at ${width} px is ${overflow} px wider than the window: ${culprits.join('; ')}`);
      }
    }
    await page.setViewportSize({width: 1440, height: 900});
  }

  // First load: every byte the page fetches until it is ready (its files and the bundle).
  let firstLoad = 0;
  const counter = async (response) => {
    try { firstLoad += (await response.body()).length; } catch (e) { /* redirects have no body */ }
  };
  page.on('response', counter);
  await page.goto(base + '/', {waitUntil: 'networkidle'});
  page.off('response', counter);
  await page.waitForSelector('[data-testid="flow-from"] option:nth-child(2)', {state: 'attached'});
  console.log(`first load: ${firstLoad} bytes (${(firstLoad / 1024).toFixed(1)} KB)`);
  check(firstLoad < 300 * 1024, `the first load is ${firstLoad} bytes, over 300 KB`);
  await axe('the empty questionnaire');
  await shoot('decide-empty');

  // Answers the current question from `facts`; "I don't know" when the scenario lacks it.
  async function walk(s, label) {
    const asked = [];
    let dontKnows = 0;
    for (let step = 0; step < 300; step++) {
      await page.waitForFunction(() => document.body.dataset.busy === 'false');
      const form = page.locator('#question-form');
      if (!(await form.isVisible())) break;
      const fact = await page.getAttribute('[data-testid="question"]', 'data-fact');
      if (asked.includes(fact) && !s.facts.has(fact)) {
        fail(`${label}: "${fact}" was asked again after "I don't know"`);
        break;
      }
      asked.push(fact);
      const before = await page.evaluate(() => performance.getEntriesByName('proviso-answer').length);
      const started = Date.now();
      if (s.facts.has(fact)) {
        const value = s.facts.get(fact);
        const type = types.get(fact) || '';
        const answer = page.locator('[data-testid="answer"]');
        if (type.startsWith('int')) await answer.fill(String(value));
        else if (type === 'bool') await answer.selectOption(value ? 'yes' : 'no');
        else await answer.selectOption(value);
        await page.click('[data-testid="answer-submit"]');
      } else {
        dontKnows++;
        await page.click('[data-testid="dont-know"]');
      }
      await page.waitForFunction((n) => performance.getEntriesByName('proviso-answer').length > n, before);
      const measured = await page.evaluate(() => {
        const all = performance.getEntriesByName('proviso-answer');
        return all[all.length - 1].duration;
      });
      timings.push({label, fact, ms: measured, wall: Date.now() - started});
    }
    await page.waitForFunction(() => document.body.dataset.busy === 'false');
    return {asked, dontKnows};
  }

  let downloaded = false;
  for (const s of picked) {
    await page.goto(base + '/#decide');
    await page.waitForSelector('[data-testid="flow-from"] option:nth-child(2)', {state: 'attached'});
    await page.selectOption('[data-testid="flow-from"]', s.from);
    await page.selectOption('[data-testid="flow-to"]', s.to);
    await page.click('#flow-start');
    const {asked, dontKnows} = await walk(s, s.title);
    const shown = await page.getAttribute('[data-testid="decision"]', 'data-outcome');
    const final = await page.getAttribute('[data-testid="decision"]', 'data-final');
    check(final === 'true', `${s.title}: the walk ended with a question still open`);
    check(shown === s.eval.decision, `${s.title}: the page says ${shown}, proviso eval says ${s.eval.decision}`);
    if (s.expect !== 'undetermined') {
      check(shown === s.expect, `${s.title}: the page says ${shown}, the scenario expects ${s.expect}`);
    } else {
      check(dontKnows > 0, `${s.title}: no "I don't know" was needed`);
    }
    const obligations = await page.locator('.obligations li').count();
    check(obligations === s.eval.obligations.length, `${s.title}: ${obligations} conditions shown, eval gives ${s.eval.obligations.length}`);
    const why = await page.textContent('[data-testid="justification"]');
    check(why.trim().length > 20, `${s.title}: no justification shown`);
    await page.waitForSelector('[data-testid="record-download"]');
    const id = await page.getAttribute('code[data-decision-id]', 'data-decision-id');
    check(/^[0-9a-f-]{36}$/.test(id || ''), `${s.title}: no decision id shown`);
    if (s.eval.decision !== 'undetermined') {
      await page.waitForSelector('#change-panel:not([hidden])');
    }
    console.log(`${s.title}: ${shown} after ${asked.length} questions (${dontKnows} "I don't know")`);
    await axe(`the decision of "${s.title}"`);
    if (!downloaded) {
      await shoot('decide-result');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="record-download"]')]);
      const file = path.join(work, 'record.md');
      await download.saveAs(file);
      const text = fs.readFileSync(file, 'utf8');
      check(text.includes(id) && text.toLowerCase().includes(shown), `the downloaded record lacks the id or the decision: ${text.slice(0, 200)}`);
      console.log(`record downloaded: ${text.length} bytes`);
      downloaded = true;

      // Changing an earlier answer decides again at once.
      const firstFact = asked.find((f) => s.facts.has(f) && types.get(f) === 'bool');
      if (firstFact) {
        await page.click(`#answers tr[data-fact="${firstFact}"] button`);
        await page.waitForSelector(`[data-testid="question"][data-fact="${firstFact}"]`);
        await page.selectOption('[data-testid="answer"]', s.facts.get(firstFact) ? 'no' : 'yes');
        await page.click('[data-testid="answer-submit"]');
        await page.waitForFunction(() => document.body.dataset.busy === 'false');
        const changed = await page.$eval(`#answers tr[data-fact="${firstFact}"] td:nth-child(2)`, (td) => td.textContent);
        check(changed === (s.facts.get(firstFact) ? 'no' : 'yes'), `changing "${firstFact}" did not take: ${changed}`);
      }
    }
  }

  // ---------------------------------------------------------------- the keyboard alone
  {
    await page.goto(base + '/#decide');
    await page.waitForSelector('[data-testid="flow-from"] option:nth-child(2)', {state: 'attached'});
    const focused = async () => page.evaluate(() => {
      const e = document.activeElement;
      const style = getComputedStyle(e);
      return {id: e.id, tag: e.tagName, testid: e.dataset.testid || '', text: (e.textContent || '').trim().slice(0, 30),
        ring: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2};
    });
    let f = null;
    for (let i = 0; i < 10 && (!f || f.id !== 'flow-from'); i++) {
      await page.keyboard.press('Tab');
      f = await focused();
      if (f.tag !== 'BODY') check(f.ring, `keyboard: no visible focus on ${JSON.stringify(f)}`);
    }
    check(f.id === 'flow-from', 'keyboard: Tab never reaches the disclosing sector');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    f = await focused();
    check(f.id === 'flow-start', `keyboard: Tab from the sectors goes to ${JSON.stringify(f)}, not Start`);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.body.dataset.busy === 'false' && !document.getElementById('question-form').hidden);
    const first = await page.getAttribute('[data-testid="question"]', 'data-fact');
    f = await focused();
    check(f.testid === 'answer', `keyboard: after Start the focus is on ${JSON.stringify(f)}, not the answer`);
    await page.keyboard.press('ArrowDown');
    // Tab to "Answer" (past the question's sources, which are text), then Enter.
    for (let i = 0; i < 5 && (await focused()).testid !== 'answer-submit'; i++) await page.keyboard.press('Tab');
    check((await focused()).testid === 'answer-submit', 'keyboard: Tab never reaches Answer');
    await page.keyboard.press('Enter');
    await page.waitForFunction((fact) => document.body.dataset.busy === 'false' &&
      document.querySelector('[data-testid="question"]').dataset.fact !== fact, first);
    f = await focused();
    check(f.testid === 'answer', `keyboard: after an answer the focus is on ${JSON.stringify(f)}, not the next question`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    check((await focused()).testid === 'dont-know', 'keyboard: "I don\'t know" is not next after Answer');
    const before = await page.getAttribute('[data-testid="question"]', 'data-fact');
    await page.keyboard.press('Enter');
    await page.waitForFunction((fact) => document.body.dataset.busy === 'false' &&
      document.querySelector('[data-testid="question"]').dataset.fact !== fact, before);
    console.log('keyboard: flow chosen, one question answered and one declined without the mouse');
  }

  // ---------------------------------------------------------------- findings
  await page.goto(base + '/#findings');
  await page.waitForSelector('.finding, #findings p:not(.hint)', {timeout: 120000});
  const findings = await page.locator('.finding').count();
  const witnessButtons = page.locator('.finding button[data-witness]');
  console.log(`findings: ${findings}, with an example case: ${await witnessButtons.count()}`);
  await axe('the findings');
  await shoot('findings');
  if (check(await witnessButtons.count() > 0, 'no finding has an example case to open')) {
    await witnessButtons.first().click();
    await page.waitForFunction(() => location.hash === '#decide' && document.body.dataset.busy === 'false');
    const rows = await page.locator('#answers tbody tr').count();
    check(rows > 0, 'the example case opened with no answers');
    check(await page.locator('[data-testid="decision"]').isVisible(), 'the example case shows no decision');
    await axe('a finding opened in the questionnaire');
  }

  // ---------------------------------------------------------------- policies
  await page.goto(base + '/#policies');
  await page.waitForSelector('#policy article.rule');
  await page.waitForSelector('.graph img', {timeout: 30000});
  const graphWidth = await page.$eval('.graph img', (img) => img.complete ? img.naturalWidth : new Promise((r) => img.addEventListener('load', () => r(img.naturalWidth))));
  check(graphWidth > 0, 'the condition graph did not draw');
  await page.uncheck('#show-overrides');
  await page.waitForSelector('.graph figcaption:has-text("without override")');
  await axe('the policies');
  await shoot('policies', false);  // the whole page, with its picture, is too tall to capture

  // ---------------------------------------------------------------- register
  await page.goto(base + '/#register');
  await page.waitForSelector('table.register tbody tr');
  const rowsAll = await page.locator('table.register tbody tr').count();
  check(rowsAll >= picked.length, `the register shows ${rowsAll} decisions, fewer than the ${picked.length} walked`);
  await page.selectOption('#reg-decision', 'deny');
  await page.click('#register-form button[type="submit"]');
  await page.waitForFunction(() => [...document.querySelectorAll('table.register tbody tr')].every((tr) => tr.textContent.includes('Do not share')));
  const api = await (await fetch(base + '/v1/decisions?decision=deny&limit=200')).json();
  check(await page.locator('table.register tbody tr').count() === api.count, 'the register filter shows another number of denials than the API');
  await page.locator('table.register tbody tr button').first().click();
  await page.waitForSelector('#register-record:not([hidden]) dl');
  await axe('the register');
  await shoot('register');

  // ---------------------------------------------------------------- with a token
  // The page's files load without it; the page asks for it, then works as before.
  {
    const tokenPort = await freePort();
    const tokenFile = path.join(work, 'token');
    fs.writeFileSync(tokenFile, 'page-test-token\n');
    const guarded = spawn(proviso, ['serve', policies, '--listen', `127.0.0.1:${tokenPort}`, '--register', 'sqlite:' + path.join(work, 'guarded.sqlite'),
      '--token-file', tokenFile], {stdio: ['ignore', 'ignore', 'ignore']});
    try {
      const deadline = Date.now() + 60000;
      while (Date.now() < deadline) {
        try { if ((await fetch(`http://127.0.0.1:${tokenPort}/v1/health`)).ok) break; } catch (e) { /* not yet */ }
        await new Promise((r) => setTimeout(r, 100));
      }
      const guardedPage = await context.newPage();
      const errors = [];
      guardedPage.on('pageerror', (e) => errors.push(String(e)));
      await guardedPage.goto(`http://127.0.0.1:${tokenPort}/`);
      await guardedPage.waitForSelector('#token-form:not([hidden])');
      await guardedPage.fill('#token', 'page-test-token');
      await guardedPage.click('#token-form button[type="submit"]');
      await guardedPage.waitForSelector('[data-testid="flow-from"] option:nth-child(2)', {state: 'attached'});
      await guardedPage.selectOption('[data-testid="flow-from"]', picked[0].from);
      await guardedPage.selectOption('[data-testid="flow-to"]', picked[0].to);
      await guardedPage.click('#flow-start');
      await guardedPage.waitForSelector('#question-form:not([hidden]) [data-testid="question"][data-fact]');
      check(errors.length === 0, 'errors on the page with a token: ' + errors.join(' | '));
      console.log('with --token-file: the page asked for the token, then asked its first question');
      await guardedPage.close();
    } finally {
      guarded.kill('SIGTERM');
    }
  }

  console.log(`axe-core: ${axeRuns} page views, no violations reported above`);
  check(consoleErrors.length === 0, 'console errors: ' + consoleErrors.join(' | '));
  const ms = timings.map((t) => t.ms).sort((a, b) => a - b);
  const pct = (p) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))];
  console.log(`answers: ${ms.length}, round trip (request + render) median ${pct(0.5).toFixed(1)} ms, ` +
    `p95 ${pct(0.95).toFixed(1)} ms, max ${ms[ms.length - 1].toFixed(1)} ms (goal < 50 ms)`);
  const walls = timings.map((t) => t.wall).sort((a, b) => a - b);
  console.log(`answers as the test drives them (click to rendered, with Playwright's own overhead): median ${walls[Math.floor(walls.length / 2)]} ms`);
} catch (error) {
  fail(error.stack || String(error));
} finally {
  if (browser) await browser.close();
  server.kill('SIGTERM');
  // A graceful stop, and nothing a sanitizer would report (under -DPROVISO_SANITIZE).
  const deadline = Date.now() + 60000;
  while (!serverExit && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  check(serverExit && serverExit.code === 0, 'proviso serve did not stop cleanly: ' + JSON.stringify(serverExit));
  const log = fs.readFileSync(path.join(work, 'serve.log'), 'utf8');
  check(!/AddressSanitizer|LeakSanitizer|runtime error:|ThreadSanitizer/.test(log), 'the service log has a sanitizer report:\n' + log.slice(0, 3000));
  fs.rmSync(work, {recursive: true, force: true});
}
if (failures) {
  console.error(`${failures} failures`);
  process.exit(1);
}
console.log('page test passed');
