// The explain page's behaviour: filter by label, relabel a block by clicking, save a labels file.
// Plain DOM code with one listener per surface (event delegation): fast on pages of 1,000+ blocks.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var labels = data.labelsNow.slice();
  var original = data.labelsNow.slice();
  var list = document.getElementById("blocks");
  var menu = document.getElementById("menu");
  var hidden = {};
  var target = null;

  function blockOf(node) {
    while (node && node !== list) {
      if (node.classList && node.classList.contains("b")) return node;
      node = node.parentNode;
    }
    return null;
  }

  function refreshCounts() {
    var counts = {};
    data.labels.forEach(function (l) { counts[l] = 0; });
    labels.forEach(function (l) { counts[l] = (counts[l] || 0) + 1; });
    document.querySelectorAll(".chip").forEach(function (chip) {
      chip.querySelector("b").textContent = counts[chip.dataset.label] || 0;
    });
    var changed = 0;
    labels.forEach(function (l, i) { if (l !== original[i]) changed++; });
    document.getElementById("edits").textContent = changed + " changed";
  }

  function applyFilter() {
    // one stylesheet rule per hidden label: the browser hides the blocks, no loop over them
    var css = Object.keys(hidden).filter(function (l) { return hidden[l]; })
      .map(function (l) { return "#blocks .b.l-" + l + "{display:none}"; }).join("");
    var style = document.getElementById("filter-style");
    if (!style) {
      style = document.createElement("style");
      style.id = "filter-style";
      document.head.appendChild(style);
    }
    style.textContent = css;
    document.querySelectorAll(".chip").forEach(function (chip) {
      chip.setAttribute("aria-pressed", hidden[chip.dataset.label] ? "false" : "true");
    });
  }

  function setLabel(el, label) {
    var i = Number(el.dataset.i);
    el.classList.remove("l-" + labels[i]);
    labels[i] = label;
    el.classList.add("l-" + label);
    el.classList.toggle("edited", label !== original[i]);
    el.querySelector(".lab").textContent = label;
    refreshCounts();
  }

  function openMenu(el) {
    target = el;
    var box = el.getBoundingClientRect();
    menu.hidden = false;
    menu.style.left = (window.scrollX + box.left + 24) + "px";
    menu.style.top = (window.scrollY + box.top + 24) + "px";
    var first = menu.querySelector("button");
    if (first) first.focus();
  }

  function closeMenu() {
    menu.hidden = true;
    if (target) target.focus();
    target = null;
  }

  list.addEventListener("click", function (ev) {
    var el = blockOf(ev.target);
    if (el) openMenu(el);
  });
  list.addEventListener("keydown", function (ev) {
    var el = blockOf(ev.target);
    if (el && (ev.key === "Enter" || ev.key === " ")) { ev.preventDefault(); openMenu(el); }
  });
  menu.addEventListener("click", function (ev) {
    var label = ev.target.dataset && ev.target.dataset.label;
    if (label && target) { setLabel(target, label); closeMenu(); }
  });
  document.addEventListener("keydown", function (ev) { if (ev.key === "Escape" && !menu.hidden) closeMenu(); });
  document.addEventListener("click", function (ev) {
    if (!menu.hidden && !menu.contains(ev.target) && !blockOf(ev.target)) closeMenu();
  });

  document.getElementById("filter").addEventListener("click", function (ev) {
    var chip = ev.target.closest(".chip");
    if (!chip) return;
    hidden[chip.dataset.label] = !hidden[chip.dataset.label];
    applyFilter();
  });
  document.getElementById("all").addEventListener("click", function () { hidden = {}; applyFilter(); });
  document.getElementById("none").addEventListener("click", function () {
    data.labels.forEach(function (l) { hidden[l] = true; });
    applyFilter();
  });

  // The fixture format: '#' header lines, then label<TAB>text per block, in page order.
  function labelsFile() {
    var rows = data.texts.map(function (t, i) { return labels[i] + "\t" + t; });
    return data.header + rows.join("\n") + "\n";
  }

  document.getElementById("save").addEventListener("click", function () {
    var blob = new Blob([labelsFile()], { type: "text/tab-separated-values;charset=utf-8" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = data.name + ".labels.tsv";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  });
})();
