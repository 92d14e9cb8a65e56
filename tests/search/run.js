#!/usr/bin/env node
/* Runs the search page's own query code (themes/default/static/haku.js)
 * under node against a built site's index, reading files from disk.
 *
 *   run.js recall SITE QUERIES.json [MIN]   recall on a test set: each
 *       entry {"q": "...", "expect": ["/url/", ...]}; prints every miss
 *       and the share of expected hits found; exit 1 below MIN (0.95).
 *   run.js query SITE "q" ...               the URLs a query finds, in order.
 *   run.js bytes SITE "q" ...               what a first query downloads:
 *       the files a fresh page loads for it and its first ten results,
 *       their bytes and their bytes gzipped.
 * SITE is the output folder; the search folder is found from its
 * index.json (haku/ or sok/). */
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');
const haku = require(path.join(__dirname, '../../themes/default/static/haku.js'));

function findIndex(site) {
  for (const d of fs.readdirSync(site)) {
    const f = path.join(site, d, 'i', 'index.json');
    if (fs.existsSync(f)) return path.join(site, d, 'i') + '/';
  }
  throw new Error(site + ': no search index (haku/i/index.json)');
}

function open(site) {
  const base = findIndex(site);
  const sizes = [];
  const load = (f) => {
    const data = fs.readFileSync(f.replace(/\?.*$/, ''));
    sizes.push([path.relative(site, f.replace(/\?.*$/, '')), data.length, zlib.gzipSync(data, { level: 9 }).length]);
    return Promise.resolve(JSON.parse(data.toString('utf8')));
  };
  const pageText = (url) => {
    const f = path.join(site, decodeURIComponent(url), 'index.html');
    const html = fs.readFileSync(f, 'utf8');
    const m = html.match(/<main[^>]*>([\s\S]*)<\/main>/);
    const text = (m ? m[1] : html).replace(/<[^>]*>/g, ' ')
      .replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"').replace(/&#39;/g, "'");
    return Promise.resolve(text);
  };
  const ix = new haku.Index(base, load, pageText);
  return { ix, sizes };
}

async function urls(site, q, ixo) {
  const { ix } = ixo || open(site);
  const r = await ix.search(q);
  const hits = await ix.phrases(r);
  const docs = await ix.docs(hits.map((h) => h.doc));
  return docs.map((d) => d.url);
}

async function main() {
  const [cmd, site, ...rest] = process.argv.slice(2);
  if (cmd === 'recall') {
    const set = JSON.parse(fs.readFileSync(rest[0], 'utf8'));
    const min = rest[1] ? Number(rest[1]) : 0.95;
    const ixo = open(site);
    let want = 0, found = 0, extra = 0;
    for (const c of set) {
      const got = await urls(site, c.q, ixo);
      for (const u of c.expect) {
        want++;
        if (got.includes(u)) found++;
        else console.log(`miss: "${c.q}" did not find ${u}`);
      }
      extra += got.filter((u) => !c.expect.includes(u)).length;
    }
    const r = want ? found / want : 0;
    console.log(`recall: ${found}/${want} = ${(100 * r).toFixed(1)} % ` +
      `over ${set.length} queries; ${extra} results beyond the expected`);
    process.exit(r >= min ? 0 : 1);
  } else if (cmd === 'query') {
    for (const q of rest) console.log(JSON.stringify(q), (await urls(site, q)).join(' '));
  } else if (cmd === 'bytes') {
    for (const q of rest) {
      const ixo = open(site);
      const t0 = process.hrtime.bigint();
      const r = await ixo.ix.search(q);
      const hits = await ixo.ix.phrases(r);
      await ixo.ix.docs(hits.slice(0, 10).map((h) => h.doc));
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      // Again with every chunk in hand: the time the page spends after
      // the chunks arrived.
      ixo.ix.decoded = Object.create(null);   // decoding counts too
      const t1 = process.hrtime.bigint();
      const r2 = await ixo.ix.search(q);
      const h2 = await ixo.ix.phrases(r2);
      await ixo.ix.docs(h2.slice(0, 10).map((h) => h.doc));
      const ms2 = Number(process.hrtime.bigint() - t1) / 1e6;
      const raw = ixo.sizes.reduce((a, s) => a + s[1], 0);
      const gz = ixo.sizes.reduce((a, s) => a + s[2], 0);
      if (process.env.BYTES_FILES) for (const s of ixo.sizes) console.log(`  ${s[0]} ${s[1]} ${s[2]}`);
      console.log(`${JSON.stringify(q)}: ${hits.length} hits, ${ixo.sizes.length} files, ` +
        `${raw} bytes, ${gz} gzipped, ${ms.toFixed(1)} ms with reading and parsing, ` +
        `${ms2.toFixed(1)} ms with the chunks loaded`);
    }
  } else {
    console.error('usage: run.js recall|query|bytes SITE ...');
    process.exit(2);
  }
}
main().catch((e) => { console.error(e.stack || String(e)); process.exit(2); });
