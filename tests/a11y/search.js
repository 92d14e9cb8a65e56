// The search page in Debian's headless Chromium (issue 18), on a built
// site served over loopback: a query typed in the header's box with the
// keyboard, ?q= on load, inflected forms and compounds, an event's date
// and place, a phrase, no hits, the "more" button by keyboard, the Finnish
// live region, and axe (WCAG 2.1 A/AA) on /haku/ with results, light and
// dark, 1280 and 320 px. Nothing may be requested off the site.
// Usage: node search.js SITE_DIR
'use strict';
const fs = require('fs');
const { serve, browser } = require('./lib');
const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let failed = 0;
function ok(name, cond, detail) {
  if (cond) console.log(`PASS ${name}`);
  else { failed++; console.log(`FAIL ${name}${detail ? ': ' + detail : ''}`); }
}

async function status(page) {
  await page.waitForFunction(() => {
    const s = document.getElementById('haku-tila');
    return s && /löytyi|ei löytynyt|ei onnistunut/.test(s.textContent);
  }, null, { timeout: 15000 });
  return page.$eval('#haku-tila', (s) => s.textContent);
}

async function titles(page) {
  return page.$$eval('#haku-tulokset li h2 a', (as) => as.map((a) => a.textContent));
}

async function main() {
  const root = process.argv[2];
  const { server, base } = await serve(root);
  const b = await browser();
  try {
    const page = await b.ctx.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    // The header's box, by keyboard alone: Tab to it, type, Enter.
    await page.goto(base, { waitUntil: 'load' });
    let found = false;
    for (let i = 0; i < 40 && !found; i++) {
      await page.keyboard.press('Tab');
      found = await page.evaluate(() => document.activeElement && document.activeElement.id === 'site-search-q');
    }
    ok('search: the header box is reached with Tab', found);
    await page.keyboard.type('perhekeskuksissa');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    ok('search: the header box goes to /haku/?q=', new URL(page.url()).pathname === '/haku/' &&
      new URL(page.url()).searchParams.get('q') === 'perhekeskuksissa', page.url());
    let s = await status(page);
    ok('search: ?q= runs on load and the live region says how many (Finnish)',
      /^Haulla ”perhekeskuksissa” löytyi \d+ tulosta\.$/.test(s), s);
    let t = await titles(page);
    // Title matches first, the newest first among them.
    const inTitle = t.map((x) => /perhekesk/i.test(x));
    ok('search: perhekeskuksissa lists title matches first',
      inTitle.indexOf(false) === -1 || inTitle.slice(inTitle.indexOf(false)).every((x) => !x) && inTitle[0],
      t.join(' | '));
    ok('search: perhekeskuksissa finds Perhekeskustoimintamalli',
      t.includes('Perhekeskustoimintamalli'), t.join(' | '));
    ok('search: ten results, then a "more" button', t.length === 10 &&
      await page.isVisible('#haku-lisaa'), `${t.length}`);
    const marks = await page.$$eval('#haku-tulokset mark', (m) => m.map((x) => x.textContent.toLowerCase()));
    ok('search: matched words are marked in the excerpts',
      marks.length > 0 && marks.every((m) => m.startsWith('perhekesk')), marks.slice(0, 5).join(' '));
    const live = await page.$eval('#haku-tila', (e) => e.getAttribute('role') === 'status' &&
      e.getAttribute('aria-live') === 'polite');
    ok('search: the status is a polite live region', live);

    // "More" by keyboard: focus moves to the first new result.
    await page.focus('#haku-lisaa');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('#haku-tulokset li').length > 10);
    const focusIn = await page.evaluate(() => {
      const items = document.querySelectorAll('#haku-tulokset li');
      return items[10].contains(document.activeElement);
    });
    ok('search: "more" shows the rest and moves focus to the first of them', focusIn);

    // axe on the page with results.
    for (const width of [1280, 320]) for (const scheme of ['light', 'dark']) {
      await page.setViewportSize({ width, height: 800 });
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
      await page.evaluate(AXE);
      const r = await page.evaluate((tags) => window.axe.run(document, {
        runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }), TAGS);
      const detail = r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(', ')}`).join('; ');
      ok(`search: axe finds nothing on /haku/ with results, ${width}px ${scheme}`, r.violations.length === 0, detail);
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });

    // Typing on the page itself: the address follows the query.
    async function query(q) {
      await page.fill('#haku-q', '');
      await page.focus('#haku-q');
      await page.keyboard.type(q);
      await page.evaluate(() => { document.getElementById('haku-tila').textContent = ''; });
      await page.keyboard.press('Enter');
      return status(page);
    }
    s = await query('lapsiperheet');
    t = await titles(page);
    ok('search: lapsiperheet finds "Mitä perhekeskus tarjoaa lapsiperheelle?"',
      t.includes('Mitä perhekeskus tarjoaa lapsiperheelle?'), t.join(' | '));
    ok('search: the address keeps the query', new URL(page.url()).searchParams.get('q') === 'lapsiperheet');

    s = await query('Rovaniemellä');
    const ev = await page.$$eval('#haku-tulokset li', (lis) => lis.map((li) => li.textContent));
    const r1 = ev.find((x) => x.includes('Rovaniemen seutukuntatyöpaja')) || '';
    ok('search: an event shows its date and place', r1.includes('2.11.2017') && r1.includes('Rovaniemi'), r1);

    s = await query('"lapsi- ja perhepalveluiden muutosohjelma"');
    ok('search: a phrase in quotes finds pages', /löytyi/.test(s), s);

    s = await query('xyzzyqq');
    ok('search: no hits says so in Finnish', s === 'Haulla ”xyzzyqq” ei löytynyt mitään.', s);

    ok('search: no script errors', errors.length === 0, errors.join('; '));
    ok('search: no request leaves the site', b.external.length === 0, b.external.join(' '));
  } finally {
    await b.close();
    server.close();
  }
  process.exit(failed ? 1 : 0);
}
main().catch((e) => { console.log(`FAIL search browser: ${e.message}`); process.exit(1); });
