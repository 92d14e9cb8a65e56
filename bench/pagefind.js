#!/usr/bin/env node
// Pagefind on the same site and the same Finnish test set as saitti's own
// search (issue 18), for bench/README comparisons only: Pagefind is not a
// dependency of saitti. Needs `npm install pagefind` somewhere (PAGEFIND=
// path to its binary) and tests/a11y's node_modules (playwright-core and
// Debian's Chromium): Pagefind's search runs only in a browser (WASM).
//   node bench/pagefind.js SITE_DIR QUERIES.json [first-query ...]
// SITE_DIR must already hold Pagefind's index (pagefind --site SITE_DIR).
// Prints the recall on the set, the index's size and, per first query,
// the files the browser fetched and their bytes gzipped.
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const { serve, browser } = require('../tests/a11y/lib');

async function main() {
  const [site, setFile, ...firsts] = process.argv.slice(2);
  const set = JSON.parse(fs.readFileSync(setFile, 'utf8'));
  const { server, base } = await serve(site);
  const b = await browser();
  const fetched = [];
  try {
    const page = await b.ctx.newPage();
    page.on('requestfinished', (r) => fetched.push(new URL(r.url()).pathname));
    async function fresh() {
      await page.goto(base + '404.html', { waitUntil: 'load' });
      await page.evaluate(async () => {
        window.pf = await import('/pagefind/pagefind.js');
        await window.pf.options({ excerptLength: 30 });
        await window.pf.init();
      });
    }
    async function query(q) {
      return page.evaluate(async (qq) => {
        const r = await window.pf.search(qq);
        const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
        return { all: r.results.length, urls: r.unfilteredResultCount, first: data.map((d) => d.url), ids: r.results.map((x) => x.id) };
      }, q);
    }
    // Recall: every result's URL (data() for all of them).
    await fresh();
    let want = 0, found = 0;
    for (const c of set) {
      const urls = await page.evaluate(async (qq) => {
        const r = await window.pf.search(qq);
        const data = await Promise.all(r.results.map((x) => x.data()));
        return data.map((d) => d.url.replace(/index\.html$/, ''));
      }, c.q);
      for (const u of c.expect) {
        want++;
        if (urls.includes(u)) found++;
        else console.log(`miss: "${c.q}" did not find ${u}`);
      }
    }
    console.log(`pagefind recall: ${found}/${want} = ${(100 * found / want).toFixed(1)} % over ${set.length} queries`);
    let total = 0, files = 0;
    const walk = (d) => { for (const f of fs.readdirSync(d)) { const p = path.join(d, f); if (fs.statSync(p).isDirectory()) walk(p); else { files++; total += zlib.gzipSync(fs.readFileSync(p), { level: 9 }).length; } } };
    walk(path.join(site, 'pagefind'));
    console.log(`pagefind index: ${files} files, ${total} bytes gzipped in all`);
    for (const q of firsts) {
      await fresh();
      fetched.length = 0;
      const r = await query(q);
      const own = fetched.filter((p) => p.startsWith('/pagefind/'));
      let raw = 0, gz = 0;
      for (const p of own) {
        const data = fs.readFileSync(path.join(site, decodeURIComponent(p)));
        raw += data.length;
        gz += zlib.gzipSync(data, { level: 9 }).length;
      }
      console.log(`pagefind "${q}": ${r.all} hits, ${own.length} files (with its script and WASM), ${raw} bytes, ${gz} gzipped`);
    }
  } finally {
    await b.close();
    server.close();
  }
}
main().catch((e) => { console.error(e.stack || String(e)); process.exit(2); });
