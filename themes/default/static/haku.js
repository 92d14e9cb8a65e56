/* haku.js: saitti's site search (issue 18). No framework, no third party:
 * it fetches only the index files saitti wrote beside the search page
 * (render/search.h says what they hold), and only those a query needs.
 *
 * A typed word becomes terms in three ways, first that answers:
 *  1. the site's own table of the forms it uses (Voikko's base forms,
 *     made when the site was built): "perhekeskuksissa" → "perhekeskus";
 *  2. the word itself, or the word with a common Finnish ending removed,
 *     when that is a term of the site;
 *  3. forms of the site that are the shortened word plus a short ending.
 * Every word must match (in any of its terms); a document scores by where
 * each word stood: title, then heading or tag, then body; ties go to the
 * newer document. An "exact phrase" is checked against the page's text.
 *
 * The same file runs under node for the recall test (module.exports). */
(function (global) {
  'use strict';

  var TITLE = 4, HEADING = 2;
  var MAX_WORD_BYTES = 64;   /* as MORPH_MAX_WORD in src/model/morph.h */
  var PHRASE_CHECK_MAX = 200;

  function utf8Length(s) {
    return unescape(encodeURIComponent(s)).length;
  }

  /* The words of a text, as saitti's indexer splits and lowercases
   * them (src/model/searchindex.c). */
  function words(text) {
    var out = [];
    var re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      var w = m[0].toLowerCase();
      if (Array.from(w).length < 2 || utf8Length(w) > MAX_WORD_BYTES) continue;
      out.push(w);
    }
    return out;
  }

  function unique(list) {
    var seen = Object.create(null), out = [];
    list.forEach(function (x) {
      if (!seen[x]) { seen[x] = true; out.push(x); }
    });
    return out;
  }

  /* Phrases in quotes ("…", “…”, „…”) and every word of the query. */
  function parseQuery(q) {
    var phrases = [];
    var rest = q.replace(/["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]*)["\u201c\u201d\u201e]?/g,
      function (_, p) {
        var w = words(p);
        if (w.length > 1) phrases.push(w);
        return ' ' + p + ' ';
      });
    return { words: unique(words(rest)), phrases: phrases };
  }

  /* Common Finnish case and number endings, longest first, and the stem
   * changes they leave behind. For words the site never used. */
  var FI_ENDINGS = [
    'iksemme', 'iksenne', 'issamme', 'istamme', 'iltamme',
    'oissa', 'oissä', 'oista', 'oilla', 'oille', 'oihin', 'oiden', 'oina',
    'öissä', 'öistä', 'öillä', 'öille', 'öihin', 'öiden', 'öinä', 'oita', 'öitä',
    'ineen', 'itten', 'iksi', 'ihin', 'issa', 'issä', 'ista', 'istä',
    'illa', 'illä', 'ilta', 'iltä', 'ille', 'iden', 'ejen', 'ojen', 'öjen',
    'seen', 'tten', 'ssa', 'ssä', 'sta', 'stä', 'lla', 'llä', 'lta', 'ltä',
    'lle', 'ksi', 'tta', 'ttä', 'den', 'jen', 'ten', 'iin', 'ina', 'inä',
    'hin', 'han', 'hen', 'hon', 'hun', 'hyn', 'hän', 'hön',
    'na', 'nä', 'ta', 'tä', 'in', 'it', 'ja', 'jä',
    'aan', 'ään', 'een', 'oon', 'uun', 'yyn', 'öön',
    'an', 'än', 'en', 'on', 'un', 'yn', 'ön',
    'a', 'ä', 'n', 't', 'i', 'e'
  ];
  var FI_STEM_CHANGES = [
    ['kse', 's'], ['ks', 's'], ['ise', 'inen'], ['is', 'inen'],
    ['kkaa', 'kas'], ['kkaa', 'kkaa'], ['tt', 't'], ['kk', 'k'], ['pp', 'p'],
    ['mme', 'n'], ['mpi', 'n'], ['nn', 'nt'], ['ll', 'lt'], ['rr', 'rt'],
    ['de', 'si'], ['ee', 'e'], ['aa', 'a'], ['ää', 'ä'],
    ['uu', 'uus'], ['yy', 'yys'], ['ude', 'us'], ['yde', 'ys']
  ];

  /* bare: only what an ending leaves and its stem changes, without a
   * vowel added back. */
  function fiStems(w, bare) {
    var out = [];
    var chars = Array.from(w);
    FI_ENDINGS.forEach(function (e) {
      var el = Array.from(e).length;
      if (chars.length - el < 3 || w.slice(-e.length) !== e) return;
      var stem = w.slice(0, w.length - e.length);
      out.push(stem);
      var stems = [stem];
      FI_STEM_CHANGES.forEach(function (c) {
        if (stem.slice(-c[0].length) === c[0])
          stems.push(stem.slice(0, stem.length - c[0].length) + c[1]);
      });
      stems.forEach(function (s) {
        out.push(s);
        if (!bare)
          ['a', 'ä', 'i', 'e', 'o', 'u', 'y', 'ö'].forEach(function (v) {
            out.push(s + v);
          });
      });
    });
    return unique(out).filter(function (s) { return s !== w; });
  }

  function hasOwn(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  var DIGITS = (function () {
    var t = [], a = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    for (var i = 0; i < a.length; i++) t[a.charCodeAt(i)] = i;
    return t;
  })();

  function hex(s) {
    var b = unescape(encodeURIComponent(s)), out = '';
    for (var i = 0; i < b.length; i++)
      out += (b.charCodeAt(i) < 16 ? '0' : '') + b.charCodeAt(i).toString(16);
    return out;
  }

  /* The chunk of family fam ('t' or 's') that holds key: the one of its
   * longest listed prefix, or null. */
  function chunkFor(m, fam, key) {
    var best = null;
    m[fam].forEach(function (p) {
      if (key.lastIndexOf(p, 0) === 0 && (best === null || p.length > best.length))
        best = p;
    });
    return best === null ? null : fam + '-' + hex(best) + '.json';
  }

  /* base: the URL of the index folder ("…/haku/i/"); load(url) gives a
   * promise of the parsed JSON; pageText(url), when given, a promise of a
   * page's text, for phrases. */
  function Index(base, load, pageText) {
    this.base = base;
    this.load = load;
    this.pageText = pageText;
    this.files = Object.create(null);
    this.decoded = Object.create(null);
    this.loaded = [];
  }

  /* A chunk, asked for with the index's version so that no cache hands
   * out one of another build. */
  Index.prototype.get = function (name) {
    var self = this;
    if (!this.files[name]) {
      this.loaded.push(name);
      this.files[name] = this.manifest().then(function (m) {
        return self.load(self.base + name + '?v=' + m.version);
      });
    }
    return this.files[name];
  };

  Index.prototype.manifest = function () {
    if (!this.man) this.man = this.load(this.base + 'index.json');
    return this.man;
  };

  /* The base forms the site's table gives a typed word, or null. */
  Index.prototype.surface = function (w) {
    var self = this;
    return this.manifest().then(function (m) {
      var f = chunkFor(m, 's', w);
      if (!f) return null;
      return self.get(f).then(function (c) {
        return hasOwn(c, w) ? c[w].split(' ') : null;
      });
    });
  };

  /* A term's postings as [[document, where], …], or null. */
  Index.prototype.postings = function (term) {
    var self = this;
    return this.manifest().then(function (m) {
      var f = chunkFor(m, 't', term);
      if (!f) return null;
      return self.get(f).then(function (c) {
        if (!hasOwn(c, term)) return null;
        /* Decoded once: the next query with the term reuses it. */
        if (!self.decoded[term]) {
          /* Varints of 5 bits a character (src/render/search.c). */
          var out = [], doc = 0, x = 0, shift = 0, str = c[term];
          for (var i = 0; i < str.length; i++) {
            var v = DIGITS[str.charCodeAt(i)];
            x += (v & 31) * Math.pow(2, shift);
            if (v & 32) {
              shift += 5;
              continue;
            }
            doc += Math.floor(x / 8);
            out.push([doc, x % 8]);
            x = 0;
            shift = 0;
          }
          self.decoded[term] = out;
        }
        return self.decoded[term];
      });
    });
  };

  /* Terms of the site, and base forms of its words, that are stem plus
   * at most five letters: from the chunks that may hold them. */
  Index.prototype.extend = function (stem) {
    var self = this;
    return this.manifest().then(function (m) {
      var files = [];
      ['s', 't'].forEach(function (fam) {
        /* The chunk of the stem's longest prefix, and up to three
         * of the stem's own extensions. */
        var own = [], under = null;
        m[fam].forEach(function (p) {
          if (stem.lastIndexOf(p, 0) === 0 && p.length < stem.length &&
              (under === null || p.length > under.length))
            under = p;
          else if (p.lastIndexOf(stem, 0) === 0 && own.length < 3)
            own.push(p);
        });
        if (under !== null) own.unshift(under);
        own.forEach(function (p) { files.push([fam, fam + '-' + hex(p) + '.json']); });
      });
      return Promise.all(files.map(function (f) { return self.get(f[1]); }))
        .then(function (chunks) {
          var out = [];
          chunks.forEach(function (c, i) {
            for (var w in c)
              if (hasOwn(c, w) && w.lastIndexOf(stem, 0) === 0 &&
                  Array.from(w).length - Array.from(stem).length <= 5)
                out = out.concat(files[i][0] === 's' ? c[w].split(' ') : [w]);
          });
          return unique(out);
        });
    });
  };

  /* The terms a typed word stands for. */
  Index.prototype.terms = function (w) {
    var self = this;
    return this.manifest().then(function (m) {
      return self.surface(w).then(function (bases) {
        if (bases) return bases;
        var finnish = /^fi/.test(m.language || '');
        var cands = [w].concat(finnish ? fiStems(w) : []);
        return Promise.all(cands.map(function (c) {
          return self.postings(c).then(function (p) { return p ? c : null; });
        })).then(function (found) {
          found = found.filter(Boolean);
          if (found.length) return found;
          var chars = Array.from(w);
          var stems = finnish ? fiStems(w, true) : [];
          for (var k = 1; k <= 3; k++) stems.push(chars.slice(0, chars.length - k).join(''));
          stems = unique(stems).filter(function (s) {
            return Array.from(s).length >= 4;
          }).sort(function (a, b) { return b.length - a.length || (a < b ? -1 : 1); });
          var next = function (i) {
            if (i >= stems.length || i >= 12) return Promise.resolve([]);
            return self.extend(stems[i]).then(function (found2) {
              return found2.length ? found2 : next(i + 1);
            });
          };
          return next(0);
        });
      });
    });
  };

  function weight(where) {
    return where & TITLE ? 100 : where & HEADING ? 10 : 1;
  }

  /* Runs a query: a promise of {words, terms (one list per word),
   * phrases, hits: [{doc, score}] best first}. */
  Index.prototype.search = function (q) {
    var self = this;
    var pq = parseQuery(q);
    if (!pq.words.length)
      return Promise.resolve({ words: [], terms: [], phrases: [], hits: [] });
    return Promise.all(pq.words.map(function (w) { return self.terms(w); }))
      .then(function (terms) {
        return Promise.all(terms.map(function (list) {
          return Promise.all(list.map(function (t) { return self.postings(t); }));
        })).then(function (lists) {
          var scores = null;
          lists.forEach(function (perTerm) {
            var acc = new Map();
            perTerm.forEach(function (p) {
              (p || []).forEach(function (e) {
                acc.set(e[0], (acc.get(e[0]) || 0) | e[1]);
              });
            });
            var next = new Map();
            acc.forEach(function (where, doc) {
              if (scores === null) next.set(doc, weight(where));
              else if (scores.has(doc)) next.set(doc, scores.get(doc) + weight(where));
            });
            scores = next;
          });
          var hits = [];
          scores.forEach(function (score, doc) { hits.push({ doc: doc, score: score }); });
          hits.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
          return { words: pq.words, terms: terms, phrases: pq.phrases, hits: hits };
        });
      });
  };

  /* Documents by number: {kind, title, url, iso, date, section, place,
   * excerpt}. */
  Index.prototype.docs = function (ids) {
    var self = this;
    return this.manifest().then(function (m) {
      return Promise.all(ids.map(function (id) {
        return self.get('d-' + Math.floor(id / m.per) + '.json').then(function (c) {
          var r = c[id % m.per];
          return { id: id, kind: r[0], title: r[1], url: r[2], iso: r[3],
            date: r[4], section: r[5], place: r[6], excerpt: r[7] };
        });
      }));
    });
  };

  /* The hits whose page holds every phrase, word for word: each gets
   * its text, for the excerpt. Checks at most PHRASE_CHECK_MAX pages. */
  Index.prototype.phrases = function (result) {
    var self = this;
    if (!result.phrases.length || !this.pageText) return Promise.resolve(result.hits);
    var hits = result.hits.slice(0, PHRASE_CHECK_MAX);
    return this.docs(hits.map(function (h) { return h.doc; })).then(function (docs) {
      return Promise.all(docs.map(function (d) {
        return self.pageText(d.url).then(function (text) {
          var flat = ' ' + words(text).join(' ') + ' ';
          var ok = result.phrases.every(function (p) {
            return flat.indexOf(' ' + p.join(' ') + ' ') >= 0;
          });
          return ok ? text : null;
        }, function () { return null; });
      })).then(function (texts) {
        var out = [];
        hits.forEach(function (h, i) {
          if (texts[i] !== null) out.push({ doc: h.doc, score: h.score, text: texts[i] });
        });
        return out;
      });
    });
  };

  /* What marks a word of an excerpt as a match: the start of each typed
   * word and each of its terms, less the last letters inflection
   * changes. */
  function markKeys(result) {
    var keys = [];
    result.words.forEach(function (w, i) {
      [w].concat(result.terms[i] || []).forEach(function (t) {
        var c = Array.from(t);
        keys.push(c.slice(0, Math.max(3, c.length - 2)).join(''));
      });
    });
    return unique(keys);
  }

  function matches(word, keys) {
    var w = word.toLowerCase();
    return keys.some(function (k) {
      return w.lastIndexOf(k, 0) === 0 || (k.length >= 5 && w.indexOf(k) > 0);
    });
  }

  /* Splits text into [piece, marked] for the excerpt. */
  function markPieces(text, keys) {
    var out = [], last = 0, re = /[\p{L}\p{N}]+/gu, m;
    while ((m = re.exec(text)) !== null) {
      if (!matches(m[0], keys)) continue;
      if (m.index > last) out.push([text.slice(last, m.index), false]);
      out.push([m[0], true]);
      last = m.index + m[0].length;
    }
    if (last < text.length) out.push([text.slice(last), false]);
    return out;
  }

  /* Some 200 characters of a page's text around its first phrase. */
  function phraseExcerpt(text, phrase) {
    var flat = text.replace(/\s+/g, ' ');
    var low = flat.toLowerCase();
    var at = low.indexOf(phrase[0]);
    if (at < 0) return null;
    var from = Math.max(0, at - 80);
    var s = flat.slice(from, from + 220).trim();
    return (from > 0 ? '…' : '') + s + '…';
  }

  var api = {
    Index: Index, words: words, parseQuery: parseQuery, fiStems: fiStems,
    markKeys: markKeys, markPieces: markPieces
  };

  if (typeof module === 'object' && module.exports) {
    module.exports = api;
    return;
  }
  global.haku = api;

  /* ------------------------------------------------------------ the page */

  var PAGE = 10;

  function say(tpl, q, n) {
    /* Functions, so that "$&" in a query stays as typed. */
    return tpl.replace('{q}', function () { return '”' + q + '”'; })
      .replace('{n}', function () { return String(n); });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text) e.textContent = text;
    return e;
  }

  function fetchJSON(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.json();
    });
  }

  function fetchText(url) {
    return fetch(url, { credentials: 'same-origin' }).then(function (r) {
      if (!r.ok) throw new Error(url + ': ' + r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var main = doc.querySelector('main') || doc.body;
      return main ? main.textContent : '';
    });
  }

  function start() {
    var form = document.getElementById('haku-lomake');
    if (!form) return;
    var input = document.getElementById('haku-q');
    var status = document.getElementById('haku-tila');
    var section = document.getElementById('haku-osio');
    var list = document.getElementById('haku-tulokset');
    var more = document.getElementById('haku-lisaa');
    var ds = form.dataset;
    var base = new URL(ds.index, document.baseURI).href.replace(/[^/]*$/, '');
    var ix = new Index(base, fetchJSON, fetchText);
    var shown = [], pending = [], keys = [], phrases = [], serial = 0;

    function show(n, focus) {
      var next = pending.slice(shown.length, shown.length + n);
      return ix.docs(next.map(function (h) { return h.doc; })).then(function (docs) {
        var first = null;
        docs.forEach(function (d, i) {
          var li = el('li', 'search-result');
          var h = el('h2');
          var a = el('a', null, d.title);
          a.href = d.url;
          h.appendChild(a);
          li.appendChild(h);
          var meta = el('p', 'search-meta');
          if (d.date) {
            var t = el('time', null, d.date);
            t.setAttribute('datetime', d.iso);
            meta.appendChild(t);
          }
          [d.section, d.place].forEach(function (x) {
            if (!x) return;
            if (meta.childNodes.length) meta.appendChild(document.createTextNode(' · '));
            meta.appendChild(document.createTextNode(x));
          });
          if (meta.childNodes.length) li.appendChild(meta);
          var text = next[i].text && phrases.length ?
            phraseExcerpt(next[i].text, phrases[0]) : null;
          text = text || d.excerpt;
          if (text) {
            var p = el('p', 'search-excerpt');
            markPieces(text, keys).forEach(function (piece) {
              p.appendChild(piece[1] ? el('mark', null, piece[0]) :
                document.createTextNode(piece[0]));
            });
            li.appendChild(p);
          }
          list.appendChild(li);
          shown.push(next[i]);
          if (!first) first = a;
        });
        more.hidden = shown.length >= pending.length;
        if (focus && first) first.focus();
      });
    }

    function run(q) {
      var my = ++serial;
      q = q.trim();
      list.textContent = '';
      shown = [];
      pending = [];
      more.hidden = true;
      if (!q) {
        section.hidden = true;
        status.textContent = '';
        return;
      }
      status.textContent = ds.loading;
      ix.search(q).then(function (r) {
        keys = markKeys(r);
        phrases = r.phrases;
        return ix.phrases(r);
      }).then(function (hits) {
        if (my !== serial) return;
        pending = hits;
        section.hidden = !hits.length;
        return show(PAGE, false).then(function () {
          var n = hits.length;
          status.textContent = say(n === 0 ? ds.none : n === 1 ? ds.one : ds.many, q, n);
        });
      }).catch(function () {
        if (my === serial) status.textContent = ds.error;
      });
    }

    form.addEventListener('submit', function (e) {
      e.preventDefault();
      var q = input.value;
      var url = new URL(window.location.href);
      url.searchParams.set('q', q);
      window.history.replaceState(null, '', url.href);
      run(q);
    });
    more.addEventListener('click', function () { show(PAGE, true); });
    var q = new URLSearchParams(window.location.search).get('q');
    if (q) {
      input.value = q;
      run(q);
    }
  }

  if (document.readyState === 'loading')
    document.addEventListener('DOMContentLoaded', start);
  else
    start();
})(this);
