/* Search snippets from the article, not from the menus around it
   (extensions/page_frame/search_page.py). Loaded on the search page only.

   Sphinx's searchtools.js reads each found page with DOMParser and quotes the
   text of its [role=main], which holds the bar above the article too. The
   scripts of this page are deferred, and this one may run before or after
   searchtools.js and before or after its first result, so instead of
   replacing Search.htmlToText at some moment, the pages it parses are cleaned
   as they are parsed: a parsed site page loses its frame. */
(() => {
  // The page frame inside [role=main]: everything but the article's own text.
  const FRAME = [
    ".bd-header-article",
    "#jb-print-docs-body",
    ".bd-footer-article",
    ".prev-next-footer",
    ".bd-footer-content",
    ".bd-sidebar-secondary",
    "#pst-secondary-sidebar-modal",
    ".kb-translation-notice",
    ".visually-hidden",
    "noscript",
  ].join(",");
  const parse = DOMParser.prototype.parseFromString;
  DOMParser.prototype.parseFromString = function (text, type) {
    const page = parse.call(this, text, type);
    if (type === "text/html" && page.querySelector('[role="main"] article.bd-article')) {
      page.querySelectorAll(`[role="main"] :is(${FRAME})`).forEach((e) => e.remove());
    }
    return page;
  };
})();
