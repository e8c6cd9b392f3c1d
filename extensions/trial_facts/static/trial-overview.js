/* Filter and sort the trial overview. Optional: without JavaScript the full
 * table stays in the page and no control is drawn. Labels come from the page
 * itself (a JSON block written by the extension in the edition's language).
 * The status filter takes several values (check boxes in a fieldset: "recruiting"
 * and "not yet recruiting" together); the count is announced in a live region,
 * and a filter that matches nothing says so in words. */
(function () {
  "use strict";

  function labelsFor(table) {
    var block = table.parentNode.querySelector("script.kb-overview-labels") ||
      document.querySelector("script.kb-overview-labels");
    try { return JSON.parse(block ? block.textContent : "{}"); } catch (e) { return {}; }
  }

  function codes(row, prefix) {
    return Array.prototype.filter.call(row.classList, function (c) {
      return c.indexOf(prefix) === 0;
    }).map(function (c) { return c.slice(prefix.length); });
  }

  // Sorting follows the page's language (<html lang>: ar, pt-BR, ja...).
  var collator = (function () {
    var lang = document.documentElement.lang || undefined;
    try { return new Intl.Collator(lang, { sensitivity: "base", numeric: true }); }
    catch (e) { return new Intl.Collator(undefined, { sensitivity: "base", numeric: true }); }
  }());

  function init(table, index) {
    var labels = labelsFor(table);
    var body = table.tBodies[0];
    if (!body) { return; }
    var rows = Array.prototype.slice.call(body.rows);
    var filters = [
      { key: "stage", prefix: "kb-stage-", column: -1 },
      { key: "status", prefix: "kb-status-", column: 3, multi: true },
      { key: "phase", prefix: "kb-phase-", column: 2 }
    ];
    var controls = document.createElement("div");
    controls.className = "kb-overview-controls";
    controls.setAttribute("role", "group");
    controls.setAttribute("aria-label", labels.filter || "Filter");
    var live = document.createElement("p");
    live.className = "kb-overview-count";
    live.setAttribute("aria-live", "polite");

    filters.forEach(function (filter) {
      var seen = {};
      rows.forEach(function (row) {
        codes(row, filter.prefix).forEach(function (code) {
          if (/^rank-/.test(code)) { return; }
          if (!(code in seen)) {
            var text = filter.column >= 0 ? row.cells[filter.column].textContent.trim()
              : (labels.stages && labels.stages[code]) || code;
            seen[code] = text;
          }
        });
      });
      var keys = Object.keys(seen);
      if (keys.length < 2) { return; }
      keys.sort(function (a, b) { return collator.compare(seen[a], seen[b]); });
      var id = "kb-filter-" + index + "-" + filter.key;
      if (filter.multi) {
        var fieldset = document.createElement("fieldset");
        fieldset.className = "kb-overview-choices";
        fieldset.id = id;
        var legend = document.createElement("legend");
        legend.textContent = labels[filter.key] || filter.key;
        fieldset.appendChild(legend);
        filter.boxes = keys.map(function (code) {
          var choice = document.createElement("label");
          var box = document.createElement("input");
          box.type = "checkbox";
          box.id = id + "-" + code;
          box.value = code;
          box.addEventListener("change", apply);
          choice.appendChild(box);
          choice.appendChild(document.createTextNode(seen[code]));
          fieldset.appendChild(choice);
          return box;
        });
        controls.appendChild(fieldset);
        return;
      }
      var label = document.createElement("label");
      label.setAttribute("for", id);
      label.textContent = labels[filter.key] || filter.key;
      var select = document.createElement("select");
      select.id = id;
      var all = document.createElement("option");
      all.value = "";
      all.textContent = labels.all || "All";
      select.appendChild(all);
      keys.forEach(function (code) {
        var option = document.createElement("option");
        option.value = code;
        option.textContent = seen[code];
        select.appendChild(option);
      });
      select.addEventListener("change", apply);
      filter.select = select;
      label.appendChild(select);
      controls.appendChild(label);
    });

    var empty = document.createElement("p");
    empty.className = "kb-overview-empty";
    empty.hidden = true;
    empty.appendChild(document.createTextNode(labels.empty || "No match."));
    var reset = document.createElement("button");
    reset.type = "button";
    reset.className = "kb-overview-reset";
    reset.textContent = labels.reset || "Show all";
    reset.addEventListener("click", function () {
      filters.forEach(function (filter) {
        (filter.boxes || []).forEach(function (box) { box.checked = false; });
        if (filter.select) { filter.select.value = ""; }
      });
      apply();
      // The button hides with the message: keep the keyboard in the controls.
      var first = controls.querySelector("select, input");
      if (first) { first.focus(); }
    });
    empty.appendChild(document.createTextNode(" "));
    empty.appendChild(reset);

    function chosen(filter) {
      if (filter.boxes) {
        return filter.boxes.filter(function (box) { return box.checked; })
          .map(function (box) { return box.value; });
      }
      return filter.select && filter.select.value ? [filter.select.value] : [];
    }

    function apply() {
      var shown = 0;
      var wanted = filters.map(chosen);
      rows.forEach(function (row) {
        var ok = filters.every(function (filter, n) {
          return !wanted[n].length || wanted[n].some(function (code) {
            return row.classList.contains(filter.prefix + code);
          });
        });
        row.classList.toggle("kb-hidden", !ok);
        if (ok) { shown += 1; }
      });
      var count = (labels.count || "{shown} of {total}")
        .replace("{shown}", shown).replace("{total}", rows.length);
      // No rows: no empty table header, but a sentence (and a way back).
      empty.hidden = shown > 0;
      table.classList.toggle("kb-hidden", shown === 0);
      // Empty: the live region says so in words; they show once, in the
      // message beside its button, not twice on screen.
      live.textContent = shown ? count : (labels.empty || count);
      live.classList.toggle("kb-visually-hidden", shown === 0);
    }

    function sortKey(row, column) {
      if (column === 2) { return Number((codes(row, "kb-phase-rank-")[0]) || 0); }
      if (column === 5) { return codes(row, "kb-start-")[0] || ""; }
      if (column === 4) { return Number(row.cells[4].textContent.replace(/[^0-9]/g, "")) || 0; }
      return row.cells[column].textContent.trim();
    }

    // Text in the page's language order (Arabic, accents, kana), numbers as numbers.
    function compareKeys(x, y) {
      if (typeof x === "number") { return x - y; }
      return collator.compare(x, y);
    }

    var headers = table.tHead ? table.tHead.rows[0].cells : [];
    if (table.tHead) {
      // On a phone the header row becomes a row of sort buttons (trial-facts.css).
      table.classList.add("kb-sortable");
      table.tHead.rows[0].setAttribute("data-label", labels.sortBy || "");
    }
    Array.prototype.forEach.call(headers, function (th, column) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = th.textContent.trim();
      button.setAttribute("title", labels.sort || "Sort");
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        rows.sort(function (a, b) {
          var x = sortKey(a, column), y = sortKey(b, column);
          var result = compareKeys(x, y);
          return ascending ? result : -result;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });

    if (controls.children.length) {
      var anchor = table.closest(".pst-scrollable-table-container") || table;
      anchor.parentNode.insertBefore(controls, anchor);
      anchor.parentNode.insertBefore(live, anchor);
      anchor.parentNode.insertBefore(empty, anchor);
      apply();
    }
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("table.kb-trial-overview"), init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
