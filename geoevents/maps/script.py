"""The small JavaScript and CSS of geoevents maps (written here, inlined into every map).

One compact payload (see :mod:`geoevents.maps.layers`) is turned into Leaflet layers in the
browser: a marker per precise place and type, a circle of uncertainty per place "near" a
town (both grid-clustered over the current view above a threshold), one shape per vague area
(region/border geometry, country outline, wide circle), diplomacy links, a time control
(play/pause, slider, date label, count of the window's events, "all events"), a legend
(compact; folded behind a button on maps narrower than 900 px or lower than 560 px), a
button that zooms out to every event (the first view frames only the main group, see
:mod:`geoevents.maps.framing`), and zoom classes on the map container that show town dots
from zoom 6 and capital names from zoom 4. Pins of several types at one place are put on a
small ring around it. Popups are built on click from the payload; every value goes through
``esc`` (HTML-escaping) first.

``window.geoeventsMaps`` keeps one state object per map, which browser tests read.
"""

from __future__ import annotations

EVENTS_CSS = """
.leaflet-container{background:#cfe3ef}
.ge-marker{background:none;border:none}
.ge-box{background:#fff;padding:6px 8px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);
 font:12px/1.35 sans-serif;color:#222}
.ge-title{font-weight:bold;font-size:14px}
.ge-time{display:flex;align-items:center;gap:6px}
.ge-time button{border:1px solid #999;background:#f6f6f6;border-radius:3px;cursor:pointer;
 height:24px;min-width:28px;padding:0 4px;font:12px sans-serif}
.ge-time input{width:260px}
.ge-date{min-width:170px;white-space:nowrap}
.ge-n{color:#555;white-space:nowrap;min-width:70px}
@media (max-width:900px){.ge-time input{width:120px}.ge-date{min-width:0;white-space:normal;max-width:150px}}
.ge-legend{font-size:11px;line-height:1.25;max-width:300px;padding:4px 7px}
.ge-legend .ge-row{display:flex;align-items:center;gap:4px;margin:0}
.ge-legend h4{margin:4px 0 1px;font-size:11px}
.ge-legend .ge-types{display:grid;grid-template-columns:auto auto;column-gap:8px}
.ge-legend .ge-head{display:flex;align-items:center;gap:6px;justify-content:space-between}
.ge-legend .ge-title{font-size:12px}
.ge-legend .ge-toggle{border:1px solid #999;background:#f6f6f6;border-radius:3px;cursor:pointer;
 font:11px sans-serif;padding:1px 5px}
.ge-legend.ge-collapsed .ge-body{display:none}
.ge-fit a{font:bold 15px/30px sans-serif;text-align:center}
.ge-label{background:none;border:none;pointer-events:none;white-space:nowrap;
 font:12px/1 sans-serif;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff}
.ge-label span{position:absolute;transform:translate(-50%,-50%)}
.ge-label-country-small span{font-size:11px;color:#6f6a60}
.ge-zlow .ge-label-country-small,.ge-zmid .ge-label-country-small{display:none}
.ge-label-country span{font-size:13px;letter-spacing:1px;text-transform:uppercase;color:#6f6a60;font-weight:bold}
.ge-label-capital span{color:#222;transform:translate(6px,-50%)}
.ge-label-capital i{position:absolute;left:-3px;top:-3px;width:6px;height:6px;border-radius:50%;
 background:#222;border:1px solid #fff;box-sizing:border-box}
.ge-zlow .ge-label-capital span{display:none}
.ge-zlow path.ge-town,.ge-zmid path.ge-town{display:none}
.ge-pop{max-height:300px;overflow:auto;font:12px/1.35 sans-serif}
.ge-pop .ge-ev{border-top:1px solid #ddd;padding-top:3px;margin-top:3px}
.ge-pop .ge-ev:first-child{border-top:none;margin-top:0}
.ge-pop q{display:block;font-style:italic;color:#444;margin:2px 0}
.ge-count{font-weight:bold}
"""

EVENTS_JS = r"""
(function () {
"use strict";
var ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"};
function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
function day(d0, n) { return new Date(d0 + n * 864e5).toISOString().slice(0, 10); }
var SHAPES = {
  circle: function (s) { return '<circle cx="' + s / 2 + '" cy="' + s / 2 + '" r="' + (s / 2 - 1) + '"'; },
  square: function (s) { return '<rect x="1" y="1" width="' + (s - 2) + '" height="' + (s - 2) + '"'; },
  diamond: function (s) { var h = s / 2;
    return '<polygon points="' + h + ',1 ' + (s - 1) + ',' + h + ' ' + h + ',' + (s - 1) + ' 1,' + h + '"'; },
  triangle: function (s) { return '<polygon points="' + s / 2 + ',1 ' + (s - 1) + ',' + (s - 1) + ' 1,' + (s - 1) + '"'; }
};
function glyph(t, s) {
  return '<svg xmlns="http://www.w3.org/2000/svg" width="' + s + '" height="' + s + '">' +
    SHAPES[t.shape](s) + ' fill="' + t.color + '" fill-opacity="0.85" stroke="#fff" stroke-width="1.5"/>' +
    (s >= 14 ? '<text x="50%" y="54%" dominant-baseline="middle" text-anchor="middle" ' +
      'font-family="sans-serif" font-weight="bold" ' +
      'font-size="' + Math.round(s * 0.55) + '" fill="#fff">' + t.letter + '</text>' : '') + '</svg>';
}
var PANES = {country: 410, vague: 411, area: 412, near: 415, border: 420, link: 421};
function sizeOf(f) { return f > 0 ? Math.min(40, Math.round(14 + 3 * Math.sqrt(f))) : 14; }

function Events(map, groups, D, opts) {
  this.map = map; this.groups = groups; this.D = D; this.opts = opts;
  this.d0 = Date.parse(D.day0 + "T00:00:00Z");
  this.icons = {}; this.markers = []; this.shapes = []; this.popupCount = 0;
  this.mode = "all"; this.timings = opts.timings || {};
  this.build();
}
Events.prototype.str = function (i) { return i < 0 ? "" : this.D.str[i]; };
Events.prototype.icon = function (ti, f, pk) {
  // Pins of several types at one place sit on a small ring around it, so none hides another.
  var P = this.D.pts, m = P.m ? P.m[pk] : 1, slot = P.s ? P.s[pk] : 0;
  var s = sizeOf(f), k = ti + ":" + s + ":" + (m > 1 ? slot + "/" + m : "");
  if (!this.icons[k]) {
    var dx = 0, dy = 0;
    if (m > 1) { var a = 2 * Math.PI * slot / m - Math.PI / 2, r = 9 + 2 * m; dx = r * Math.cos(a); dy = r * Math.sin(a); }
    this.icons[k] = L.divIcon({className: "ge-marker ge-type-" + this.D.types[ti].key, html: glyph(this.D.types[ti], s),
      iconSize: [s, s], iconAnchor: [s / 2 - dx, s / 2 - dy], popupAnchor: [dx, dy - s / 2]});
  }
  return this.icons[k];
};
Events.prototype.eventHtml = function (i) {
  var E = this.D.ev, t = this.D.types[E.t[i]], st = this.str(E.st[i]), h = [];
  var ds = E.ds[i], de = E.de[i];
  h.push('<div class="ge-ev" data-event-id="' + esc(this.str(E.id[i])) + '"><b>' + esc(t.label) + "</b>" +
    (st ? " &middot; " + esc(st.replace(/_/g, " ")) : ""));
  var when = ds < 0 ? "date unknown" : day(this.d0, ds) + (de > ds ? " &ndash; " + day(this.d0, de) : "");
  var tp = this.str(E.tp[i]);
  h.push("<br>Date: " + when + (tp ? " (" + esc(tp) + ")" : ""));
  var p = E.p[i];
  h.push("<br>Place: " + (esc(this.str(E.loc[i])) || "unknown") + " &mdash; " + esc(this.D.precision[p] || ""));
  if (E.ac[i] >= 0) { h.push("<br>Actors: " + esc(this.str(E.ac[i]))); }
  if (E.pa[i] >= 0) { h.push("<br>Participants: " + esc(this.str(E.pa[i]))); }
  if (E.f[i] >= 0) { h.push("<br>Fatalities: " + E.f[i]); }
  if (E.evd[i] >= 0) { h.push("<q>" + esc(this.str(E.evd[i])) + "</q>"); }
  var src = this.str(E.src[i]), url = this.str(E.url[i]);
  if (url && /^https?:\/\//i.test(url)) {
    h.push('Source: <a href="' + esc(url) + '" target="_blank" rel="noopener noreferrer">' + esc(src || url) + "</a>");
  } else if (src) { h.push("Source: " + esc(src)); }
  h.push("</div>");
  return h.join("");
};
Events.prototype.popupHtml = function (evs, title) {
  var self = this, shown = evs.slice(0, 25), h = ['<div class="ge-pop">'];
  if (title) { h.push('<div class="ge-count">' + esc(title) + "</div>"); }
  shown.forEach(function (i) { h.push(self.eventHtml(i)); });
  if (evs.length > shown.length) { h.push("<div>&hellip; and " + (evs.length - shown.length) + " more</div>"); }
  h.push("</div>");
  return h.join("");
};
Events.prototype.build = function () {
  var self = this, D = this.D, E = D.ev, P = D.pts, n = P.t.length, fams = D.families;
  var t0 = performance.now(), cluster = n > this.opts.clusterAbove;
  this.cluster = cluster;
  this.pointLayers = {}; this.pointsByFam = {}; this.clusterers = {};
  // One pane per kind of shape: wide areas below, small circles above them, lines on top,
  // all above the basemap (overlayPane, 400) and below markers (600).
  var useCanvas = D.shapes.length > this.opts.canvasAbove;
  this.renderers = {};
  Object.keys(PANES).forEach(function (k) {
    var pane = self.map.getPane("ge-" + k) || self.map.createPane("ge-" + k);
    pane.style.zIndex = PANES[k];
    self.renderers[k] = useCanvas ? L.canvas({pane: "ge-" + k, padding: 0.3}) : L.svg({pane: "ge-" + k});
  });

  this.cnt = new Int32Array(n); this.fat = new Float64Array(n);
  this.px = new Float64Array(n); this.py = new Float64Array(n);
  for (var k = 0; k < n; k++) {
    var p0 = this.map.project([P.y[k], P.x[k]], 0);
    this.px[k] = p0.x; this.py[k] = p0.y;
    this.cnt[k] = P.o[k + 1] - P.o[k]; this.fat[k] = P.f[k];
    this.markers.push(null);
  }
  fams.forEach(function (f) {
    var lay = L.featureGroup();
    lay.on("click", function (e) {
      if (e.layer._members) { self.clusterClick(e.layer); return; }
      var k = e.layer._gk, evs = self.pointEvents(k), loc = self.str(E.loc[evs[0]]);
      self.openEvents(P.n[k] ? e.latlng : e.layer.getLatLng(), evs, P.n[k] ? "near " + loc : (evs.length > 1 ? loc : null));
    });
    lay.addTo(self.groups[f]);
    self.pointLayers[f] = lay; self.pointsByFam[f] = [];
    if (cluster) { self.clusterers[f] = new Clusterer(self, f, lay); }
  });
  for (k = 0; k < n; k++) { this.pointsByFam[D.types[P.t[k]].family].push(k); }
  if (cluster) {
    this.map.on("zoomend moveend", function () {
      fams.forEach(function (f) { self.clusterers[f].refresh(); });
    });
  }
  var t1 = performance.now(); this.timings.markers = t1 - t0;
  D.shapes.forEach(function (s, j) {
    var st = D.styles[s.style], kind = s.style.split("-")[0];
    var o = {color: st.color, weight: st.weight, opacity: st.opacity, fillColor: st.fill,
      fillOpacity: st.fillOpacity, dashArray: st.dash || null, className: "ge-shape ge-" + s.style,
      pane: "ge-" + kind, renderer: self.renderers[kind]};
    var lay;
    if (s.circle) { lay = L.circle([s.circle[1], s.circle[0]], L.extend({radius: s.circle[2]}, o)); }
    else { lay = L.geoJSON(D.geoms[s.g], {style: function () { return o; }, interactive: true}); }
    lay.on("click", function (e) { self.openEvents(e.latlng, self.activeOf(j), s.label); });
    self.shapes.push({layer: lay, fam: s.fam, ev: s.ev, on: false});
  });
  var t2 = performance.now(); this.timings.shapes = t2 - t1;
  this.setWindow(null);
  this.timings.draw = performance.now() - t2;
};
Events.prototype.marker = function (k) {
  var m = this.markers[k], P = this.D.pts;
  if (!m && P.n[k]) {  // precision 2: the circle of uncertainty, never a pin
    var t = this.D.types[P.t[k]], st = this.D.styles["near-" + t.key];
    m = this.markers[k] = L.circle([P.y[k], P.x[k]], {radius: this.D.nearRadius, color: st.color, weight: st.weight,
      opacity: st.opacity, fillColor: st.fill, fillOpacity: st.fillOpacity, dashArray: st.dash || null,
      className: "ge-shape ge-near-" + t.key, pane: "ge-near", renderer: this.renderers.near});
    m._gk = k;
  } else if (!m) {
    m = this.markers[k] = L.marker([P.y[k], P.x[k]], {icon: this.icon(P.t[k], this.fat[k], k), keyboard: false});
    m._gk = k; m._f = this.fat[k];
  } else if (!P.n[k] && m._f !== this.fat[k]) { m.setIcon(this.icon(P.t[k], this.fat[k], k)); m._f = this.fat[k]; }
  return m;
};
Events.prototype.clusterClick = function (c) {
  var self = this, map = this.map, P = this.D.pts, b = L.latLngBounds([]);
  c._members.forEach(function (k) { b.extend([P.y[k], P.x[k]]); });
  if (map.getZoom() < map.getMaxZoom() && !b.getNorthEast().equals(b.getSouthWest())) {
    map.fitBounds(b, {padding: [40, 40], maxZoom: map.getMaxZoom()});
    return;
  }
  var evs = [];
  c._members.forEach(function (k) { evs = evs.concat(self.pointEvents(k)); });
  this.openEvents(c.getLatLng(), evs, self.str(this.D.ev.loc[evs[0]]) || "here");
};
Events.prototype.pointEvents = function (k) {
  var P = this.D.pts, out = [];
  for (var j = P.o[k]; j < P.o[k + 1]; j++) { if (this.isActive(P.e[j])) { out.push(P.e[j]); } }
  return out;
};
Events.prototype.activeOf = function (j) {
  var s = this.shapes[j], self = this;
  return this.win ? s.ev.filter(function (i) { return self.isActive(i); }) : s.ev;
};
Events.prototype.isActive = function (i) {
  var E = this.D.ev, w = this.win;
  if (!w) { return true; }
  var ds = E.ds[i], de = E.de[i] < 0 ? ds : E.de[i];
  return ds >= 0 && ds <= w[1] && de >= w[0];
};
Events.prototype.openEvents = function (latlng, evs, title) {
  if (!evs.length) { return; }
  var head = title ? (evs.length > 1 ? evs.length + " events: " + title : title) : null;
  this.popupCount += 1;
  L.popup({maxWidth: 360, autoPanPaddingTopLeft: [50, 150], autoPanPaddingBottomRight: [20, 60]}).setLatLng(latlng).setContent(this.popupHtml(evs, head)).openOn(this.map);
};
Events.prototype.setWindow = function (win) {
  var self = this, D = this.D, P = D.pts, E = D.ev;
  this.win = win; this.mode = win ? "time" : "all";
  this.visiblePoints = 0; this.visibleEvents = 0; this.visibleShapes = 0;
  var nev = E.t.length, active = 0;
  for (var i = 0; i < nev; i++) { if (this.isActive(i)) { active += 1; } }
  this.activeEvents = active;  // in the time window, drawn or not
  this.map.closePopup();
  D.families.forEach(function (f) {
    var list = [];
    self.pointsByFam[f].forEach(function (k) {
      var nact = P.o[k + 1] - P.o[k], fat = P.f[k];
      if (win) {
        nact = 0; fat = 0;
        for (var j = P.o[k]; j < P.o[k + 1]; j++) {
          var i = P.e[j];
          if (self.isActive(i)) { nact += 1; fat += Math.max(E.f[i], 0); }
        }
      }
      self.cnt[k] = nact; self.fat[k] = fat;
      if (!nact) { return; }
      self.visibleEvents += nact;
      list.push(k);
    });
    self.visiblePoints += list.length;
    if (self.cluster) { self.clusterers[f].setPoints(list); return; }
    var lay = self.pointLayers[f];
    lay.clearLayers();
    list.forEach(function (k) { lay.addLayer(self.marker(k)); });
  });
  var t1 = performance.now();
  this.shapes.forEach(function (s) {
    var on = !win || s.ev.some(function (i) { return self.isActive(i); });
    if (on && !s.on) { self.groups[s.fam].addLayer(s.layer); }
    if (!on && s.on) { self.groups[s.fam].removeLayer(s.layer); }
    s.on = on;
    if (on) { self.visibleShapes += 1; }
  });
  this.timings.drawShapes = performance.now() - t1;
};

// Grid clustering of our own: on every view change, the active markers inside the view are
// binned in CELL-pixel squares; a square with one marker shows it, one with more shows a
// cluster (count of events). O(markers) per view change, no per-zoom index to build.
var CELL = 64;
function Clusterer(ev, fam, layer) { this.ev = ev; this.fam = fam; this.layer = layer; this.keys = []; }
Clusterer.prototype.setPoints = function (keys) { this.keys = keys; this.refresh(); };
Clusterer.prototype.refresh = function () {
  var ev = this.ev, map = ev.map, z = map.getZoom(), scale = Math.pow(2, z), cells = new Map();
  var pb = map.getPixelBounds(), x0 = pb.min.x - CELL, y0 = pb.min.y - CELL, x1 = pb.max.x + CELL, y1 = pb.max.y + CELL;
  var maxed = z >= map.getMaxZoom();
  this.keys.forEach(function (k) {
    var x = ev.px[k] * scale, y = ev.py[k] * scale;
    if (x < x0 || x > x1 || y < y0 || y > y1) { return; }
    var key = Math.floor(x / CELL) + ":" + Math.floor(y / CELL), c = cells.get(key);
    if (c) { c.push(k); } else { cells.set(key, [k]); }
  });
  var lay = this.layer, color = ev.D.familyColors[this.fam], self = this;
  lay.clearLayers();
  this.nClusters = 0;
  cells.forEach(function (members) {
    if (members.length === 1) { lay.addLayer(ev.marker(members[0])); return; }
    var sx = 0, sy = 0, n = 0;
    members.forEach(function (k) { sx += ev.px[k]; sy += ev.py[k]; n += ev.cnt[k]; });
    var s = n < 100 ? 30 : (n < 1000 ? 36 : 44);
    var icon = L.divIcon({className: "ge-marker ge-cluster" + (maxed ? " ge-cluster-max" : ""), iconSize: [s, s],
      html: '<div style="width:' + s + "px;height:" + s + "px;border-radius:50%;background:" + color +
        ";opacity:.85;color:#fff;font:bold 12px/" + s + "px sans-serif;text-align:center;border:2px solid #fff;" +
        'box-sizing:border-box">' + n + "</div>"});
    var m = L.marker(map.unproject([sx / members.length, sy / members.length], 0), {icon: icon, keyboard: false});
    m._members = members;
    lay.addLayer(m);
    self.nClusters += 1;
  });
};

function svgLine(st) {
  return '<svg width="26" height="12"><line x1="1" y1="6" x2="25" y2="6" stroke="' + st.color +
    '" stroke-width="' + Math.max(2, Math.min(st.weight, 6)) + '"' + (st.dash ? ' stroke-dasharray="' + st.dash + '"' : "") + "/></svg>";
}
function svgArea(st) {
  return '<svg width="26" height="14"><rect x="1" y="1" width="24" height="12" fill="' + st.fill + '" fill-opacity="' +
    Math.max(st.fillOpacity, 0.25) + '" stroke="' + st.color + '"' + (st.dash ? ' stroke-dasharray="' + st.dash + '"' : "") + "/></svg>";
}
function legend(ev, D, opts) {
  var c = L.control({position: "bottomright"});
  c.onAdd = function (map) {
    var div = L.DomUtil.create("div", "ge-box ge-legend"), h = [];
    var size = map.getSize(), small = size.x < 900 || size.y < 560;
    h.push('<div class="ge-head"><span class="ge-title">' + esc(opts.title || "Legend") + "</span>" +
      '<button type="button" class="ge-toggle" title="Show / hide the legend"></button></div><div class="ge-body">');
    h.push('<div class="ge-types">');
    D.types.forEach(function (t) {
      if (t.n) { h.push('<div class="ge-row">' + glyph(t, 14) + esc(t.label) + " (" + t.n + ")</div>"); }
    });
    h.push('</div><div class="ge-row"><b>Size = fatalities:</b>');
    [0, 10, 100].forEach(function (f) { h.push(glyph({shape: "circle", color: "#777", letter: ""}, Math.round(sizeOf(f) * 0.8)) + (f || "none")); });
    h.push("</div>" + (D.legendStyles.length ? "<h4>Where (precision)</h4>" : ""));
    D.legendStyles.forEach(function (k) {
      var st = D.styles[k];
      h.push('<div class="ge-row">' + (st.line ? svgLine(st) : svgArea(st)) + esc(st.legend) + "</div>");
    });
    if (D.notDrawn) { h.push("<div>" + D.notDrawn + " event(s) without a known place are not drawn</div>"); }
    h.push("</div>");
    div.innerHTML = h.join("");
    var btn = div.querySelector(".ge-toggle");
    function setOpen(open) { div.classList.toggle("ge-collapsed", !open); btn.textContent = open ? "hide" : "legend"; }
    btn.addEventListener("click", function () { setOpen(div.classList.contains("ge-collapsed")); });
    setOpen(!small);
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  return c;
}
function timeControl(ev, D) {
  var c = L.control({position: "bottomleft"}), span = D.dayMax - D.dayMin + 1;
  var step = span <= 400 ? 1 : (span <= 2800 ? 7 : Math.ceil(span / 365));
  var nsteps = Math.ceil(span / step);
  var PLAY = '<svg width="12" height="12"><polygon points="2,1 11,6 2,11" fill="#333"/></svg>';
  var PAUSE = '<svg width="12" height="12"><rect x="2" y="1" width="3" height="10" fill="#333"/><rect x="7" y="1" width="3" height="10" fill="#333"/></svg>';
  c.onAdd = function () {
    var div = L.DomUtil.create("div", "ge-box ge-time"), timer = null;
    div.innerHTML = '<button type="button" class="ge-play" title="Play / pause">' + PLAY + "</button>" +
      '<input class="ge-slider" type="range" min="0" max="' + (nsteps - 1) + '" value="0" step="1">' +
      '<span class="ge-date"></span><span class="ge-n"></span><button type="button" class="ge-all" title="Show all events">All</button>';
    var play = div.querySelector(".ge-play"), slider = div.querySelector(".ge-slider");
    var label = div.querySelector(".ge-date"), all = div.querySelector(".ge-all"), count = div.querySelector(".ge-n");
    function counted() { count.textContent = ev.activeEvents + (ev.activeEvents === 1 ? " event" : " events"); }
    function allLabel() { label.textContent = "All events, " + day(ev.d0, D.dayMin) + " \u2013 " + day(ev.d0, D.dayMax); counted(); }
    function show(k) {
      var a = D.dayMin + k * step, b = Math.min(D.dayMax, a + step - 1);
      ev.setWindow([a, b]);
      label.textContent = day(ev.d0, a) + (b > a ? " \u2013 " + day(ev.d0, b) : "");
      counted();
    }
    function stop() { if (timer) { clearInterval(timer); timer = null; } play.innerHTML = PLAY; }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      play.innerHTML = PAUSE;
      if (ev.mode === "all" || +slider.value >= nsteps - 1) { slider.value = 0; }
      show(+slider.value);
      timer = setInterval(function () {
        if (+slider.value >= nsteps - 1) { stop(); return; }
        slider.value = +slider.value + 1; show(+slider.value);
      }, 700);
    });
    slider.addEventListener("input", function () { show(+slider.value); });
    all.addEventListener("click", function () { stop(); ev.setWindow(null); allLabel(); });
    allLabel();
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
    ev.timeStep = step; ev.timeSteps = nsteps;
    return div;
  };
  return c;
}

function fitAll(D) {
  var c = L.control({position: "topleft"});
  c.onAdd = function (map) {
    var div = L.DomUtil.create("div", "leaflet-bar ge-fit");
    div.innerHTML = '<a href="#" role="button" title="Zoom out to every event on the map">&#x2922;</a>';
    div.firstChild.addEventListener("click", function (e) {
      e.preventDefault();
      var b = D.allBounds;
      map.fitBounds([[b[1], b[0]], [b[3], b[2]]], {maxZoom: 9, padding: [20, 20]});
    });
    L.DomEvent.disableClickPropagation(div);
    return div;
  };
  return c;
}
function zoomClasses(map) {
  // Basemap detail by zoom: town dots from zoom 6, capital names from zoom 4.
  var el = map.getContainer();
  function set() {
    var z = map.getZoom();
    el.classList.toggle("ge-zlow", z < 4); el.classList.toggle("ge-zmid", z >= 4 && z < 6);
  }
  map.on("zoomend", set); set();
}
function start(map, groups, D, opts) {
  var ev = new Events(map, groups, D, opts);
  zoomClasses(map);
  if (D.allBounds) { fitAll(D).addTo(map); }
  legend(ev, D, opts).addTo(map);
  if (D.dayMin !== null) { timeControl(ev, D).addTo(map); }
  if (opts.heat && L.heatLayer) {
    var pts = D.heat.map(function (p) { return [p[1], p[0], p[2]]; });
    L.heatLayer(pts, {radius: 18, blur: 20, maxZoom: 9}).addTo(opts.heat);
  }
  window.geoeventsMaps = window.geoeventsMaps || {};
  window.geoeventsMaps[opts.id] = ev;
  ev.ready = true;
  return ev;
}
function b64gunzip(b64, timings) {
  var t0 = performance.now(), bytes;
  if (Uint8Array.fromBase64) { bytes = Uint8Array.fromBase64(b64); }
  else {
    var bin = atob(b64), n = bin.length; bytes = new Uint8Array(n);
    for (var i = 0; i < n; i++) { bytes[i] = bin.charCodeAt(i); }
  }
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Response(stream).text().then(function (text) {
    var t1 = performance.now(), D = JSON.parse(text);
    timings.decode = t1 - t0; timings.parse = performance.now() - t1;
    return D;
  });
}
window.geoeventsDraw = function (map, groups, payload, opts) {
  opts.timings = {start: performance.now()};
  if (payload.gz) { return b64gunzip(payload.gz, opts.timings).then(function (D) { return start(map, groups, D, opts); }); }
  return Promise.resolve(start(map, groups, payload, opts));
};
})();
"""
