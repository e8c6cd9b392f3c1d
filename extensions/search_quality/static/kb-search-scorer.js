/* The search weights of this site: Sphinx's html_search_scorer
   (extensions/search_quality). Sphinx inlines this file into
   language_data.js, which loads on the search page only.

   Sphinx's own weights are kept for the code that still reads them; the kb*
   weights are read by kb-search.js, which ranks the results. The score of a
   page is the sum, over the words of the query, of
     BM25 (how often the word occurs on the page, against how long the page
     is and on how many pages the word occurs),
     times kbHeadingWord if the word itself is in one of the page's headings
     (not only in a table's title),
     times the match's quality: 1 for the word itself or its accented form,
     kbPrefix for a longer word that starts with it, kbInside for a word that
     holds it, kbLonger for a longer word when the index holds the word too,
   all times kbFactsPage on a page with tables of facts drawn from the
   records (their trials repeat "placebo" or "phase" in passing);
   plus kbPageTitle if the whole query is in the page's title, kbHeading if
   it is in one of its headings (kbCaption in a table's title) and
   kbIndexEntry if it is one of its glossary terms, each times how much of
   that title, heading or term the query fills (at least one half). */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15,
  partialTitle: 7,
  term: 5,
  partialTerm: 2,

  kbBm25K1: 1.2, // how fast more occurrences stop counting
  kbBm25B: 0.5, // how much a long page is penalised
  kbHeadingWord: 3,
  kbPrefix: 0.7,
  kbInside: 0.4,
  kbLonger: 0.3, // a longer word that starts with a word the index also holds
  kbPageTitle: 12,
  kbHeading: 6,
  kbCaption: 0.5, // the title of a table of facts, instead of kbHeading
  kbFactsPage: 0.7, // the BM25 part of a page with tables of facts (drug pages)
  kbIndexEntry: 6,
};
