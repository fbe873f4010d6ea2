"""The JavaScript and CSS of geoevents maps (written here, inlined into every map).

One compact payload (see :mod:`geoevents.maps.layers`) is turned into Leaflet layers in the
browser: a marker per precise place and type, a circle of uncertainty per place "near" a
town (both grid-clustered over the current view above a threshold; clusters show how many
events they hold), one shape per vague area (region/border geometry, country outline, wide
circle), diplomacy links, and:

- a time control: play/pause (the whole range in 20 s at most, steps following the clock,
  a speed choice), a slider for the window's last day, the window's dates, the count of the
  events shown (time window x layers switched on x types ticked in the legend) and "All";
  under it a histogram strip of events per day, week or month (bars follow layers and type
  filters), on which dragging draws a window and dragging inside it moves it; window length
  choices and a moving or cumulative window;
- a density layer (Leaflet.heat) of the events shown, redrawn with the window and the view;
- a legend whose type rows are filters; a button that zooms out to every event (the first
  view frames the main group, :mod:`geoevents.maps.framing`, inside what the controls leave);
- labels: the basemap's (capitals from zoom 4, regional towns from zoom 6) and the names of
  the towns with events (from zoom 7), in a pane above the markers, with halos, placed by rank
  so that none overlaps another.

Pins of several types at one place are put on a small ring around it. Popups are built on
click from the payload; every value goes through ``esc`` (HTML-escaping) first.

``window.geoeventsMaps`` keeps one state object per map, which browser tests read.
"""

from __future__ import annotations

EVENTS_CSS = """
.leaflet-container{background:#cfe3ef}
.ge-marker{background:none;border:none}
.ge-box{background:#fff;padding:6px 8px;border-radius:4px;box-shadow:0 1px 4px rgba(0,0,0,.35);
 font:12px/1.35 sans-serif;color:#222}
.ge-title{font-weight:bold;font-size:14px}
.ge-time{display:flex;flex-direction:column;gap:3px}
.ge-time button{border:1px solid #999;background:#f6f6f6;border-radius:3px;cursor:pointer;
 height:24px;min-width:28px;padding:0 4px;font:12px sans-serif}
.ge-time .ge-row1,.ge-time .ge-row2,.ge-time .ge-row3{display:flex;align-items:center;gap:6px}
.ge-time .ge-row2{justify-content:space-between}
.ge-time .ge-row3{font-size:11px;flex-wrap:wrap;gap:4px 8px}
.ge-time select{font:11px sans-serif}
.ge-time input.ge-slider{flex:1;min-width:80px}
.ge-date{white-space:nowrap;font-weight:bold}
.ge-n{color:#333;white-space:nowrap}
.ge-hist{display:block;cursor:crosshair;touch-action:none}
.ge-hist .ge-bar{fill:#8c8c8c}
.ge-hist .ge-bar.ge-in{fill:#333}
.ge-hist .ge-brush{fill:#0072B2;fill-opacity:.18;stroke:#0072B2;stroke-width:1;cursor:grab}
.ge-hist .ge-axis{font:10px sans-serif;fill:#555}
.leaflet-overlay-pane canvas.leaflet-heatmap-layer{z-index:300;opacity:.8}
.ge-legend .ge-type-row{cursor:pointer}
.ge-legend .ge-type-row input{margin:0 2px 0 0;width:12px;height:12px}
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
 font:12px/1 sans-serif;text-shadow:0 0 2px #fff,0 0 2px #fff,0 0 3px #fff,0 0 4px #fff}
.ge-label-town span{font-size:11px;color:#333;transform:translate(5px,-50%)}
.ge-label-event span{font-size:12px;font-weight:bold;color:#111}
.ge-zlow .ge-label-town,.ge-zmid .ge-label-town,.ge-zfar .ge-label-event{display:none}
.ge-label.ge-clutter{visibility:hidden}
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
    SHAPES[t.shape](s) + ' fill="' + t.color + '" fill-opacity="1" stroke="#fff" stroke-width="1.5"/>' +
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
  this.typeOff = {}; this.listeners = [];
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
  if (p === 0) {
    var cc = this.str(E.loc[i]);
    h.push("<br>Place: none found in the text" + (cc ? " (country: " + esc(cc) + ")" : "") +
      (E.pa[i] >= 0 ? "; drawn as a link between the capitals involved" : "; not on the map"));
  } else {
    h.push("<br>Place: " + (esc(this.str(E.loc[i])) || "unnamed") + " &mdash; " + esc(this.D.precision[p] || ""));
  }
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
  return s.ev.filter(function (i) { return self.isActive(i); });
};
// A family counts when its layer is on the map (the layer control switches it).
Events.prototype.famOn = function (f) { return this.map.hasLayer(this.groups[f]); };
// Events shown now: in the time window, of a type not filtered out, in a layer switched on.
Events.prototype.countShown = function () {
  var E = this.D.ev, T = this.D.types, on = {}, self = this, n = 0;
  this.D.families.forEach(function (f) { on[f] = self.famOn(f); });
  for (var i = 0; i < E.t.length; i++) { if (on[T[E.t[i]].family] && this.isActive(i)) { n += 1; } }
  return n;
};
// Events per bin of [lo, hi] day ranges, by start day, with the type and layer filters only.
Events.prototype.histogram = function (bins) {
  var E = this.D.ev, T = this.D.types, on = {}, self = this, out = new Array(bins.length).fill(0);
  var undated = 0, first = bins.length ? bins[0][0] : 0, idx = this.binIndex;
  this.D.families.forEach(function (f) { on[f] = self.famOn(f); });
  for (var i = 0; i < E.t.length; i++) {
    if (!on[T[E.t[i]].family] || this.typeOff[E.t[i]]) { continue; }
    var d = E.ds[i];
    if (d < 0) { undated += 1; continue; }
    out[idx[d - first]] += 1;
  }
  this.undatedShown = undated;
  return out;
};
Events.prototype.setTypeOn = function (ti, on) {
  if (on) { delete this.typeOff[ti]; } else { this.typeOff[ti] = true; }
  this.setWindow(this.win);
};
Events.prototype.changed = function () {
  this.shownEvents = this.countShown();
  this.drawHeat();
  this.listeners.forEach(function (f) { f(); });
};
Events.prototype.isActive = function (i) {
  var E = this.D.ev, w = this.win;
  if (this.typeOff[E.t[i]]) { return false; }
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
  var nev = E.t.length, active = 0, filtered = Object.keys(this.typeOff).length > 0;
  for (var i = 0; i < nev; i++) { if (this.isActive(i)) { active += 1; } }
  this.activeEvents = active;  // in the time window, drawn or not
  this.map.closePopup();
  D.families.forEach(function (f) {
    var list = [];
    self.pointsByFam[f].forEach(function (k) {
      var nact = P.o[k + 1] - P.o[k], fat = P.f[k];
      if (win || filtered) {
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
    var on = (!win && !filtered) || s.ev.some(function (i) { return self.isActive(i); });
    if (on && !s.on) { self.groups[s.fam].addLayer(s.layer); }
    if (!on && s.on) { self.groups[s.fam].removeLayer(s.layer); }
    s.on = on;
    if (on) { self.visibleShapes += 1; }
  });
  this.timings.drawShapes = performance.now() - t1;
  this.changed();
};
// Density: a heat layer of the shown points (events per place), redrawn with the window, the
// zoom and every move. Leaflet.heat sums weights in a grid of cells (half its radius plus blur)
// and scales colours to the largest sum, so one hot spot washes out everything else. The sums
// are made here, on the very same grid, and capped at their 95th percentile: one point per
// cell goes to Leaflet.heat, whose largest sum is then that percentile.
var HEAT_RADIUS = 20, HEAT_BLUR = 15;
Events.prototype.drawHeat = function () {
  var heat = this.heatLayer, map = this.map;
  if (!heat || !map.hasLayer(heat)) { return; }
  var P = this.D.pts, self = this, cells = new Map(), scale = Math.pow(2, map.getZoom()), used = 0;
  var m = (HEAT_RADIUS + HEAT_BLUR) / 2, origin = map.getPixelOrigin(), pane = map._getMapPanePos();
  var dx = pane.x - origin.x, dy = pane.y - origin.y, fx = pane.x % m, fy = pane.y % m;
  this.D.families.forEach(function (f) {
    if (!self.famOn(f)) { return; }
    self.pointsByFam[f].forEach(function (k) {
      var c = self.cnt[k];
      if (c <= 0) { return; }
      var v = P.n[k] ? c / 2 : c, x = self.px[k] * scale + dx, y = self.py[k] * scale + dy;
      used += 1;
      var key = Math.floor((x - fx) / m) + ":" + Math.floor((y - fy) / m), cell = cells.get(key);
      if (cell) { cell[0] += x * v; cell[1] += y * v; cell[2] += v; } else { cells.set(key, [x * v, y * v, v]); }
    });
  });
  var sums = [];
  cells.forEach(function (c) { sums.push(c[2]); });
  sums.sort(function (a, b) { return a - b; });
  var top = sums.length ? Math.max(1, sums[Math.floor(0.95 * (sums.length - 1))]) : 1, pts = [];
  cells.forEach(function (c) {
    var ll = map.containerPointToLatLng([c[0] / c[2], c[1] / c[2]]);
    pts.push([ll.lat, ll.lng, Math.min(c[2], top)]);
  });
  heat.setLatLngs(pts);
  this.heatPoints = used; this.heatCells = pts.length; this.heatMax = top;
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
    D.types.forEach(function (t, ti) {
      if (t.n) {
        h.push('<label class="ge-row ge-type-row" title="Show / hide this type"><input type="checkbox" checked data-type="' +
          ti + '">' + glyph(t, 14) + esc(t.label) + " (" + t.n + ")</label>");
      }
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
    div.querySelectorAll("input[data-type]").forEach(function (box) {
      box.addEventListener("change", function () { ev.setTypeOn(+box.dataset.type, box.checked); });
    });
    var btn = div.querySelector(".ge-toggle");
    function setOpen(open) { div.classList.toggle("ge-collapsed", !open); btn.textContent = open ? "hide" : "legend"; }
    btn.addEventListener("click", function () { setOpen(div.classList.contains("ge-collapsed")); });
    setOpen(!small);
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
    return div;
  };
  return c;
}
// The time control: play/pause, a slider for the window's last day, the dates shown, the count
// of events shown (time window x layers x type filters), "All"; under it a histogram strip of
// events per day/week/month, on which a window is brushed (drag) or moved (drag inside it);
// then the bin, the window length, moving or cumulative window, and the play speed.
var DAY = 864e5, PLAY_MS = 20000, WIN_DAYS = {day: 1, week: 7, month: 30, quarter: 91, year: 365};
function monthIndex(d0, n) { var d = new Date(d0 + n * DAY); return d.getUTCFullYear() * 12 + d.getUTCMonth(); }
function makeBins(d0, lo, hi, unit) {
  // Bins as [first day, last day]; weeks start on Monday, months on the 1st.
  var bins = [], a = lo;
  while (a <= hi) {
    var b;
    if (unit === "day") { b = a; }
    else if (unit === "week") { var wd = (new Date(d0 + a * DAY).getUTCDay() + 6) % 7; b = a + 6 - wd; }
    else { var mi = monthIndex(d0, a), next = Date.UTC(Math.floor((mi + 1) / 12), (mi + 1) % 12, 1);
      b = Math.round((next - d0) / DAY) - 1; }
    bins.push([a, Math.min(b, hi)]); a = b + 1;
  }
  return bins;
}
function autoUnit(span) { return span <= 120 ? "day" : (span <= 3 * 365 ? "week" : "month"); }
function timeControl(ev, D) {
  var c = L.control({position: "bottomleft"}), lo = D.dayMin, hi = D.dayMax, span = hi - lo + 1;
  var PLAY = '<svg width="12" height="12"><polygon points="2,1 11,6 2,11" fill="#333"/></svg>';
  var PAUSE = '<svg width="12" height="12"><rect x="2" y="1" width="3" height="10" fill="#333"/><rect x="7" y="1" width="3" height="10" fill="#333"/></svg>';
  var NS = "http://www.w3.org/2000/svg", H = 44;
  function opt(v, t, sel) { return '<option value="' + v + '"' + (v === sel ? " selected" : "") + ">" + t + "</option>"; }
  c.onAdd = function (map) {
    var div = L.DomUtil.create("div", "ge-box ge-time"), timer = null;
    var W = Math.max(220, Math.min(520, map.getSize().x - 60));
    var unit = autoUnit(span), len = WIN_DAYS[unit], cumulative = false, speed = 1;
    div.style.width = W + 16 + "px";
    div.innerHTML = '<div class="ge-row1"><button type="button" class="ge-play" title="Play / pause">' + PLAY + "</button>" +
      '<input class="ge-slider" type="range" min="' + lo + '" max="' + hi + '" value="' + lo + '" step="1" title="Last day of the window">' +
      '<button type="button" class="ge-all" title="Show all events">All</button></div>' +
      '<div class="ge-row2"><span class="ge-date"></span><span class="ge-n"></span></div>' +
      '<svg class="ge-hist" width="' + W + '" height="' + (H + 12) + '"></svg>' +
      '<div class="ge-row3"><label>bars <select class="ge-unit">' + opt("day", "per day", unit) + opt("week", "per week", unit) +
      opt("month", "per month", unit) + "</select></label>" +
      '<label>window <select class="ge-len">' + opt("1", "1 day", String(len)) + opt("7", "1 week", String(len)) +
      opt("30", "1 month", String(len)) + opt("91", "3 months", String(len)) + opt("365", "1 year", String(len)) +
      '<option value="custom" disabled>brushed</option></select></label>' +
      '<select class="ge-mode" title="Moving window, or everything since the first day">' + opt("moving", "moving", "moving") +
      opt("cumulative", "cumulative", "") + "</select>" +
      '<label>speed <select class="ge-speed">' + opt("0.5", "0.5\u00d7", "") + opt("1", "1\u00d7", "1") + opt("2", "2\u00d7", "") +
      opt("4", "4\u00d7", "") + "</select></label></div>";
    var q = function (sel) { return div.querySelector(sel); };
    var play = q(".ge-play"), slider = q(".ge-slider"), label = q(".ge-date"), count = q(".ge-n");
    var svg = q(".ge-hist"), lenSel = q(".ge-len"), bins = [], bars = [], brush = null, axis = [];
    function x(d) { return (d - lo) / span * W; }
    function dayAt(px) { return Math.max(lo, Math.min(hi, lo + Math.floor(px / W * span))); }
    function el(name, attrs) { var e = document.createElementNS(NS, name); for (var k in attrs) { e.setAttribute(k, attrs[k]); } return e; }
    function buildBins() {
      bins = makeBins(ev.d0, lo, hi, unit);
      var idx = new Int32Array(span);
      bins.forEach(function (b, j) { for (var d = b[0]; d <= b[1]; d++) { idx[d - lo] = j; } });
      ev.binIndex = idx; ev.bins = bins;
      while (svg.firstChild) { svg.removeChild(svg.firstChild); }
      svg.appendChild(el("rect", {x: 0, y: 0, width: W, height: H, fill: "#f3f3f3"}));
      bars = bins.map(function (b) {
        var r = el("rect", {"class": "ge-bar", x: x(b[0]), width: Math.max(0.6, x(b[1] + 1) - x(b[0]) - (bins.length < 150 ? 1 : 0)), y: H, height: 0});
        r.dataset.from = b[0]; r.dataset.to = b[1]; svg.appendChild(r); return r;
      });
      brush = el("rect", {"class": "ge-brush", y: 0, height: H, x: 0, width: 0});
      svg.appendChild(brush);
      axis = [el("text", {x: 0, y: H + 11, "class": "ge-axis"}), el("text", {x: W, y: H + 11, "class": "ge-axis", "text-anchor": "end"})];
      axis[0].textContent = day(ev.d0, lo); axis[1].textContent = day(ev.d0, hi);
      axis.forEach(function (a) { svg.appendChild(a); });
      drawBars();
    }
    function drawBars() {
      var counts = ev.histogram(bins), top = Math.max.apply(null, counts.concat([1]));
      ev.histCounts = counts;
      bars.forEach(function (r, j) {
        var h = counts[j] ? Math.max(1.5, counts[j] / top * (H - 3)) : 0;
        r.setAttribute("y", H - h); r.setAttribute("height", h); r.dataset.n = counts[j];
        var t = r.firstChild || r.appendChild(el("title", {}));
        t.textContent = day(ev.d0, bins[j][0]) + (bins[j][1] > bins[j][0] ? " \u2013 " + day(ev.d0, bins[j][1]) : "") + ": " + counts[j];
      });
      drawBrush();
    }
    function drawBrush() {
      var w = ev.win;
      bars.forEach(function (r, j) { r.classList.toggle("ge-in", !!w && bins[j][1] >= w[0] && bins[j][0] <= w[1]); });
      if (!w) { brush.setAttribute("width", 0); return; }
      brush.setAttribute("x", x(w[0])); brush.setAttribute("width", Math.max(2, x(w[1] + 1) - x(w[0])));
    }
    function counted() {
      var n = ev.shownEvents, u = ev.undatedShown && !ev.win ? " (" + ev.undatedShown + " undated)" : "";
      count.textContent = n + (n === 1 ? " event" : " events") + u;
    }
    function dates() {
      var w = ev.win;
      label.textContent = w ? day(ev.d0, w[0]) + (w[1] > w[0] ? " \u2013 " + day(ev.d0, w[1]) : "")
        : "All events, " + day(ev.d0, lo) + " \u2013 " + day(ev.d0, hi);
    }
    function setWin(a, b) {
      a = Math.max(lo, a); b = Math.min(hi, Math.max(a, b));
      ev.setWindow([a, b]); slider.value = b; dates(); drawBrush();
    }
    function endAt(b) { setWin(cumulative ? lo : b - len + 1, b); }
    function stop() { if (timer) { clearInterval(timer); timer = null; } play.innerHTML = PLAY; ev.playing = false; }
    function plan(from) {
      // The whole range in PLAY_MS / speed at most: one step per tick, never faster than 40 ms.
      var days = hi - from + 1, total = PLAY_MS / speed, every = Math.max(40, Math.min(700, total / days));
      var step = Math.max(1, Math.ceil(days * every / total));
      return {every: every, step: step, ticks: Math.ceil(days / step), ms: Math.ceil(days / step) * every};
    }
    play.addEventListener("click", function () {
      if (timer) { stop(); return; }
      var b = ev.win ? ev.win[1] : hi, first = cumulative ? lo : Math.min(hi, lo + len - 1);
      if (!ev.win || b >= hi) { b = first; }
      var p = plan(b), t0 = performance.now(), from = b; ev.playPlan = p;
      play.innerHTML = PAUSE; endAt(b); ev.playing = true;
      // Steps follow the clock: a slow redraw skips days rather than stretching the play.
      timer = setInterval(function () {
        var next = Math.min(hi, from + Math.floor((performance.now() - t0) / p.every) * p.step);
        if (next !== ev.win[1]) { endAt(next); }
        if (next >= hi) { stop(); }
      }, p.every);
    });
    slider.addEventListener("input", function () { stop(); endAt(+slider.value); });
    q(".ge-all").addEventListener("click", function () { stop(); ev.setWindow(null); dates(); drawBrush(); });
    q(".ge-unit").addEventListener("change", function (e) { unit = e.target.value; buildBins(); });
    lenSel.addEventListener("change", function (e) { len = +e.target.value; if (ev.win) { endAt(ev.win[1]); } });
    q(".ge-mode").addEventListener("change", function (e) { cumulative = e.target.value === "cumulative"; if (ev.win) { endAt(ev.win[1]); } });
    q(".ge-speed").addEventListener("change", function (e) { speed = +e.target.value; });
    // Brushing: drag on the strip draws a window; drag inside the window moves it.
    var drag = null;
    function px(e) { var r = svg.getBoundingClientRect(); return e.clientX - r.left; }
    svg.addEventListener("pointerdown", function (e) {
      stop(); var d = dayAt(px(e)), w = ev.win;
      drag = w && d >= w[0] && d <= w[1] ? {move: true, off: d - w[0], n: w[1] - w[0]} : {move: false, from: d};
      if (!drag.move) { setWin(d, d); }
      svg.setPointerCapture(e.pointerId); e.preventDefault();
    });
    svg.addEventListener("pointermove", function (e) {
      if (!drag) { return; }
      var d = dayAt(px(e));
      if (drag.move) { var a = Math.max(lo, Math.min(hi - drag.n, d - drag.off)); setWin(a, a + drag.n); }
      else { setWin(Math.min(drag.from, d), Math.max(drag.from, d)); }
    });
    function up() {
      if (!drag) { return; }
      if (!drag.move) {
        var w = ev.win;
        if (w[1] === w[0]) { var j = ev.binIndex[w[0] - lo]; setWin(bins[j][0], bins[j][1]); w = ev.win; }
        len = w[1] - w[0] + 1; cumulative = false; q(".ge-mode").value = "moving";
        var known = lenSel.querySelector('option[value="' + len + '"]');
        lenSel.value = known ? String(len) : "custom";
      }
      drag = null;
    }
    svg.addEventListener("pointerup", up); svg.addEventListener("pointercancel", up);
    ev.listeners.push(function () { if (bins.length) { drawBars(); } counted(); });
    ev.timeControl = {setWindow: setWin, plan: plan, stop: stop};
    buildBins(); dates(); counted();  // the bars first: they count the undated events
    L.DomEvent.disableClickPropagation(div); L.DomEvent.disableScrollPropagation(div);
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
// Labels never overlap one another: after each move, labels in view are placed by rank
// (countries, capitals, towns with events, other towns) and one overlapping a placed label
// is hidden until the next move.
var LABEL_RANKS = [".ge-label-country span", ".ge-label-country-small span", ".ge-label-capital span",
  ".ge-label-event span", ".ge-label-town span"];
function declutter(map) {
  var el = map.getContainer(), box = el.getBoundingClientRect(), kept = [], hidden = 0;
  el.querySelectorAll(".ge-clutter").forEach(function (e) { e.classList.remove("ge-clutter"); });
  LABEL_RANKS.forEach(function (sel) {
    el.querySelectorAll(sel).forEach(function (span) {
      if (span.offsetParent === null) { return; }
      var r = span.getBoundingClientRect();
      if (r.right < box.left || r.left > box.right || r.bottom < box.top || r.top > box.bottom) { return; }
      var clash = kept.some(function (k) { return r.left < k.right + 2 && k.left < r.right + 2 && r.top < k.bottom && k.top < r.bottom; });
      if (clash) { span.parentElement.classList.add("ge-clutter"); hidden += 1; } else { kept.push(r); }
    });
  });
  return {shown: kept.length, hidden: hidden};
}
function zoomClasses(map) {
  // Basemap detail by zoom: capital names from zoom 4, regional towns (dots and names) from
  // zoom 6, names of the towns with events from zoom 7.
  var el = map.getContainer();
  function set() {
    var z = map.getZoom();
    el.classList.toggle("ge-zlow", z < 4); el.classList.toggle("ge-zmid", z >= 4 && z < 6);
    el.classList.toggle("ge-zfar", z < 7);
  }
  map.on("zoomend", set); set();
}
// Labels of the towns with events, shown from zoom 7, above markers (the "ge-labels" pane).
function eventTownLabels(ev, D, map) {
  var P = D.pts, best = {}, E = D.ev, known = {};
  (D.labelled || []).forEach(function (n) { known[n] = true; });
  for (var k = 0; k < P.t.length; k++) {
    if (P.n[k]) { continue; }
    var name = ev.str(E.loc[P.e[P.o[k]]]).split(",")[0], key = P.x[k] + ":" + P.y[k];
    var n = P.o[k + 1] - P.o[k];
    if (!name || known[name]) { continue; }
    if (!best[key]) { best[key] = {name: name, x: P.x[k], y: P.y[k], n: 0, dx: 0}; }
    best[key].n += n;
    // The name starts right of the place's pins (fanned out on a ring when several).
    var ring = P.m && P.m[k] > 1 ? 9 + 2 * P.m[k] : 0;
    best[key].dx = Math.max(best[key].dx, ring + sizeOf(P.f[k]) / 2 + 3);
  }
  var list = Object.keys(best).map(function (k) { return best[k]; });
  list.sort(function (a, b) { return b.n - a.n; });
  var lay = L.layerGroup();
  list.slice(0, 300).forEach(function (t) {
    L.marker([t.y, t.x], {pane: "ge-labels", interactive: false, keyboard: false,
      icon: L.divIcon({className: "ge-label ge-label-event", iconSize: [0, 0],
        html: '<span style="transform:translate(' + Math.round(t.dx) + 'px,-50%)">' + esc(t.name) + "</span>"})}).addTo(lay);
  });
  lay.addTo(map);
  return list.length;
}
// The first view: the framed events inside the part of the map no control covers.
function fitView(map, D) {
  var b = D.frame || D.allBounds;
  if (!b) { return; }
  var box = map.getContainer().getBoundingClientRect(), corners = map._controlCorners, M = 34;
  function rect(k) { var r = corners[k].getBoundingClientRect(); return r.width && r.height ? r : null; }
  var tl = rect("topleft"), tr = rect("topright"), bl = rect("bottomleft"), br = rect("bottomright");
  var left = tl ? tl.right - box.left : 0, right = Math.max(tr ? box.right - tr.left : 0, br ? box.right - br.left : 0);
  var bottom = bl ? box.bottom - bl.top : 0, top = 0;
  var pad = {paddingTopLeft: [left + M, top + M], paddingBottomRight: [right + M, bottom + M], maxZoom: 9, animate: false};
  map.fitBounds([[b[1], b[0]], [b[3], b[2]]], pad);
  return pad;
}
function start(map, groups, D, opts) {
  var pane = map.getPane("ge-labels") || map.createPane("ge-labels");
  pane.style.zIndex = 650; pane.style.pointerEvents = "none";
  var ev = new Events(map, groups, D, opts);
  zoomClasses(map);
  if (D.allBounds) { fitAll(D).addTo(map); }
  legend(ev, D, opts).addTo(map);
  if (D.dayMin !== null) { timeControl(ev, D).addTo(map); }
  if (opts.heat && L.heatLayer) {
    ev.heatLayer = L.heatLayer([], {radius: HEAT_RADIUS, blur: HEAT_BLUR, minOpacity: 0.15}).addTo(opts.heat);
    map.on("moveend", function () { ev.drawHeat(); });
  }
  ev.eventLabels = eventTownLabels(ev, D, map);
  map.on("moveend", function () { ev.labels = declutter(map); });
  map.on("overlayadd overlayremove", function () { ev.changed(); });
  ev.changed();
  ev.firstView = fitView(map, D);
  ev.labels = declutter(map);
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
