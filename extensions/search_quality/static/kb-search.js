/* Search that finds what readers type, ranked by what a page is about
   (extensions/search_quality). Loaded on the search page only, after Sphinx's
   searchtools.js and language_data.js (with kb-search-scorer.js, the
   weights) and this edition's kb-search-counts.js, and before
   searchindex.js; all are deferred. Sphinx's Search.init has run by then
   (the page is parsed when deferred scripts run) and waits for the index:
   Search.setIndex, in searchindex.js, runs the query with what is set here.

   It replaces Search.query (how the query is matched and ranked),
   Search.makeSearchSummary (where the quoted text starts), wraps
   Search.htmlToText (no .no-search element quoted) and the two sentences of
   the result count; the index is Sphinx's own.

   - Words are compared with letter case and Latin accents folded, each as
     typed and as the edition's stemmer reduces it: "traquea" finds
     "tráquea", "deglutition" finds "déglutition", and "respiracion" finds
     "respiración" (which Spanish stems further).
   - A word the index does not hold is matched inside longer words (as Sphinx
     does; a Japanese word always: 呼吸 in 呼吸器) and by an indexed stem it
     starts with; a Japanese one by the indexed pieces that cover it on a page:
     the index holds what TinySegmenter cut each sentence into (運動 and
     ニューロン, 介護 with 者 dropped: one-character pieces are never
     indexed), and the same word is cut differently in different sentences,
     so no splitting of the query alone can match every page. A page
     matches when its pieces cover every character of the word but single
     characters and hiragana (but hiragana only, when the index holds the
     word whole on some page: then kb-search-counts.js lists the pages where
     a one-character piece was cut off it, 副|作用 for 副作用).
   - A page must match every word of the query, as in Sphinx, but a word
     found on no page at all is left out rather than emptying the results.
   - Each page is listed once, scored as kb-search-scorer.js describes. */
"use strict";
(() => {
  // What searchtools.js must declare (search_quality/sphinx_js.py checks
  // them at build time); if one is gone, Sphinx's own search stays.
  const needed = [
    typeof Search, typeof _displayNextItem, typeof _removeChildren,
    typeof _orderResultsByScoreThenName, typeof SearchResultKind, typeof splitQuery,
  ];
  if (needed.includes("undefined") || typeof Search._parseQuery !== "function") {
    console.warn("kb-search.js: searchtools.js has changed; Sphinx's own search is used");
    return;
  }
  // Sphinx's Stemmer, stopwords and splitQuery are read when a query runs.

  const DATA =
    typeof KB_SEARCH === "undefined" ? { counts: {}, lengths: [], words: {} } : KB_SEARCH;
  const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc]/u;
  const HIRAGANA = /^\p{Script=Hiragana}+$/u;
  // Accents a vowel may have been typed without (Spanish, French,
  // Portuguese: "emergencias" for "emergências").
  const ACCENTS = { a: "áâã", e: "éê", i: "í", o: "óôõ", u: "ú" };
  // Arabic words are compared normalised (language_data.js of the Arabic
  // edition, search_quality/arabic.js); in other editions, as typed.
  const arabic = typeof kbArabicNormalise === "function" ? kbArabicNormalise : null;
  const normal = arabic || ((w) => w);

  // Lower case, Latin accents and ligatures folded; each UTF-16 unit stays
  // one unit, so a position in a folded text is a position in the original.
  const foldedChars = new Map();
  const foldChar = (c) => {
    let f = foldedChars.get(c);
    if (f === undefined) {
      f = c.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
      if (f.length !== c.length) f = c.toLowerCase().length === c.length ? c.toLowerCase() : c;
      foldedChars.set(c, f);
    }
    return f;
  };
  const fold = (text) => text.replace(/[^\ud800-\udfff]/g, foldChar);
  const foldWord = (text) => fold(text).replace(/œ/g, "oe").replace(/æ/g, "ae");

  const pagesOf = (table, key) => {
    const pages = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
    if (pages === undefined) return [];
    return Array.isArray(pages) ? pages : [pages];
  };

  let prepared = null;
  const prepare = () => {
    const index = Search._index;
    if (prepared && prepared.index === index) return prepared;
    const keys = new Map(); // folded word -> the index's words
    for (const table of [index.terms, index.titleterms]) {
      for (const key of Object.keys(table)) {
        const folded = foldWord(key);
        if (!keys.has(folded)) keys.set(folded, new Set());
        keys.get(folded).add(key);
      }
    }
    const counts = new Map(); // word -> page -> how often (when 3 times or more)
    for (const [key, flat] of Object.entries(DATA.counts || {})) {
      const pages = new Map();
      for (let i = 0; i + 1 < flat.length; i += 2) pages.set(flat[i], flat[i + 1]);
      counts.set(key, pages);
    }
    const captionWords = new Map(
      Object.entries(DATA.captionWords || {}).map(([key, pages]) => [key, new Set(pages)]),
    );
    const captions = new Set(
      Object.entries(DATA.captions || {}).flatMap(([page, ids]) => ids.map((id) => `${page}#${id}`)),
    );
    const lengths = DATA.lengths || [];
    const average = lengths.length ? lengths.reduce((a, b) => a + b, 0) / lengths.length : 1;
    const factPages = new Set(DATA.factPages || []);
    prepared = {
      index, keys, counts, captionWords, captions, factPages, lengths, average: average || 1,
    };
    return prepared;
  };

  // The index's words that stand for one typed word, each with a quality.
  const matchWord = (raw, P) => {
    const stemmer = new Stemmer();
    const lower = raw.toLowerCase();
    const forms = new Set(
      [lower, stemmer.stemWord(lower), fold(lower), stemmer.stemWord(fold(lower))].map(foldWord),
    );
    const found = new Map();
    const add = (folded, quality) =>
      P.keys.get(folded).forEach((key) => found.set(key, Math.max(found.get(key) || 0, quality)));
    for (const form of forms) if (P.keys.has(form)) add(form, 1);
    // Typed without its accent, a word may stem differently: Spanish stems
    // "respiración" to "respir" but keeps "respiracion" whole. Try the word
    // with an accent on one of its last three vowels.
    if (!found.size && !CJK.test(lower)) {
      const vowels = [...lower.matchAll(/[aeiou]/g)].slice(-3);
      for (const { index: at } of vowels) {
        for (const accent of ACCENTS[lower[at]]) {
          const accented = lower.slice(0, at) + accent + lower.slice(at + 1);
          const form = foldWord(stemmer.stemWord(accented));
          if (P.keys.has(form)) {
            add(form, 1);
            forms.add(form);
          }
        }
      }
    }
    // Japanese: the same word is cut differently in different sentences, so
    // its pieces are looked for even when the index also holds it whole.
    const cjk = CJK.test(lower);
    const pieces = [];
    const inside = !found.size;
    if (inside || cjk || [...forms].some((form) => form.length >= 5)) {
      for (const folded of P.keys.keys()) {
        // Longer words that start with a long stem: "respir" (respiración)
        // also stands for "respiratori" (respiratorio).
        if (!inside && !cjk) {
          for (const form of forms) {
            if (form.length >= 5 && folded !== form && folded.startsWith(form))
              add(folded, Scorer.kbLonger);
          }
        } else {
          for (const form of forms) {
            if (form.length >= (cjk ? 1 : 3) && folded.includes(form))
              add(folded, folded.startsWith(form) ? Scorer.kbPrefix : Scorer.kbInside);
            // An indexed stem of the word typed without its accent:
            // "respiracion" is not stemmed as "respiración" is, to "respir".
            else if (!cjk && folded.length >= 4 && 2 * folded.length >= form.length &&
                     form.startsWith(folded))
              add(folded, Scorer.kbPrefix);
          }
        }
        if (cjk && folded.length > 1 && folded !== lower && lower.includes(folded))
          pieces.push(folded);
      }
    }
    return {
      raw: lower,
      found,
      // Pages where the splitter cut the word the index holds whole elsewhere.
      joined: (DATA.joined && DATA.joined[lower]) || [],
      pieces: pieces.flatMap((p) => [...P.keys.get(p)]),
      // Held whole elsewhere: a page must then cover it but for hiragana.
      strict: !inside,
    };
  };

  // A partial match in a heading is no sign that the page is about the word.
  const bm25 = (key, page, P, exact = true) => {
    const { terms, titleterms, docnames } = P.index;
    const inText = pagesOf(terms, key);
    const inHeadings = pagesOf(titleterms, key);
    const df = new Set([...inText, ...inHeadings]).size;
    const idf = Math.log(1 + (docnames.length - df + 0.5) / (df + 0.5));
    const tf = (P.counts.get(key) && P.counts.get(key).get(page)) || 1;
    const length = P.lengths[page] || P.average;
    const k1 = Scorer.kbBm25K1;
    const b = Scorer.kbBm25B;
    const weight = (tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / P.average));
    const inHeading =
      exact &&
      inHeadings.includes(page) &&
      !(P.captionWords.get(key) && P.captionWords.get(key).has(page));
    return idf * weight * (inHeading ? Scorer.kbHeadingWord : 1);
  };

  // page -> score for one typed word.
  const scoreWord = (word, P) => {
    const { terms, titleterms } = P.index;
    const scores = new Map();
    const keep = (page, score) => scores.set(page, Math.max(scores.get(page) || 0, score));
    for (const [key, quality] of word.found) {
      for (const page of new Set([...pagesOf(terms, key), ...pagesOf(titleterms, key)]))
        keep(page, quality * bm25(key, page, P, quality === 1));
    }
    for (const page of word.joined) keep(page, bm25(word.raw, page, P, false));
    if (!word.pieces.length) return scores;
    const byPage = new Map();
    for (const piece of word.pieces) {
      for (const page of new Set([...pagesOf(terms, piece), ...pagesOf(titleterms, piece)])) {
        if (!byPage.has(page)) byPage.set(page, []);
        byPage.get(page).push(piece);
      }
    }
    const text = word.raw;
    for (const [page, pieces] of byPage) {
      const covered = new Array(text.length).fill(false);
      for (const piece of pieces) {
        for (let at = text.indexOf(piece); at > -1; at = text.indexOf(piece, at + 1))
          covered.fill(true, at, at + piece.length);
      }
      const gaps = text.split("").filter((_, i) => !covered[i]).length;
      const runs = text.replace(/./gsu, (c, i) => (covered[i] ? "\n" : c)).split("\n");
      if (text.length - gaps < 2) continue;
      if (runs.some((run) => (word.strict || run.length > 1) && run && !HIRAGANA.test(run)))
        continue;
      const weakest = Math.min(...pieces.map((piece) => bm25(piece, page, P)));
      keep(page, ((text.length - gaps) / text.length) * weakest);
    }
    return scores;
  };

  // [docname, title, anchor, descr, score, filename, kind], best last.
  const rank = (query) => {
    const P = prepare();
    const { docnames, titles, filenames, alltitles, indexentries } = P.index;
    const raws = splitQuery(query.trim()).filter(
      (raw) => stopwords.indexOf(normal(raw.toLowerCase())) === -1 && !/^\d+$/.test(raw),
    );
    const words = raws.map((raw) => matchWord(raw, P));
    const perWord = words.map((word) => scoreWord(word, P)).filter((scores) => scores.size);
    const pages = new Map(); // page -> {score, anchor, kind}
    if (perWord.length) {
      for (const [page] of perWord[0]) {
        if (perWord.every((scores) => scores.has(page)))
          pages.set(page, {
            score:
              perWord.reduce((sum, scores) => sum + scores.get(page), 0) *
              (P.factPages.has(page) ? Scorer.kbFactsPage : 1),
            anchor: "",
            kind: SearchResultKind.text,
          });
      }
    }

    // The whole query in a title, a heading or a glossary term, word for word
    // as the stemmer reduces them ("motor neurones" is in "Motor neuron").
    const stemmer = new Stemmer();
    const stemmed = (text) =>
      " " +
      splitQuery(text.toLowerCase())
        .map((word) => foldWord(stemmer.stemWord(word)))
        .join(" ") +
      " ";
    // Japanese is not split into words: a title holds the query anywhere.
    const phrase = CJK.test(query) ? stemmed(query).trim() : stemmed(query);
    // The best title, heading and glossary term of each page that holds the
    // query; the link goes to the first of these found: the page's top, the
    // heading, the glossary entry (a table's title last).
    const best = new Map(); // page -> {title, heading, entry: [weight, anchor, kind]}
    const boost = (page, what, weight, anchor, kind) => {
      if (!best.has(page)) best.set(page, {});
      const found = best.get(page);
      if (!found[what] || found[what][0] < weight) found[what] = [weight, anchor, kind];
    };
    const filling = (text) => Math.max(0.5, Math.min(1, phrase.length / text.length));
    if (phrase.length >= (CJK.test(phrase) ? 2 : 5)) {
      titles.forEach((title, page) => {
        const words = stemmed(title);
        if (words.includes(phrase))
          boost(page, "title", Scorer.kbPageTitle * filling(words), "", SearchResultKind.title);
      });
      for (const [title, places] of Object.entries(alltitles)) {
        const words = stemmed(title);
        if (!words.includes(phrase)) continue;
        for (const [page, id] of places) {
          if (!id) continue;
          const caption = P.captions.has(`${page}#${id}`);
          const weight = (caption ? Scorer.kbCaption : Scorer.kbHeading) * filling(words);
          boost(page, caption ? "caption" : "heading", weight, "#" + id, SearchResultKind.title);
        }
      }
      for (const [entry, places] of Object.entries(indexentries || {})) {
        const words = stemmed(entry);
        if (!words.includes(phrase) || phrase.length < words.length / 2) continue;
        for (const [page, id] of places) {
          const weight = Scorer.kbIndexEntry * filling(words);
          boost(page, "entry", weight, id ? "#" + id : "", SearchResultKind.index);
        }
      }
    }
    for (const [page, found] of best) {
      const result = pages.get(page) || { score: 0, anchor: "", kind: SearchResultKind.text };
      const first = ["title", "heading", "entry", "caption"].find((what) => found[what]);
      result.score += ["title", "heading", "entry", "caption"]
        .map((what) => (found[what] ? found[what][0] : 0))
        .reduce((a, b) => a + b, 0);
      [, result.anchor, result.kind] = found[first];
      pages.set(page, result);
    }

    const results = [...pages].map(([page, found]) => [
      docnames[page],
      titles[page],
      found.anchor,
      null,
      Math.round(found.score * 100) / 100,
      filenames[page],
      found.kind,
    ]);
    if (Scorer.score) results.forEach((result) => (result[4] = Scorer.score(result)));
    results.sort(_orderResultsByScoreThenName);
    const keywords = new Set(raws.map((raw) => raw.toLowerCase()));
    words.forEach((word) => word.found.forEach((_, key) => keywords.add(key)));
    return { results, keywords };
  };

  Search.rank = rank;

  Search.query = (query) => {
    const [, , , highlightTerms] = Search._parseQuery(query);
    _removeChildren(document.getElementById("search-progress"));
    const { results, keywords } = rank(query);
    _displayNextItem(results, results.length, keywords, highlightTerms);
  };

  // Quotes leave out what the page marks as not for search (the "Last
  // reviewed" line under each title): Sphinx's htmlToText reads the page
  // without those elements.
  const htmlToText = Search.htmlToText;
  Search.htmlToText = (htmlString, anchor) => {
    const page = new DOMParser().parseFromString(htmlString, "text/html");
    const marked = page.querySelectorAll(".no-search");
    if (!marked.length) return htmlToText(htmlString, anchor);
    marked.forEach((element) => element.remove());
    return htmlToText(page.documentElement.outerHTML, anchor);
  };

  // Text folded as the index's words are, with where each folded character
  // came from: in Arabic, diacritics are dropped and letters normalised
  // (مقدّمي is found as مقدمي), so positions move.
  const foldPlaces = (text) => {
    if (!arabic) return [fold(text), (at) => at];
    let out = "";
    const from = [];
    for (let i = 0; i < text.length; i++) {
      const piece = arabic(fold(text[i]));
      for (let k = 0; k < piece.length; k++) from.push(i);
      out += piece;
    }
    return [out, (at) => (at < from.length ? from[at] : text.length)];
  };

  // The quote starts a little before the first place the searched word occurs.
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const text = Search.htmlToText(htmlText, anchor).replace(/\s+/g, " ").trim();
    if (text === "") return null;
    const [folded, places] = foldPlaces(text);
    // The words as typed come first in keywords, then the index's words.
    const place = [...keywords]
      .map((keyword) => folded.indexOf(foldPlaces(keyword)[0]))
      .find((at) => at > -1);
    const start = place === undefined ? 0 : Math.max(places(place) - 60, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    summary.textContent =
      (start ? "…" : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? "…" : "");
    return summary;
  };

  // The result count in the edition's language (Sphinx's catalogs leave it
  // empty in some languages).
  const words = DATA.words || {};
  if (typeof Documentation !== "undefined" && words.other) {
    const { gettext, ngettext } = Documentation;
    Documentation.ngettext = (singular, plural, n) =>
      singular.startsWith("Search finished, found one page")
        ? (n === 1 ? words.one : words.other).replace("{count}", n)
        : ngettext(singular, plural, n);
    Documentation.gettext = (message) =>
      message.startsWith("Your search did not match any documents") && words.none
        ? words.none
        : gettext(message);
  }
})();
