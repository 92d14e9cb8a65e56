// axe-core (WCAG 2.1 A and AA rules) in Debian's headless Chromium.
// Usage: node axe.js --root SITE_DIR NAME=PATH... [--root DIR2 NAME=PATH...]
// Serves each SITE_DIR over HTTP on a random loopback port and checks the
// pages named after it at
// 1280 and 320 px wide, in light and dark colour schemes; prints one
// `PASS axe NAME WIDTH SCHEME` or `FAIL ...` line (with the violations) each.
'use strict';
const fs = require('fs');
const { serve, browser } = require('./lib');

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const MODES = [];
for (const width of [1280, 320]) for (const scheme of ['light', 'dark']) MODES.push({ width, scheme });

async function main() {
  const jobs = []; // {root, name, path}
  let root = null;
  const args = process.argv.slice(2);
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '--root') { root = args[++k]; continue; }
    const i = args[k].indexOf('=');
    if (!root || i < 1) { jobs.length = 0; break; }
    jobs.push({ root, name: args[k].slice(0, i), path: args[k].slice(i + 1).replace(/^\//, '') });
  }
  if (jobs.length === 0) {
    console.error('usage: node axe.js --root SITE_DIR NAME=PATH...');
    process.exit(2);
  }
  const servers = new Map(); // root -> {server, base}
  for (const j of jobs) if (!servers.has(j.root)) servers.set(j.root, await serve(j.root));
  let b;
  let failed = 0;
  try {
    b = await browser();
    const page = await b.ctx.newPage();
    for (const { root: r, name, path } of jobs) {
      const url = servers.get(r).base + path;
      for (const { width, scheme } of MODES) {
        const label = `axe ${name} ${width}px ${scheme}`;
        try {
          await page.setViewportSize({ width, height: 800 });
          await page.emulateMedia({ colorScheme: scheme, reducedMotion: 'reduce' });
          b.external.length = 0;
          const res = await page.goto(url, { waitUntil: 'load', timeout: 30000 });
          if (!res || res.status() >= 500) throw new Error(`HTTP ${res && res.status()}`);
          if (page.url() !== url) throw new Error(`navigated away to ${page.url()}`);
          await page.evaluate(AXE);
          const r = await page.evaluate((tags) => window.axe.run(document, {
            runOnly: { type: 'tag', values: tags },
            resultTypes: ['violations'],  // the others are listed without nodes
          }), TAGS);
          // A run that checked next to nothing (no axe, wrong tags) is a failure.
          const ran = r.passes.length + r.violations.length + r.incomplete.length + r.inapplicable.length;
          if (ran < 20) throw new Error(`axe ran only ${ran} rules`);
          const ext = [...new Set(b.external)];
          const ids = r.violations.map((v) => v.id);
          if (ext.length) ids.push('requests-outside-site');
          if (ids.length === 0) {
            console.log(`PASS ${label}`);
          } else {
            failed++;
            console.log(`FAIL ${label}: ${ids.join(' ')}`);
            for (const u of ext) console.log(`  requests-outside-site: ${u}`);
            for (const v of r.violations) {
              for (const n of v.nodes.slice(0, 3)) {
                const why = (n.failureSummary || '').split('\n').slice(1, 2).join(' ').trim();
                console.log(`  ${v.id}: ${n.target.join(' ')} ${why}`);
              }
            }
          }
        } catch (e) {
          failed++;
          console.log(`FAIL ${label}: ${String(e.message || e).split('\n')[0]}`);
        }
      }
    }
  } finally {
    if (b) await b.close();
    for (const { server } of servers.values()) server.close();
  }
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(`FAIL axe: ${e.stack || e}`); process.exit(1); });
