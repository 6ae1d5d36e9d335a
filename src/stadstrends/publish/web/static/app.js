// Stadstrends: charts (local Vega bundle) and the municipality search box. No CDN.
"use strict";

var LOCALE = document.documentElement.lang === "en"
  ? { decimal: ".", thousands: ",", grouping: [3], currency: ["€", ""] }
  : { decimal: ",", thousands: ".", grouping: [3], currency: ["€ ", ""] };

function renderCharts() {
  if (typeof window.vegaEmbed !== "function") return;
  document.querySelectorAll(".chart[data-spec]").forEach(function (el) {
    var source = document.getElementById(el.dataset.spec);
    if (!source) return;
    var spec = JSON.parse(source.textContent);
    window.vegaEmbed(el, spec, { actions: false, renderer: "svg", formatLocale: LOCALE, ast: true }).then(function (res) {
      el.dataset.rendered = "true";
      var svg = el.querySelector("svg");
      if (svg) { svg.setAttribute("aria-hidden", "true"); svg.setAttribute("focusable", "false"); }
      if (el.dataset.label) el.setAttribute("aria-label", el.dataset.label);  // the page's words
      addDownloads(el, res.view);
      if (el.closest(".heat-scroll")) stickyNames(el, res.view);
      return res;
    }).catch(function (err) { el.textContent = ""; el.dataset.error = String(err); });
  });
}

var EN = document.documentElement.lang === "en";

// a chart's tooltip flipped to the cursor's left (vega-tooltip) can start off screen on a
// phone, its figure's note ('omgerekend naar de huidige grenzen; ...') cut off: keep it
// inside the window (style.css: never wider than it). Also the first one: vega-tooltip
// places it before the watch on its moves can begin (at 390 px the map's first tooltip,
// Sluis at the left edge, began at -337 px), and one whose text changes in place.
function keepTip(tip) {
  var left = parseFloat(tip.style.left);
  if (isNaN(left)) return;
  var room = document.documentElement.clientWidth - tip.offsetWidth - 4;
  var kept = Math.max(4, Math.min(left, room));
  if (kept !== left) tip.style.left = kept + "px";
}
new MutationObserver(function () {
  var tip = document.getElementById("vg-tooltip-element");
  if (!tip || tip.dataset.kept) return;
  tip.dataset.kept = "true";
  keepTip(tip);
  new MutationObserver(function () { keepTip(tip); }).observe(tip, {
    attributes: true, attributeFilter: ["style", "class"], childList: true, subtree: true,
    characterData: true });
}).observe(document.body, { childList: true });

function stickyNames(el, view) {
  // the heatmap scrolls sideways on a phone (style.css, .heat-scroll): a copy of its rows'
  // names, cut from the drawing, stays at the box's left edge, so that a cell on the right
  // can still be read as Zwolle's or Venlo's; the same place as the names when not scrolled
  var svg = el.querySelector("svg");
  var origin = view.origin();  // [x, y] of the cells' top left corner in the drawing
  if (!svg || !(origin[0] > 0)) return;
  var stick = document.createElement("div");
  stick.className = "heat-names";
  stick.setAttribute("aria-hidden", "true");
  var strip = document.createElement("div");
  strip.style.top = origin[1] + "px";
  strip.style.width = origin[0] + "px";
  strip.style.height = view.height() + "px";
  var copy = svg.cloneNode(true);
  var size = svg.getBoundingClientRect();  // the drawing as shown, not fitted to the strip
  copy.style.width = size.width + "px";
  copy.style.height = size.height + "px";
  copy.style.marginTop = -origin[1] + "px";
  strip.appendChild(copy);
  stick.appendChild(strip);
  el.insertBefore(stick, el.firstChild);
}

// A downloaded chart carries what the page says around it: its title (the chart's label)
// above and the source ('Bron: CBS', the page's words in <body data-source>) below; the
// bare view exported only the drawing.
var FONT = "bold 15px sans-serif", FOOT = "12px sans-serif", PAD = 8;

function wrapLines(text, font, width) {
  var ctx = document.createElement("canvas").getContext("2d");
  ctx.font = font;
  var lines = [], line = "";
  String(text || "").split(/\s+/).forEach(function (word) {
    var next = line ? line + " " + word : word;
    if (line && ctx.measureText(next).width > width) { lines.push(line); line = word; }
    else line = next;
  });
  if (line) lines.push(line);
  return lines;
}

function xmlText(text) {
  return String(text).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function mapLegend(el) {
  // a map's classes are drawn beside it in HTML (spec.usermeta): in the image too
  var source = document.getElementById(el.dataset.spec);
  var meta = source ? (JSON.parse(source.textContent).usermeta || {}) : {};
  var rows = (meta.legend || []).map(function (c) { return [c.color, c.label]; });
  if (rows.length && meta.no_data_label) rows.push([meta.no_data, meta.no_data_label]);
  (rows.length ? meta.extra || [] : []).forEach(function (c) { rows.push([c.color, c.label]); });
  return rows;
}

function exportChart(el, kind) {
  var view = el._view;
  var title = el.dataset.title || el.dataset.label || "";
  var source = document.body.dataset.source || "Bron: CBS";
  var legend = mapLegend(el), LINE = 18;
  if (kind === "png") {
    return view.toCanvas(2).then(function (chart) {
      var s = 2, w = chart.width / s, h = chart.height / s;
      var lines = wrapLines(title, FONT, w - 2 * PAD);
      var top = PAD + lines.length * 20, bottom = 24 + legend.length * LINE;
      var canvas = document.createElement("canvas");
      canvas.width = chart.width; canvas.height = chart.height + (top + bottom) * s;
      var ctx = canvas.getContext("2d");
      ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.scale(s, s); ctx.fillStyle = "#111"; ctx.textBaseline = "top";
      ctx.font = FONT;
      lines.forEach(function (l, i) { ctx.fillText(l, PAD, PAD + i * 20); });
      ctx.drawImage(chart, 0, top, w, h);
      ctx.font = FOOT;
      legend.forEach(function (row, i) {
        var y = top + h + 6 + i * LINE;
        ctx.fillStyle = row[0]; ctx.fillRect(PAD, y, 12, 12);
        ctx.fillStyle = "#111"; ctx.fillText(row[1], PAD + 18, y);
      });
      ctx.fillStyle = "#374151";
      ctx.fillText(source, PAD, top + h + 6 + legend.length * LINE);
      return canvas.toDataURL("image/png");
    });
  }
  return view.toSVG().then(function (svg) {
    var size = /<svg[^>]*?width="([\d.]+)"[^>]*?height="([\d.]+)"/.exec(svg);
    var w = size ? +size[1] : 600, h = size ? +size[2] : 400;
    var lines = wrapLines(title, FONT, w - 2 * PAD);
    var top = PAD + lines.length * 20, bottom = 24 + legend.length * LINE;
    var total = h + top + bottom;
    var inner = svg.replace(/^<svg/, '<svg x="0" y="' + top + '"');
    var text = ' font-family="sans-serif" font-size="12"';
    var out = '<svg xmlns="http://www.w3.org/2000/svg" width="' + w + '" height="' + total +
      '" viewBox="0 0 ' + w + " " + total + '">' +
      '<rect width="100%" height="100%" fill="#fff"/>' +
      lines.map(function (l, i) {
        return '<text x="' + PAD + '" y="' + (PAD + 15 + i * 20) +
          '" font-family="sans-serif" font-size="15" font-weight="bold" fill="#111">' +
          xmlText(l) + "</text>";
      }).join("") + inner +
      legend.map(function (row, i) {
        var y = top + h + 6 + i * LINE;
        return '<rect x="' + PAD + '" y="' + y + '" width="12" height="12" fill="' +
          xmlText(row[0]) + '"/><text class="legend" x="' + (PAD + 18) + '" y="' + (y + 11) +
          '"' + text + ' fill="#111">' + xmlText(row[1]) + "</text>";
      }).join("") +
      '<text class="source" x="' + PAD + '" y="' + (top + h + 17 + legend.length * LINE) +
      '"' + text + ' fill="#374151">' + xmlText(source) + "</text></svg>";
    return "data:image/svg+xml;charset=utf-8," + encodeURIComponent(out);
  });
}
window.stadstrendsExport = exportChart;  // the tests call it as the buttons do

function addDownloads(el, view) {
  // PNG and SVG of a drawn chart, with its title and source, named after page and chart
  el._view = view;
  var bar = document.createElement("div");
  bar.className = "chart-actions";
  ["png", "svg"].forEach(function (kind) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "utrecht-button utrecht-button--secondary-action secondary";
    button.textContent = (EN ? "Download as " : "Downloaden als ") + kind.toUpperCase();
    button.setAttribute("aria-label", (EN ? "Download chart as " : "Grafiek downloaden als ") +
      kind.toUpperCase() + ": " + (el.dataset.label || ""));
    button.addEventListener("click", function () {
      exportChart(el, kind).then(function (href) {
        var a = document.createElement("a");
        var page = window.location.pathname.replace(/[^a-z0-9]+/gi, "-").replace(/^-|-$/g, "");
        a.href = href; a.download = "stadstrends-" + (page || "home") + "-" + el.id + "." + kind;
        document.body.appendChild(a); a.click(); a.remove();
      });
    });
    bar.appendChild(button);
  });
  el.insertAdjacentElement("afterend", bar);
}

function setupSearch() {
  var input = document.getElementById("q");
  var list = document.getElementById("q-list");
  var status = document.getElementById("q-status");
  if (!input || !list) return;
  var pageLang = document.documentElement.lang;  // the page's language, as its links keep it
  var lang = pageLang && pageLang !== "nl" ? "?lang=" + encodeURIComponent(pageLang) : "";
  var items = [], active = -1, timer = null, seq = 0;

  function close() {
    list.hidden = true; list.innerHTML = ""; items = []; active = -1;
    input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
  }
  function go(item) { window.location.href = "/gemeente/" + item.region_code + lang; }
  function mark(i) {
    active = i;
    Array.prototype.forEach.call(list.children, function (li, j) {
      li.setAttribute("aria-selected", j === i ? "true" : "false");
    });
    if (i >= 0) input.setAttribute("aria-activedescendant", "q-opt-" + i);
  }
  function show(rows) {
    list.innerHTML = ""; items = rows; active = -1;
    rows.forEach(function (r, i) {
      var li = document.createElement("li");
      li.id = "q-opt-" + i; li.setAttribute("role", "option"); li.setAttribute("aria-selected", "false");
      li.textContent = r.name + " (" + r.region_code + ")" +
        (r.former ? " – " + (lang ? r.note_en : r.note_nl) : "");  // Weesp: now Amsterdam
      li.addEventListener("mousedown", function (e) { e.preventDefault(); go(r); });
      list.appendChild(li);
    });
    list.hidden = rows.length === 0;
    input.setAttribute("aria-expanded", rows.length ? "true" : "false");
    if (status) status.textContent = rows.length + (lang ? " results" : " resultaten");
  }
  function lookup() {
    var q = input.value.trim();
    if (q.length < 2) { close(); return; }
    var mine = ++seq;
    fetch("/api/v1/regions?level=gemeente&limit=8&q=" + encodeURIComponent(q))
      .then(function (r) { return r.ok ? r.json() : { regions: [] }; })
      .then(function (body) { if (mine === seq) show(body.regions || []); })
      .catch(close);
  }
  input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(lookup, 120); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark((active + 1) % items.length); }
    else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark((active - 1 + items.length) % items.length); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); go(items[active]); }
    else if (e.key === "Escape") { close(); }
  });
  input.addEventListener("blur", function () { setTimeout(close, 150); });
}

function setupShare() {
  var code = document.getElementById("embed-code");
  if (code) {
    code.value = code.value.replace('src="/', 'src="' + window.location.origin + "/");
    code.addEventListener("focus", function () { code.select(); });
  }
  var box = document.getElementById("share-url");
  if (!box) return;
  box.value = window.location.origin + box.dataset.path;
  box.addEventListener("focus", function () { box.select(); });
}

function setupSliders() {
  // a year slider shows the year it points at; the form's button draws the map (also without
  // script), so moving the slider never changes the page by itself (WCAG 3.2.2)
  document.querySelectorAll("input[type=range][data-output]").forEach(function (slider) {
    var out = document.getElementById(slider.dataset.output);
    var years = (slider.dataset.years || "").split(",").filter(Boolean).map(Number);
    function update() {
      var y = Number(slider.value);
      var has = years.indexOf(y) >= 0;
      out.textContent = y + (has ? "" : " " + slider.dataset.noData);
    }
    slider.addEventListener("input", update);
    update();
  });
}

function setupScrollCues() {
  // a box that scrolls sideways (the heatmap on a phone) says so: its caption ('veeg opzij
  // ...', style.css .scroll-cue) shows while it overflows, a shadow at its right edge while
  // there is more to the right
  document.querySelectorAll(".scroll-shade").forEach(function (wrap) {
    var box = wrap.querySelector(".scroll");
    if (!box) return;
    var update = function () {
      var over = box.scrollWidth > box.clientWidth + 1;
      wrap.classList.toggle("overflows", over);
      wrap.classList.toggle("more", over && box.scrollLeft + box.clientWidth < box.scrollWidth - 2);
    };
    box.addEventListener("scroll", update, { passive: true });
    window.addEventListener("resize", update);
    if (window.ResizeObserver) new ResizeObserver(update).observe(box.firstElementChild || box);
    update();
  });
}

document.addEventListener("DOMContentLoaded", function () {
  setupSearch(); setupShare(); setupSliders(); setupScrollCues(); renderCharts();
});
