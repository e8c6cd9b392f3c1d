// Run the site's own search scripts on a built edition, without a browser.
//
//   node tests/search/run_queries.js _build/html/ja "運動ニューロン" "胃ろう"
//
// Loads the scripts in the order search.html loads them (searchtools.js,
// language_data.js, kb-search-counts.js, kb-search.js, searchindex.js), then
// prints for each query a JSON line:
// {"query", "results": [[docname, title, anchor, kind, score], ...] best first}.
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

const [root, ...queries] = process.argv.slice(2);
const context = {
  console,
  URLSearchParams,
  setTimeout: () => {},
  localStorage: { setItem: () => {} },
  document: {
    getElementById: () => null,
    querySelectorAll: () => [],
    documentElement: { dataset: {} },
  },
  DOCUMENTATION_OPTIONS: {},
  SPHINX_HIGHLIGHT_ENABLED: false,
  Documentation: { gettext: (s) => s, ngettext: (a, b, n) => (n === 1 ? a : b) },
  _: (s) => s,
  _ready: () => {},
};
vm.createContext(context);
const scripts = ["_static/searchtools.js", "_static/language_data.js"];
// SEARCH_PLAIN=1: Sphinx's search alone, as before this site's changes.
for (const name of ["_static/kb-search-counts.js", "_static/kb-search.js"]) {
  if (fs.existsSync(path.join(root, name)) && !process.env.SEARCH_PLAIN) scripts.push(name);
}
scripts.push("searchindex.js");
// One script, so the top-level `const Search` of searchtools.js is shared.
const source = scripts.map((name) => fs.readFileSync(path.join(root, name), "utf8")).join("\n;\n");
vm.runInContext(
  source +
    `\n;globalThis.__run = (q) => Search.rank ? Search.rank(q).results
      : Search._performSearch(...Search._parseQuery(q));`,
  context,
);
for (const query of queries) {
  const results = context.__run(query).reverse(); // Sphinx shows them from the end
  process.stdout.write(
    JSON.stringify({ query, results: results.map((r) => [r[0], r[1], r[2], r[6], r[4]]) }) + "\n",
  );
}
