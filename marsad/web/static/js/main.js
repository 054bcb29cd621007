// The analyst's page: wires the map, timeline, filters, list and event panel
// to one state that lives in the URL.

import { getJson, isAbort } from "./api.js";
import { debounce } from "./dom.js";
import { FilterPanel } from "./filters.js";
import { getLang, label, setLabels, setLang, t } from "./i18n.js";
import { EventList } from "./list.js";
import { EventMap } from "./map.js";
import { EventPanel } from "./panel.js";
import { apiParams, cleanFilters, emptyFilters, fromUrl, toUrl } from "./state.js";
import { Timeline } from "./timeline.js";
import { WeeklyChart } from "./weekly.js";

const $ = (id) => document.getElementById(id);
const state = fromUrl();
let scope = null; // {text, ids} when the list shows a cluster or a governorate

setLang(state.lang);

const map = new EventMap($("map"), {
  onSelect: (id) => select(id),
  onMove: () => {
    state.view = map.view();
    toUrl(state);
    updateList();
  },
  onGovernorate: (name) => {
    const ids = map.items.filter((it) => it.geo_precision >= 3 && it.admin1 === name).map((it) => it.id);
    scope = { text: () => t("scopeGov", label("admin1", name)), ids };
    updateList();
  },
  onClusterList: (ids) => {
    scope = { text: () => t("scopeCluster", ids.length), ids };
    updateList();
  },
  onOsm: (on) => {
    state.osm = on;
    toUrl(state);
  },
});
const clearDates = () => setFilters({ ...state.filters, start: "", end: "" });
const timeline = new Timeline($("timeline-svg"), {
  firstLabel: $("tl-first"),
  lastLabel: $("tl-last"),
  summary: $("tl-summary"),
  playButton: $("tl-play"),
  rangeButtons: [...document.querySelectorAll("#timeline [data-range]")],
  text: t,
  onBrush: (start, end) => setFilters({ ...state.filters, start, end }),
  onClear: clearDates,
});
$("timeline-clear").addEventListener("click", () => {
  timeline.stop();
  clearDates();
});
const weekly = new WeeklyChart($("weekly-svg"), { first: $("wk-first"), max: $("wk-max"), last: $("wk-last"), text: t });

// Small screens show one view at a time (map, event list, filters); the CSS decides.
function showView(view) {
  document.body.dataset.view = view;
  for (const b of document.querySelectorAll("#views [data-view]")) b.setAttribute("aria-pressed", String(b.dataset.view === view));
  if (view === "map") map.map.invalidateSize();
  timeline.render();
  weekly.render();
}
for (const b of document.querySelectorAll("#views [data-view]")) b.addEventListener("click", () => showView(b.dataset.view));

const filters = new FilterPanel($("filters"), {
  onChange: (f) => setFilters(f === null ? emptyFilters() : f),
  onBboxToggle: (on) => setFilters({ ...state.filters, bbox: on ? map.bboxString() : "" }),
});

const list = new EventList($("list"), $("list-more"), $("list-scope"), {
  onSelect: (id) => select(id, true),
  onHover: (id) => map.hover(id),
  onClearScope: () => {
    scope = null;
    updateList();
  },
});

const panel = new EventPanel($("panel"), { onClose: () => select(null) });

$("lang-switch").addEventListener("click", () => {
  state.lang = getLang() === "ar" ? "en" : "ar";
  setLang(state.lang);
  filters.render(state.filters);
  map.relabelLayers();
  map.drawLabels();
  map.redraw();
  timeline.stop();
  timeline.render();
  weekly.render();
  updateList();
  panel.render();
  renderCounts();
  toUrl(state);
});

let lastPoints = null;

function renderCounts(error = null) {
  const node = $("counts");
  if (error) {
    node.textContent = t("loadError") + error;
    node.classList.add("error");
    return;
  }
  node.classList.remove("error");
  if (!lastPoints) {
    node.textContent = t("loading");
    return;
  }
  const k = lastPoints.fields.indexOf("fatalities");
  const dead = lastPoints.rows.reduce((sum, r) => sum + (r[k] || 0), 0);
  node.textContent = t("counts", lastPoints.total, dead, lastPoints.rows.length);
}

function updateList() {
  if (scope) {
    const wanted = new Set(scope.ids);
    list.set(map.items.filter((it) => wanted.has(it.id)), scope.text());
  } else {
    list.set(map.visible());
  }
  list.select(state.ev);
}

function updateLinks() {
  const qs = apiParams(state.filters).toString();
  $("export-csv").href = `/api/events.csv${qs ? "?" + qs : ""}`;
  $("export-geojson").href = `/api/events.geojson${qs ? "?" + qs : ""}`;
  $("feed").href = $("feed-discovery").href = `/api/events.atom${qs ? "?" + qs : ""}`;
  $("timeline-clear").hidden = !(state.filters.start || state.filters.end);
}

function fetchData() {
  return Promise.all([
    getJson("points", apiParams(state.filters), "points"),
    getJson("timeline", apiParams(state.filters, { dates: false }), "timeline"),
  ]);
}

function draw([points, days]) {
  lastPoints = points;
  scope = null;
  map.setPoints(points.fields, points.rows);
  map.showBbox(state.filters.bbox);
  timeline.set(days.days, state.filters.start, state.filters.end);
  weekly.set(map.items);
  updateList();
  renderCounts();
  document.body.dataset.points = String(points.rows.length);
}

async function refresh(pending = null) {
  document.body.dataset.loading = "1";
  renderCounts();
  try {
    draw(await (pending || fetchData()));
  } catch (err) {
    if (isAbort(err)) return;
    renderCounts(err.message);
  } finally {
    delete document.body.dataset.loading;
  }
}

const refreshSoon = debounce(refresh, 50);

function setFilters(f) {
  state.filters = cleanFilters(f);
  filters.render(state.filters);
  updateLinks();
  toUrl(state);
  refreshSoon();
}

function select(id, reveal = false) {
  state.ev = id;
  map.select(id);
  list.select(id);
  if (id === null) panel.close();
  else {
    panel.open(id);
    if (reveal) map.reveal(id);
    peekPanel();
  }
  toUrl(state);
}

// On a phone the open event sits under the map: scroll just enough to show its
// first lines, so a tapped marker visibly opens something (the map stays in view).
function peekPanel() {
  if (!$("views").offsetParent || document.body.dataset.view !== "map") return;
  const top = $("panel").getBoundingClientRect().top;
  const room = window.innerHeight - 160;
  if (top > room) window.scrollBy({ top: top - room, behavior: "smooth" });
}

async function start() {
  if (state.view) map.setView(state.view);
  const data = fetchData(); // the events load while the labels and outlines do
  data.catch(() => {});
  map.loadLabels().catch((err) => console.warn("place names:", err.message));
  try {
    const [facets] = await Promise.all([getJson("facets"), map.loadOutlines()]);
    setLabels(facets.labels);
    filters.setFacets(facets);
  } catch (err) {
    renderCounts(err.message);
  }
  map.setOsm(state.osm);
  filters.render(state.filters);
  updateLinks();
  await refresh(data);
  if (state.ev) select(state.ev, true);
  toUrl(state);
  document.body.dataset.ready = "1";
}

start();
