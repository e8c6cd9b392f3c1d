/* "Could this trial be open to me?": marks each open trial of the overview
 * table as "may match", "does not match" (with the reasons in words) or "not
 * enough information", from what the reader chose to enter. Everything stays
 * in this page: no request, no cookie, no storage, no logging. Words come from
 * the JSON block "kb-finder-labels" the extension writes in the edition's
 * language; the rules come from the rows' data-* attributes (numbers and
 * codes). Without JavaScript the form stays hidden and the table's
 * eligibility columns say the same. */
(function () {
  "use strict";

  function fill(template, values) {
    return String(template || "").replace(/\{(\w+)\}/g, function (all, key) {
      return Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }

  // Digits as the reader's keyboard types them: Arabic-Indic (٣٠), Eastern
  // Arabic-Indic (۳۰) and full-width (３０) read as 30.
  function westernDigits(text) {
    return text.replace(/[\u0660-\u0669\u06f0-\u06f9\uff10-\uff19]/g, function (d) {
      var code = d.charCodeAt(0);
      var zero = code >= 0xff10 ? 0xff10 : code >= 0x06f0 ? 0x06f0 : 0x0660;
      return String(code - zero);
    });
  }

  function whole(input) {
    var text = westernDigits((input && input.value || "").trim());
    if (!/^[0-9]{1,3}$/.test(text)) { return null; }
    return parseInt(text, 10);
  }

  function judge(row, answers, labels, fmt, countryName) {
    var reasons = [];
    var unknown = false;
    var data = row.dataset;
    if (answers.months !== null) {
      if (data.onsetMax === undefined) {
        unknown = true;
      } else if (answers.months > Number(data.onsetMax)) {
        if (data.onsetFrom === "symptom-onset") {
          reasons.push(fill(labels.onset, { months: fmt(Number(data.onsetMax)) }));
        } else {
          unknown = true; // counted from diagnosis, or not said: cannot tell
        }
      }
    }
    if (answers.age !== null) {
      if (data.ageMin === undefined && data.ageMax === undefined) {
        unknown = true;
      }
      if (data.ageMin !== undefined && answers.age < Number(data.ageMin)) {
        reasons.push(fill(labels.ageMin, { age: fmt(Number(data.ageMin)) }));
      }
      if (data.ageMax !== undefined && answers.age > Number(data.ageMax)) {
        reasons.push(fill(labels.ageMax, { age: fmt(Number(data.ageMax)) }));
      }
    }
    if (answers.country) {
      if (data.countries === undefined) {
        unknown = true;
      } else if (data.countries.split(" ").indexOf(answers.country) < 0) {
        reasons.push(fill(labels.country, { country: countryName }));
      }
    }
    if (answers.gene) {
      if (data.genes === undefined) {
        unknown = true;
      } else if (data.genes !== "") {
        var needed = data.genes.split(" ");
        if (needed.indexOf(answers.gene) < 0) {
          reasons.push(fill(labels.gene, { genes: needed.join(", ") }));
        }
      }
    }
    if (reasons.length) { return { kind: "no", text: labels.no + " " + reasons.join("; ") }; }
    if (unknown) { return { kind: "unknown", text: labels.unknown }; }
    return { kind: "match", text: labels.match };
  }

  function init(form) {
    var table = document.getElementById(form.getAttribute("data-kb-finder"));
    var block = form.parentNode.querySelector("script.kb-finder-labels");
    if (!table || !table.tBodies[0] || !block) { return; }
    var labels;
    try { labels = JSON.parse(block.textContent); } catch (e) { return; }
    // Western digits in every edition, as Babel writes the rest of the page
    // (Chromium's Intl would write Arabic-Indic digits for "ar").
    var number = null;
    try {
      number = window.Intl ? new Intl.NumberFormat(labels.lang, { numberingSystem: "latn" }) : null;
    } catch (e) { number = null; }
    var fmt = function (n) { return number ? number.format(n) : String(n); };
    var status = form.querySelector(".kb-finder-status");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);

    function clear() {
      rows.forEach(function (row) {
        var old = row.querySelector(".kb-finder-result");
        if (old) { old.parentNode.removeChild(old); }
        row.classList.remove("kb-finder-match", "kb-finder-no", "kb-finder-unknown");
      });
    }

    function run(announce) {
      var country = form.elements.country;
      var answers = {
        months: whole(form.elements.months),
        age: whole(form.elements.age),
        country: country.value,
        gene: form.elements.gene.value
      };
      clear();
      if (answers.months === null && answers.age === null && !answers.country && !answers.gene) {
        status.textContent = announce ? labels.empty : "";
        return;
      }
      var name = country.value ? country.options[country.selectedIndex].text : "";
      var counts = { match: 0, no: 0, unknown: 0 };
      rows.forEach(function (row) {
        var verdict = judge(row, answers, labels, fmt, name);
        counts[verdict.kind] += 1;
        row.classList.add("kb-finder-" + verdict.kind);
        var mark = document.createElement("p");
        mark.className = "kb-finder-result kb-finder-result-" + verdict.kind;
        mark.textContent = verdict.text;
        row.cells[0].appendChild(mark);
      });
      status.textContent = fill(labels.count, {
        match: fmt(counts.match), no: fmt(counts.no), unknown: fmt(counts.unknown)
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run(true);
    });
    form.addEventListener("change", function () { run(false); });
    form.addEventListener("reset", function () {
      window.setTimeout(function () { clear(); status.textContent = ""; }, 0);
    });
    form.hidden = false;
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("form.kb-finder-form"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
