/* Arabic words as the Arabic edition's search index holds them
   (extensions/search_quality/arabic.py does the same in Python; both are
   tested with tests/search/arabic_cases.json, so they cannot drift).

   kbArabicNormalise(word): Arabic presentation forms to letters (NFKC), no
   diacritics (tashkeel U+064B-U+065F, U+0670) or tatweel (U+0640), alef with
   hamza or madda and alef wasla to bare alef, alef maqsura to ya, ta marbuta
   to ha, Persian ya and kaf to Arabic ones, Arabic-Indic digits to 0-9.
   Hamza on waw and on ya (ؤ, ئ) stay: they are letters of their own.

   kbArabicStem(word): the normalised word without a light prefix (و, then
   one of ال وال بال كال فال لل: the prefixes of Larkey's "light10"), never
   shorter than two letters. Suffixes stay (see arabic.py for the measure). Loaded into language_data.js as Sphinx's
   Stemmer for the Arabic edition (Latin words get Sphinx's English stemmer). */
var KB_ARABIC_LETTER = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;
var KB_ARABIC_MAP = {
  "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
  "\u0649": "\u064a", "\u0629": "\u0647", "\u06cc": "\u064a", "\u06a9": "\u0643",
};
var KB_ARABIC_PREFIXES = ["\u0648\u0627\u0644", "\u0628\u0627\u0644", "\u0643\u0627\u0644",
  "\u0641\u0627\u0644", "\u0644\u0644", "\u0627\u0644"];

function kbArabicNormalise(word) {
  if (/[\ufb50-\ufdff\ufe70-\ufeff]/.test(word)) word = word.normalize("NFKC");
  return word
    .replace(/[\u064b-\u065f\u0670\u0640]/g, "")
    .replace(/[\u0623\u0625\u0622\u0671\u0649\u0629\u06cc\u06a9]/g, (c) => KB_ARABIC_MAP[c])
    .replace(/[\u0660-\u0669]/g, (c) => String(c.charCodeAt(0) - 0x0660))
    .replace(/[\u06f0-\u06f9]/g, (c) => String(c.charCodeAt(0) - 0x06f0));
}

function kbArabicStem(word) {
  word = kbArabicNormalise(word);
  if (word.length > 3 && word[0] === "\u0648") word = word.slice(1);
  for (const prefix of KB_ARABIC_PREFIXES) {
    if (word.startsWith(prefix) && word.length - prefix.length >= 2) {
      word = word.slice(prefix.length);
      break;
    }
  }
  return word;
}
