// The report in a real browser: Debian's chromium, headless, driven by
// playwright-core (no browser download). For each case of the JSON file
// given as argument ([{name, html, out, lang, hostile, timing}]):
// - the page loads with no console error, no dialog, no request outside
//   its own file, and draws its table;
// - the counts it shows equal corpus.json's, series.json's,
//   errors.jsonl's and articles.jsonl's;
// - the filter and the table work from the keyboard alone;
// - axe-core finds no violation (contrast included), in the light and
//   the dark theme;
// - screenshots at 1280×800 go to the folder given by SHOTS (default:
//   ./shots).
// Prints one line per check and a summary; exits 1 when a check fails.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SHOTS || 'shots';
// The flags that work on our machines (as root, no GPU, closed network).
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

let failures = 0;
function check(ok, what, detail) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${detail !== undefined ? ': ' + detail : ''}`);
  if (!ok) failures++;
  return ok;
}

const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[’ʼ]/g, "'").toLowerCase();
const digits = (s) => Number(String(s).replace(/\D/g, ''));

function readOutput(out) {
  const corpus = JSON.parse(readFileSync(path.join(out, 'corpus.json'), 'utf8'));
  const articles = readFileSync(path.join(out, 'articles.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
  let series = [];
  try { series = JSON.parse(readFileSync(path.join(out, 'series.json'), 'utf8')); } catch { /* older output */ }
  let errors = [];
  try { errors = readFileSync(path.join(out, 'errors.jsonl'), 'utf8').split('\n').filter(Boolean); } catch { /* none */ }
  return { corpus, articles, series, errors };
}

async function runCase(browser, c) {
  console.log(`\n== ${c.name} (${c.html})`);
  const expected = readOutput(c.out);
  const fileUrl = pathToFileURL(path.resolve(c.html)).href;
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  const consoleErrors = [];
  const outside = [];
  const dialogs = [];
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  // Every request but the page itself is recorded and refused.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url === fileUrl) return route.continue();
    outside.push(url);
    return route.abort();
  });

  const t0 = Date.now();
  await page.goto(fileUrl, { waitUntil: 'load', timeout: 60000 });
  await page.waitForSelector('body[data-ready]', { timeout: 60000 });
  const wall = Date.now() - t0;
  const ready = await page.evaluate(() => document.body.dataset.ready);
  const marks = await page.evaluate(() => {
    const at = (name) => { const m = performance.getEntriesByName(name)[0]; return m ? Math.round(m.startTime) : null; };
    const nav = performance.getEntriesByType('navigation')[0];
    return { html: nav ? Math.round(nav.domInteractive) : null, parsed: at('report-parsed'), ready: at('report-ready') };
  });
  const mark = marks.ready;
  check(ready === '1', 'the page draws its data', ready);
  console.log(`     open: ${mark} ms to ready (navigation start → table drawn; HTML parsed ${marks.html}, data parsed ${marks.parsed}), ${wall} ms wall from goto`);
  if (c.timing) c.result = { readyMs: mark, wallMs: wall, marks };

  // ---- counts ------------------------------------------------------------
  const counts = await page.evaluate(() => {
    const out = {};
    for (const dd of document.querySelectorAll('[data-count]')) if (!(dd.dataset.count in out)) out[dd.dataset.count] = dd.tagName === 'DD' ? dd.textContent : dd.dataset.count;
    out.status = document.getElementById('article-status').dataset.count;
    out.rows = document.querySelectorAll('#article-table tbody tr.row').length;
    return out;
  });
  const { corpus, articles, series, errors } = expected;
  check(digits(counts.documents) === corpus.documents, 'articles shown = corpus.json documents', `${counts.documents} vs ${corpus.documents}`);
  check(digits(counts.words) === corpus.words, 'words shown = corpus.json words', `${counts.words} vs ${corpus.words}`);
  check(digits(counts.distinct_stems) === corpus.distinct_stems, 'distinct stems = corpus.json');
  check(digits(counts.series) === series.length && series.length === corpus.series, 'series = series.json = corpus.json series', `${counts.series}`);
  check(digits(counts.failed) === errors.length && errors.length === corpus.failed_files, 'failed = errors.jsonl lines = corpus.json failed_files', `${counts.failed}`);
  check(digits(counts.ignored) === corpus.ignored_files, 'ignored = corpus.json ignored_files', `${counts.ignored}`);
  check(Number(counts.status) === articles.length && articles.length === corpus.documents, 'the table holds every article', `${counts.status}`);
  check(counts.rows === Math.min(50, articles.length), 'one page of rows is drawn', `${counts.rows}`);
  const qTotal = articles.reduce((s, a) => s + a.questions.total, 0);
  check(digits(counts.questions) === qTotal, 'questions = sum over articles.jsonl', `${counts.questions} vs ${qTotal}`);
  const untagged = articles.filter((a) => a.tags.length === 0).length;
  check(digits(counts.untagged) === untagged, 'untagged = articles.jsonl', `${counts.untagged}`);
  const incomplete = series.filter((s) => s.missing.length).length;
  if (series.length) check(digits(counts.incomplete_series) === incomplete, 'incomplete series = series.json', `${counts.incomplete_series}`);

  // ---- keyboard: skip link, filter, rows, sort, pager ---------------------
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.keyboard.press('Tab');
  const first = await page.evaluate(() => document.activeElement.className);
  check(first === 'skip', 'the first Tab reaches the skip link', first);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement.name);
  check(focused === 'title', 'Enter on it, then Tab, reaches the title filter', focused);
  // A word of a real title, typed into the filter.
  const words = (t) => t.split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 6);
  const sample = articles.find((a) => a.title && words(a.title).length);
  if (sample) {
    const word = words(sample.title).sort((a, b) => b.length - a.length)[0];
    await page.keyboard.type(word);
    const want = articles.filter((a) => fold((a.title || '') + ' ' + a.id).includes(fold(word))).length;
    await page.waitForFunction((n) => document.getElementById('article-status').dataset.count === String(n), want, { timeout: 10000 }).catch(() => {});
    const got = await page.evaluate(() => Number(document.getElementById('article-status').dataset.count));
    check(got === want, `typing "${word}" in the title filter keeps the matching articles`, `${got} vs ${want}`);
    // Tab on to the first row's button (through the other filter fields).
    let onRow = false;
    for (let k = 0; k < 15 && !onRow; k++) {
      await page.keyboard.press('Tab');
      onRow = await page.evaluate(() => document.activeElement.classList.contains('toggle'));
      if (!onRow) {
        const isSort = await page.evaluate(() => !!document.activeElement.closest('th[data-sort]'));
        if (isSort && k < 14) {
          // Sorting by this column from the keyboard flips aria-sort.
          const before = await page.evaluate(() => document.activeElement.closest('th').getAttribute('aria-sort'));
          await page.keyboard.press('Enter');
          const after = await page.evaluate(() => document.activeElement.closest('th').getAttribute('aria-sort'));
          if (before !== after) c.sorted = true;
        }
      }
    }
    check(c.sorted === true, 'Enter on a column header sorts by it');
    check(onRow, 'Tab reaches the first row of the table');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#article-table tr.detail', { timeout: 10000 }).catch(() => {});
    const expanded = await page.evaluate(() => {
      const b = document.activeElement;
      const d = document.getElementById(b.getAttribute('aria-controls'));
      return { exp: b.getAttribute('aria-expanded'), detail: !!d, href: d ? d.querySelector('a').getAttribute('href') : null, id: d ? d.id : null };
    });
    check(expanded.exp === 'true' && expanded.detail, 'Enter on a row opens its details', JSON.stringify(expanded));
    check(/^(\.\.\/)*([\w.%-]+\/)*articles\/[a-z0-9_-]+\.json$/.test(expanded.href || ''), 'the details link to the article JSON, relatively', expanded.href);
    await page.keyboard.press('Escape');
    // Clear the filter with the reset button, then walk rows with arrows.
    await page.evaluate(() => document.querySelector('form.filters button[type=reset]').focus());
    await page.keyboard.press('Enter');
    await page.waitForFunction((n) => document.getElementById('article-status').dataset.count === String(n), articles.length, { timeout: 10000 }).catch(() => {});
    const reset = await page.evaluate(() => Number(document.getElementById('article-status').dataset.count));
    check(reset === articles.length, 'the reset button shows every article again', `${reset}`);
  }
  await page.evaluate(() => document.querySelector('#article-table button.toggle').focus());
  await page.keyboard.press('ArrowDown');
  const second = await page.evaluate(() => [...document.querySelectorAll('#article-table button.toggle')].indexOf(document.activeElement));
  check(articles.length < 2 || second === 1, 'ArrowDown moves to the next row', second);
  if (articles.length > 50) {
    await page.keyboard.press('PageDown');
    const where = await page.evaluate(() => document.querySelector('[data-widget=pager] .where').textContent);
    check(/\b2\b/.test(where), 'PageDown turns to page 2', where);
    const nextFocus = await page.evaluate(() => document.activeElement.classList.contains('toggle'));
    check(nextFocus, 'focus stays in the table after turning the page');
  }
  // The tag filter, typed: articles carrying that tag.
  const tagCounts = new Map();
  for (const a of articles) for (const t of new Set(a.tags.map(fold))) tagCounts.set(t, (tagCounts.get(t) || 0) + 1);
  const tag = articles.flatMap((a) => a.tags).find((t) => tagCounts.get(fold(t)) >= 2) || articles.flatMap((a) => a.tags)[0];
  if (tag) {
    await page.fill('input[name=tag]', tag);
    const want = tagCounts.get(fold(tag));
    await page.waitForFunction((n) => document.getElementById('article-status').dataset.count === String(n), want, { timeout: 10000 }).catch(() => {});
    const got = await page.evaluate(() => Number(document.getElementById('article-status').dataset.count));
    check(got === want, `the tag filter "${tag}" keeps the articles carrying it`, `${got} vs ${want}`);
    await page.fill('input[name=tag]', '');
  }
  // A term button in the terms section filters the table by that term.
  const termButton = await page.$('#terms button[data-filter=term]');
  if (termButton) {
    const term = await termButton.getAttribute('data-value');
    await termButton.click();
    const value = await page.inputValue('input[name=term]');
    const got = await page.evaluate(() => Number(document.getElementById('article-status').dataset.count));
    const want = articles.filter((a) => a.key_terms.some((t) => fold(t.term).includes(fold(term))) || a.key_phrases.some((p) => fold(p.phrase).includes(fold(term)))).length;
    check(value === term && got === want, `a click on the term "${term}" filters the table`, `${got} vs ${want}`);
    await page.click('form.filters button[type=reset]');
  }

  // ---- hostile posts -----------------------------------------------------
  if (c.hostile) {
    const pwned = await page.evaluate(() => window.__pwned);
    check(pwned === undefined, 'no script from a post ran', pwned);
    const shown = await page.evaluate(() => document.body.textContent.includes('<script>window.__pwned=1</script>'));
    check(shown, 'the hostile title is shown as text');
    const injected = await page.evaluate(() => document.querySelectorAll('img, iframe, object, embed').length);
    check(injected === 0, 'no element from a post was created', injected);
  }

  // ---- the lists drawn by the script --------------------------------------
  const seriesShown = await page.evaluate(() => { const s = document.querySelector('[data-widget=series] .status'); return s ? Number(s.dataset.count) : 0; });
  check(seriesShown === series.length, 'the series list holds every series', seriesShown);
  const missingShown = await page.evaluate(() => document.querySelectorAll('[data-widget=series] li.missing').length);
  const missingWant = series.slice(0, 20).reduce((s, x) => s + x.missing.length, 0);
  check(missingShown === missingWant, 'missing parts are marked', `${missingShown} vs ${missingWant}`);
  const titleQ = await page.evaluate(() => { const s = document.querySelector('[data-widget=title-questions] .status'); return s ? Number(s.dataset.count) : -1; });
  check(titleQ === articles.filter((a) => a.questions.title).length, 'the question titles list holds them all', titleQ);

  // ---- screenshots ---------------------------------------------------------
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: path.join(SHOTS, `${c.name}.png`) });
  // The table with one article open.
  await page.evaluate(() => {
    const b = document.querySelector('#article-table button.toggle');
    if (b && b.getAttribute('aria-expanded') !== 'true') b.click();
  });
  await page.waitForSelector('#article-table tr.detail', { timeout: 10000 });
  await page.evaluate(() => document.getElementById('articles').scrollIntoView());
  await page.screenshot({ path: path.join(SHOTS, `${c.name}-articles.png`) });
  for (const id of ['tags', 'series', 'questions']) {
    await page.evaluate((id) => document.getElementById(id).scrollIntoView(), id);
    await page.screenshot({ path: path.join(SHOTS, `${c.name}-${id}.png`) });
  }

  // ---- accessibility, light and dark ---------------------------------------
  await page.evaluate(AXE);
  for (const scheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme: scheme });
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    const violations = result.violations.map((v) => `${v.id} (${v.impact}, ${v.nodes.length}× e.g. ${v.nodes[0].target.join(' ')})`);
    check(violations.length === 0, `axe finds no violation, ${scheme} theme`, violations.join('; ') || undefined);
    if (scheme === 'dark') await page.screenshot({ path: path.join(SHOTS, `${c.name}-dark.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });

  check(consoleErrors.length === 0, 'no console error or warning', consoleErrors.join(' | ') || undefined);
  check(outside.length === 0, 'no request outside the file', outside.join(' ') || undefined);
  check(dialogs.length === 0, 'no dialog opened', dialogs.join(' ') || undefined);
  await context.close();
}

const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const started = Date.now();
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
try {
  for (const c of cases) await runCase(browser, c);
} finally {
  await browser.close();
}
for (const c of cases) if (c.result) console.log(`timing ${c.name}: ready ${c.result.readyMs} ms, wall ${c.result.wallMs} ms, ${JSON.stringify(c.result.marks)}`);
console.log(`\n${failures === 0 ? 'all browser checks passed' : failures + ' browser checks failed'} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
process.exit(failures === 0 ? 0 : 1);
