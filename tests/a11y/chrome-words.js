// Finds Finnish theme words ("chrome") left in a site built with another
// language, which would mean a template hard-codes a string.
// Usage: node chrome-words.js SITE_DIR FI_YAML OTHER_YAML
//
// The words are every string of FI_YAML whose value differs from the same
// key in OTHER_YAML (the literal parts of date formats, e.g. "klo"). Each
// built HTML page is parsed in Chromium (DOMParser: no scripts run, nothing
// loads) and its chrome text is searched: the text of <title> and <body> and
// the attributes a reader meets (aria-label, title, alt, placeholder,
// og:locale), minus what the writers wrote, which is Finnish by nature: the
// Markdown of posts and pages (elements with class "content"), list
// summaries (class "summary-text"), the site's own title and description,
// and the link texts of the site.yaml menu. Whole words, case-sensitive;
// words of one or two letters (weekday abbreviations) only before a digit,
// as in "ma 2.10.". Prints one PASS/FAIL line per page.
'use strict';
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');
const { browser } = require('./lib');

function leaves(v, key, out) {
  if (typeof v === 'string') out.set(key, v);
  else if (Array.isArray(v)) v.forEach((x, i) => leaves(x, `${key}[${i}]`, out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) leaves(v[k], key ? `${key}.${k}` : k, out);
  return out;
}

function words(fiFile, otherFile) {
  const fi = leaves(YAML.parse(fs.readFileSync(fiFile, 'utf8')), '', new Map());
  const other = leaves(YAML.parse(fs.readFileSync(otherFile, 'utf8')), '', new Map());
  const found = new Map(); // phrase -> key
  for (const [key, value] of fi) {
    if (other.get(key) === value) continue;
    // Literal parts around {placeholders}; each must hold a letter.
    for (let part of value.split(/\{[^}]*\}/)) {
      part = part.replace(/^[\s\p{P}\p{S}\d]+|[\s\p{P}\p{S}\d]+$/gu, '');
      if (/\p{L}/u.test(part) && !found.has(part)) found.set(part, key);
    }
  }
  return [...found].map(([phrase, key]) => {
    const esc = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const tail = [...phrase].length <= 2 ? '(?= \\d)' : '(?![\\p{L}\\p{N}])';
    return { phrase, key, re: new RegExp(`(?<![\\p{L}\\p{N}])${esc}${tail}`, 'u') };
  });
}

function htmlFiles(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) htmlFiles(p, out);
    else if (e.name.endsWith('.html')) out.push(p);
  }
  return out.sort();
}

// Runs in the page: the chrome text of one HTML document.
function chromeText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const drop = '.content, .summary-text, .site-title, .site-description, .site-nav a, script, style, template';
  doc.querySelectorAll(drop).forEach((el) => el.remove());
  const parts = [doc.title, doc.body ? doc.body.textContent : ''];
  doc.querySelectorAll('[aria-label], [title], [alt], [placeholder]').forEach((el) => {
    for (const a of ['aria-label', 'title', 'alt', 'placeholder']) if (el.hasAttribute(a)) parts.push(el.getAttribute(a));
  });
  doc.querySelectorAll('meta[property="og:locale"]').forEach((m) => parts.push(m.getAttribute('content')));
  return parts.join('\n').replace(/[ \t\r\n]+/g, ' ');
}

async function main() {
  const [root, fiFile, otherFile] = process.argv.slice(2);
  if (!root || !fiFile || !otherFile) {
    console.error('usage: node chrome-words.js SITE_DIR FI_YAML OTHER_YAML');
    process.exit(2);
  }
  const list = words(fiFile, otherFile);
  const files = htmlFiles(root);
  if (list.length === 0 || files.length === 0) {
    console.log(`FAIL chrome words: ${list.length} words, ${files.length} pages`);
    process.exit(1);
  }
  const b = await browser();
  let failed = 0;
  try {
    const page = await b.ctx.newPage();
    for (const f of files) {
      const text = await page.evaluate(chromeText, fs.readFileSync(f, 'utf8'));
      const name = `sv chrome ${path.relative(root, f)}`;
      const hits = [];
      for (const w of list) {
        const m = w.re.exec(text);
        if (m) {
          const at = Math.max(0, m.index - 30);
          hits.push(`"${w.phrase}" (${w.key}) in …${text.slice(at, m.index + w.phrase.length + 30)}…`);
        }
      }
      if (hits.length) { failed++; console.log(`FAIL ${name}`); hits.slice(0, 10).forEach((h) => console.log(`  ${h}`)); }
      else console.log(`PASS ${name}`);
    }
  } finally {
    await b.close();
  }
  console.error(`chrome-words: ${list.length} Finnish words, ${files.length} pages`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => { console.log(`FAIL chrome words: ${e.stack || e}`); process.exit(1); });
