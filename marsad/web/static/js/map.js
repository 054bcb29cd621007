// The map: offline outlines, optional OpenStreetMap tiles, clustered event markers.
//
// Place precision is drawn honestly: geo_precision 1 is a marker on the place,
// 2 a marker with a dashed halo (the event was near the place or somewhere in
// the area), 3 no marker at all: the governorate is shaded by how many such
// events it holds.

import { cluster, unproject, worldXY } from "./cluster.js";
import { el } from "./dom.js";
import { getLang, label, t, typeIndex, typeLabel } from "./i18n.js";

const SYRIA = [[32.3, 35.6], [37.35, 42.4]];
const HALO_METRES = 10000;
// The full place-data credit is in the page footer (#data-attribution).
const PLACE_ATTRIBUTION_SHORT = "Outlines: UN OCHA (Syria COD, via HDX), OpenSyria";
const OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
const OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors";

// Marker side in pixels: 14 for an event without deaths, growing with the log of
// the toll (1 → 18, 5 → 24, 20 → 31, capped at 34), as the legend shows.
export function markerSize(fatalities) {
  return Math.round(Math.min(34, 14 + 4 * Math.log2(1 + Math.max(0, fatalities || 0))));
}

function shapeIcon(item, selected) {
  const size = markerSize(item.fatalities);
  const node = el("span", {
    class: `mk t${typeIndex(item.event_type)} p${item.geo_precision}${selected ? " sel" : ""}`,
    dataset: { id: String(item.id), fatalities: String(item.fatalities || 0) },
  });
  node.style.width = node.style.height = `${size}px`;
  const box = size + 4;
  return L.divIcon({ className: "mk-wrap", html: node, iconSize: [box, box], iconAnchor: [box / 2, box / 2] });
}

const LABEL_FONT = "11px 'Noto Sans', 'DejaVu Sans', sans-serif";
const GOV_ZOOM = 5; // min_zoom of a governorate name in /api/places/labels.json
let measure = null;

function textWidth(text) {
  if (!measure) {
    measure = document.createElement("canvas").getContext("2d");
    measure.font = LABEL_FONT;
  }
  return measure.measureText(text).width;
}

function clusterIcon(members) {
  const counts = new Array(6).fill(0);
  for (const m of members) counts[typeIndex(m.event_type)] += 1;
  const top = counts.indexOf(Math.max(...counts));
  const size = Math.round(24 + Math.min(26, Math.log2(members.length) * 4));
  const node = el("span", { class: `cl t${top}` }, el("span", { text: String(members.length) }));
  node.style.width = node.style.height = `${size}px`;
  node.style.lineHeight = `${size}px`;
  return L.divIcon({ className: "cl-wrap", html: node, iconSize: [size, size], iconAnchor: [size / 2, size / 2] });
}

export class EventMap {
  constructor(node, { onSelect, onMove, onGovernorate, onClusterList, onOsm }) {
    this.onSelect = onSelect;
    this.onMove = onMove;
    this.onGovernorate = onGovernorate;
    this.onClusterList = onClusterList;
    this.items = [];
    this.located = [];
    this.byId = new Map();
    this.govCounts = {};
    this.govBounds = {};
    this.selected = null;
    this.map = L.map(node, { minZoom: 5, maxZoom: 17, zoomSnap: 0.5, worldCopyJump: false, zoomControl: true });
    this.map.fitBounds(SYRIA);
    this.map.attributionControl.addAttribution(PLACE_ATTRIBUTION_SHORT);
    this.canvas = L.canvas({ padding: 0.3 });
    this.osm = L.tileLayer(OSM_URL, { maxZoom: 19, attribution: OSM_ATTRIBUTION, crossOrigin: false });
    // Place names from the gazetteer, drawn under the markers and never clickable.
    this.map.createPane("labels");
    this.map.getPane("labels").style.zIndex = 450;
    this.map.getPane("labels").style.pointerEvents = "none";
    this.labelLayer = L.layerGroup().addTo(this.map);
    this.labelRows = [];
    this.haloLayer = L.layerGroup().addTo(this.map);
    this.markerLayer = L.layerGroup().addTo(this.map);
    this.bboxLayer = L.layerGroup().addTo(this.map);
    this.map.on("moveend", () => {
      this.drawLabels();
      this.redraw();
      this.onMove();
    });
    this.map.on("overlayadd", (e) => e.layer === this.osm && onOsm(true));
    this.map.on("overlayremove", (e) => e.layer === this.osm && onOsm(false));
  }

  async loadOutlines() {
    const [a1, a2] = await Promise.all(
      ["admin1", "admin2"].map((l) => fetch(`/api/outlines/${l}.geojson`).then((r) => r.json())),
    );
    this.admin2 = L.geoJSON(a2, { interactive: false, style: { className: "ol-admin2", weight: 0.6, fill: false } });
    this.admin1 = L.geoJSON(a1, {
      style: (f) => this.govStyle(f),
      onEachFeature: (f, layer) => {
        const name = f.properties.name_en;
        this.govBounds[name] = layer.getBounds();
        layer.on("click", () => {
          if (this.govCounts[name]) this.onGovernorate(name);
        });
        layer.bindTooltip(() => this.govTooltip(name), { sticky: true });
      },
    });
    this.admin2.addTo(this.map);
    this.admin1.addTo(this.map);
    this.admin1.bringToBack();
    this.layers = L.control.layers(null, {}, { collapsed: true }).addTo(this.map);
    this.relabelLayers();
  }

  // The gazetteer's names, drawn by zoom (governorates and large cities first, towns
  // and villages as one zooms in) in the page's language, with no network needed.
  async loadLabels() {
    const body = await fetch("/api/places/labels.json").then((r) => r.json());
    this.labelRows = body.rows;
    this.drawLabels();
  }

  drawLabels() {
    this.labelLayer.clearLayers();
    if (!this.labelRows.length) return;
    const zoom = this.map.getZoom();
    const bounds = this.map.getBounds().pad(0.05);
    const size = this.map.getSize();
    const ar = getLang() === "ar";
    const placed = [];
    let n = 0;
    for (const [en, arName, lat, lon, minZoom] of this.labelRows) {
      if (minZoom > zoom) break; // rows come lowest zoom first
      const gov = minZoom === GOV_ZOOM;
      if (gov && zoom > 8) continue; // governorate names only while one sees several
      if (!bounds.contains([lat, lon])) continue;
      const text = ar ? arName : en;
      const p = this.map.latLngToContainerPoint([lat, lon]);
      const w = textWidth(text) * (gov ? 1.15 : 1) + 6;
      const box = [p.x - w / 2, p.y - 9, p.x + w / 2, p.y + 9];
      if (box[2] < 0 || box[0] > size.x || box[3] < 0 || box[1] > size.y) continue;
      if (placed.some((b) => box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1])) continue;
      placed.push(box);
      const node = el("span", { class: gov ? "pl pl-gov" : "pl", dir: "auto", text });
      L.marker([lat, lon], {
        pane: "labels", interactive: false, keyboard: false,
        icon: L.divIcon({ className: "pl-wrap", html: node, iconSize: [Math.ceil(w), 18], iconAnchor: [Math.ceil(w) / 2, 9] }),
      }).addTo(this.labelLayer);
      if (++n >= 200) break;
    }
  }

  relabelLayers() {
    if (!this.layers) return;
    this.layers.removeLayer(this.admin1);
    this.layers.removeLayer(this.osm);
    this.layers.addOverlay(this.admin1, t("outlines"));
    this.layers.addOverlay(this.osm, t("osm"));
  }

  setOsm(on) {
    if (on && !this.map.hasLayer(this.osm)) this.osm.addTo(this.map);
    if (!on && this.map.hasLayer(this.osm)) this.map.removeLayer(this.osm);
  }

  govStyle(feature) {
    const n = this.govCounts[feature.properties.name_en] || 0;
    const max = Math.max(1, ...Object.values(this.govCounts));
    const selected = this.selectedGov === feature.properties.name_en;
    return {
      className: "ol-admin1",
      weight: selected ? 3 : 1.2,
      color: selected ? "#111" : "#555",
      fillColor: "#7a4fa0",
      fillOpacity: n ? 0.12 + (0.33 * n) / max : 0.02,
    };
  }

  govTooltip(name) {
    const n = this.govCounts[name] || 0;
    return el("span", { text: n ? t("govEvents", n, label("admin1", name)) : label("admin1", name) });
  }

  // fields/rows as sent by /api/points
  setPoints(fields, rows) {
    const idx = Object.fromEntries(fields.map((f, i) => [f, i]));
    this.items = [];
    this.govCounts = {};
    this.byId = new Map();
    for (const r of rows) {
      const it = {};
      for (const f of fields) it[f] = r[idx[f]];
      if (it.lat !== null && it.lon !== null) [it.x, it.y] = worldXY(it.lat, it.lon);
      if (it.geo_precision >= 3 && it.admin1) this.govCounts[it.admin1] = (this.govCounts[it.admin1] || 0) + 1;
      this.items.push(it);
      this.byId.set(it.id, it);
    }
    this.located = this.items.filter((it) => it.x !== undefined && it.geo_precision < 3);
    if (this.admin1) this.admin1.setStyle((f) => this.govStyle(f));
    this.redraw();
  }

  worldBounds(pad = 0.15) {
    const b = this.map.getBounds().pad(pad);
    const [x1, y1] = worldXY(b.getNorth(), b.getWest());
    const [x2, y2] = worldXY(b.getSouth(), b.getEast());
    return [x1, y1, x2, y2];
  }

  redraw() {
    this.markerLayer.clearLayers();
    this.haloLayer.clearLayers();
    const zoom = this.map.getZoom();
    const others = this.located.filter((it) => it.id !== this.selected);
    for (const c of cluster(others, zoom, this.worldBounds())) {
      if (c.members.length === 1) this.addSingle(c.members[0], false);
      else this.addCluster(c);
    }
    const sel = this.selected !== null && this.byId ? this.byId.get(this.selected) : null;
    if (sel && sel.x !== undefined && sel.geo_precision < 3) this.addSingle(sel, true);
  }

  addSingle(it, selected) {
    const latlng = [it.lat, it.lon];
    if (it.geo_precision === 2) {
      L.circle(latlng, { radius: HALO_METRES, renderer: this.canvas, interactive: false, className: "halo",
        color: "#333", weight: 1, dashArray: "4 4", fillOpacity: 0.08 }).addTo(this.haloLayer);
    }
    const m = L.marker(latlng, { icon: shapeIcon(it, selected), keyboard: true, zIndexOffset: selected ? 1000 : 0,
      title: `${it.event_date || t("noDate")} · ${typeLabel(it.sub_event_type)}` });
    m.on("click", () => this.onSelect(it.id));
    m.addTo(this.markerLayer);
  }

  addCluster(c) {
    const [lat, lon] = unproject(c.x, c.y);
    const m = L.marker([lat, lon], { icon: clusterIcon(c.members), title: t("clusterTitle", c.members.length) });
    m.on("click", () => {
      const b = L.latLngBounds(c.members.map((it) => [it.lat, it.lon]));
      const zoom = this.map.getZoom();
      if (zoom >= this.map.getMaxZoom() || b.getNorthEast().distanceTo(b.getSouthWest()) < 50) {
        this.onClusterList(c.members.map((it) => it.id));
      } else {
        this.map.fitBounds(b.pad(0.3), { maxZoom: Math.max(zoom + 1, Math.min(this.map.getMaxZoom(), zoom + 3)) });
      }
    });
    m.addTo(this.markerLayer);
  }

  // Mark the marker of event `id` (if drawn on its own) while the list row is hovered.
  hover(id) {
    const pane = this.map.getPane("markerPane");
    for (const node of pane.querySelectorAll(".mk.hover")) node.classList.remove("hover");
    if (id !== null) {
      const node = pane.querySelector(`.mk[data-id="${Number(id)}"]`);
      if (node) node.classList.add("hover");
    }
  }

  select(id) {
    this.selected = id;
    const it = id !== null && this.byId ? this.byId.get(id) : null;
    this.selectedGov = it && it.geo_precision >= 3 ? it.admin1 : null;
    if (this.admin1) this.admin1.setStyle((f) => this.govStyle(f));
    this.redraw();
  }

  // Bring an event into view (without zooming out of a closer view).
  reveal(id) {
    const it = this.byId && this.byId.get(id);
    if (!it) return;
    if (it.geo_precision >= 3 && this.govBounds[it.admin1]) {
      if (!this.map.getBounds().intersects(this.govBounds[it.admin1])) this.map.fitBounds(this.govBounds[it.admin1]);
    } else if (it.x !== undefined && !this.map.getBounds().contains([it.lat, it.lon])) {
      this.map.panTo([it.lat, it.lon]);
    }
  }

  // Events to list for the current view, newest first (the order of /api/points).
  visible() {
    const b = this.map.getBounds();
    return this.items.filter((it) => {
      if (it.x === undefined) return true;
      if (it.geo_precision >= 3) {
        const gb = this.govBounds[it.admin1];
        return gb ? b.intersects(gb) : b.contains([it.lat, it.lon]);
      }
      return b.contains([it.lat, it.lon]);
    });
  }

  bboxString() {
    const b = this.map.getBounds();
    const r = (v) => v.toFixed(4);
    return `${r(Math.max(-180, b.getWest()))},${r(Math.max(-90, b.getSouth()))},${r(Math.min(180, b.getEast()))},${r(Math.min(90, b.getNorth()))}`;
  }

  showBbox(bbox) {
    this.bboxLayer.clearLayers();
    if (!bbox) return;
    const [w, s, e, n] = bbox.split(",").map(Number);
    L.rectangle([[s, w], [n, e]], { interactive: false, fill: false, dashArray: "6 4", color: "#0a58ca", weight: 2 })
      .addTo(this.bboxLayer);
  }

  view() {
    const c = this.map.getCenter();
    return { z: this.map.getZoom(), lat: c.lat, lon: c.lng };
  }

  setView(v) {
    this.map.setView([v.lat, v.lon], v.z);
  }
}
