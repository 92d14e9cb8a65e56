// Full-page screenshots of a built site, to be looked at by a person.
// Usage: node screenshots.js SITE_DIR OUT_DIR NAME=PATH...
// Writes OUT_DIR/NAME-WIDTH[-dark].png for widths 1280 and 375, light, and
// dark too when SCREENSHOTS_DARK=1.
'use strict';
const fs = require('fs');
const path = require('path');
const { serve, browser } = require('./lib');

async function main() {
  const [root, out, ...pages] = process.argv.slice(2);
  if (!root || !out || pages.length === 0) {
    console.error('usage: node screenshots.js SITE_DIR OUT_DIR NAME=PATH...');
    process.exit(2);
  }
  fs.mkdirSync(out, { recursive: true });
  const schemes = process.env.SCREENSHOTS_DARK === '1' ? ['light', 'dark'] : ['light'];
  const { server, base } = await serve(root);
  let b;
  try {
    b = await browser();
    const page = await b.ctx.newPage();
    for (const spec of pages) {
      const i = spec.indexOf('=');
      const name = spec.slice(0, i), url = base + spec.slice(i + 1).replace(/^\//, '');
      for (const width of [1280, 375]) {
        for (const scheme of schemes) {
          await page.setViewportSize({ width, height: 800 });
          await page.emulateMedia({ colorScheme: scheme });
          const res = await page.goto(url, { waitUntil: 'load' });
          if (!res || !res.ok()) throw new Error(`${url}: HTTP ${res && res.status()}`);
          const file = path.join(out, `${name}-${width}${scheme === 'dark' ? '-dark' : ''}.png`);
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
      }
    }
  } finally {
    if (b) await b.close();
    server.close();
  }
}

main().catch((e) => { console.error(e.stack || e); process.exit(1); });
