/* Search snippets from the article, not from the menus around it
   (extensions/page_frame/search_page.py). Loaded on the search page only. */
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
  ].join(",");

  const patch = () => {
    if (typeof Search === "undefined" || typeof Search.htmlToText !== "function") {
      console.warn(
        "[kb] Sphinx's Search.htmlToText is gone: search snippets may quote menus",
      );
      return;
    }
    const sphinxHtmlToText = Search.htmlToText;
    Search.htmlToText = (htmlString, anchor) => {
      const page = new DOMParser().parseFromString(htmlString, "text/html");
      page.querySelectorAll(FRAME).forEach((element) => element.remove());
      return sphinxHtmlToText(page.documentElement.outerHTML, anchor);
    };
  };

  if (typeof Search !== "undefined") patch();
  else document.addEventListener("DOMContentLoaded", patch);
})();
