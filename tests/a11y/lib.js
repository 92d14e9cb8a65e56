// Shared by axe.js and screenshots.js: a tiny static HTTP server on a random
// free loopback port, and Debian's Chromium started headless through
// playwright-core (never a downloaded browser).
'use strict';
const http = require('http');
const fs = require('fs');
const os = require('os');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg', '.xml': 'application/xml; charset=utf-8',
  '.ics': 'text/calendar; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

// Serves ROOT on 127.0.0.1 at a port the kernel picks; resolves to
// {server, base} with base like http://127.0.0.1:PORT/. /dir/ serves
// dir/index.html; a missing file gets 404.html with status 404.
function serve(root) {
  root = path.resolve(root);
  const server = http.createServer((req, res) => {
    let p;
    try { p = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch (e) { p = '/'; }
    let file = path.join(root, p);
    if (!file.startsWith(root)) file = root;
    try { if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch (e) { /* missing */ }
    fs.readFile(file, (err, data) => {
      if (err) {
        fs.readFile(path.join(root, '404.html'), (e2, nf) => {
          res.writeHead(404, { 'Content-Type': TYPES['.html'] });
          res.end(e2 ? 'not found' : nf);
        });
        return;
      }
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise((resolve, reject) => {
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, base: `http://127.0.0.1:${server.address().port}/` }));
  });
}

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// A persistent context in a new empty profile folder (removed by close()).
async function browser() {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'saitti-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
      '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    locale: 'fi-FI',
    timeout: 60000,
  });
  // Nothing leaves this machine: a request to any other host (a redirect
  // page's absolute target, a font, a tracker) is aborted and remembered.
  // ERR_ABORTED cancels a navigation without an error page, so a redirect
  // page stays on screen to be checked.
  const external = [];
  await ctx.route('**/*', (route) => {
    const req = route.request();
    let host = '';
    try { host = new URL(req.url()).hostname; } catch (e) { /* data: etc. */ }
    if (host === '127.0.0.1' || /^(data|blob|about):/.test(req.url())) return route.continue();
    if (!req.isNavigationRequest()) external.push(req.url());
    return route.abort('aborted');
  });
  const close = async () => {
    await ctx.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { ctx, close, external };
}

module.exports = { serve, browser };
