/* Compare trials side by side: check boxes above the static table choose 2 to
 * 4 trials; only their columns stay shown. The choice lives in the URL fragment
 * (#t=tofersen-atlas,pridopidine-prevails), so the address can be shared and a
 * reload shows the same view. Nothing is sent or stored. Words come from the
 * JSON block "kb-compare-labels" in the edition's language. Without
 * JavaScript the whole table shows. */
(function () {
  "use strict";
  var MAX = 4;

  function start() {
    var table = document.getElementById("kb-compare-table");
    var block = document.querySelector("script.kb-compare-labels");
    var controls = document.querySelector("div.kb-compare-controls");
    var status = document.querySelector("p.kb-compare-status");
    if (!table || !block || !controls || !status) { return; }
    var labels;
    try { labels = JSON.parse(block.textContent); } catch (e) { return; }
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells, 1);
    var trials = heads.map(function (cell) {
      var name = Array.prototype.filter.call(cell.classList, function (c) {
        return c.indexOf("kb-cmp-") === 0;
      })[0];
      return { id: name.slice(7), cls: name, title: cell.textContent.trim() };
    });

    var fieldset = document.createElement("fieldset");
    var legend = document.createElement("legend");
    legend.textContent = labels.choose;
    fieldset.appendChild(legend);
    var boxes = trials.map(function (trial) {
      var label = document.createElement("label");
      var box = document.createElement("input");
      box.type = "checkbox";
      box.value = trial.id;
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + trial.title));
      fieldset.appendChild(label);
      return box;
    });
    var clear = document.createElement("button");
    clear.type = "button";
    clear.textContent = labels.clear;
    fieldset.appendChild(clear);
    controls.appendChild(fieldset);

    function chosen() {
      return boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    }

    function show(ids, fromUser) {
      var active = ids.length >= 2 && ids.length <= MAX;
      trials.forEach(function (trial) {
        var hide = active && ids.indexOf(trial.id) < 0;
        Array.prototype.forEach.call(table.getElementsByClassName(trial.cls), function (cell) {
          cell.classList.toggle("kb-cmp-hidden", hide);
        });
      });
      table.classList.toggle("kb-compare-chosen", active);
      if (active) {
        status.textContent = labels.showing.replace("{count}", String(ids.length)) +
          (fromUser ? " " + labels.link : "");
      } else {
        status.textContent = labels.all;
      }
      if (fromUser) {
        var hash = active ? "#t=" + ids.join(",") : "";
        history.replaceState(null, "", location.pathname + location.search + hash);
      }
    }

    function fromHash() {
      var match = /^#t=([a-z0-9,-]+)$/.exec(location.hash);
      var known = trials.map(function (t) { return t.id; });
      var ids = match ? match[1].split(",").filter(function (id) {
        return known.indexOf(id) >= 0;
      }).slice(0, MAX) : [];
      boxes.forEach(function (b) { b.checked = ids.indexOf(b.value) >= 0; });
      show(ids, false);
    }

    boxes.forEach(function (box) {
      box.addEventListener("change", function () {
        var ids = chosen();
        if (ids.length > MAX) {
          box.checked = false;
          status.textContent = labels.tooMany;
          return;
        }
        show(ids, true);
      });
    });
    clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      show([], true);
    });
    window.addEventListener("hashchange", fromHash);
    controls.hidden = false;
    fromHash();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
