// The page's state and its round trip through the URL, so a view can be shared.
//
// Filter parameters keep the API's names (start, end, event_type, sub_event_type,
// actor, admin1, admin2, min_fatalities, q, bbox), so the page URL's query is also
// a valid /api/events query.  The rest: lang (en|ar), at (zoom/lat/lon), ev (the
// open event), osm (1 = online tile layer on).

import { EVENT_TYPES, SUB_TYPES } from "./i18n.js";

const SINGLE = ["start", "end", "sub_event_type", "actor", "admin1", "admin2", "min_fatalities", "q", "bbox"];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ALL_SUBS = new Set(Object.values(SUB_TYPES).flat());

export function emptyFilters() {
  return { start: "", end: "", event_type: [], sub_event_type: "", actor: "", admin1: "", admin2: "",
    min_fatalities: "", q: "", bbox: "" };
}

function clean(filters) {
  const f = { ...emptyFilters(), ...filters };
  if (!DATE.test(f.start)) f.start = "";
  if (!DATE.test(f.end)) f.end = "";
  f.event_type = (f.event_type || []).filter((x) => EVENT_TYPES.includes(x));
  if (!ALL_SUBS.has(f.sub_event_type)) f.sub_event_type = "";
  if (f.sub_event_type && f.event_type.length && !f.event_type.some((x) => SUB_TYPES[x].includes(f.sub_event_type))) {
    f.sub_event_type = "";
  }
  if (!/^[A-Z][A-Z0-9_]{1,63}$/.test(f.actor)) f.actor = "";
  if (!/^\d{1,7}$/.test(String(f.min_fatalities)) || Number(f.min_fatalities) === 0) f.min_fatalities = "";
  if (!/^-?[\d.]+,-?[\d.]+,-?[\d.]+,-?[\d.]+$/.test(f.bbox)) f.bbox = "";
  f.q = String(f.q || "").slice(0, 200);
  f.admin1 = String(f.admin1 || "").slice(0, 128);
  f.admin2 = String(f.admin2 || "").slice(0, 128);
  return f;
}

export function fromUrl(search = window.location.search) {
  const p = new URLSearchParams(search);
  const filters = emptyFilters();
  for (const key of SINGLE) filters[key] = p.get(key) || "";
  filters.event_type = p.getAll("event_type");
  const at = (p.get("at") || "").split("/").map(Number);
  const view = at.length === 3 && at.every(Number.isFinite) ? { z: at[0], lat: at[1], lon: at[2] } : null;
  const ev = /^\d{1,15}$/.test(p.get("ev") || "") ? Number(p.get("ev")) : null;
  return {
    filters: clean(filters),
    view,
    ev,
    lang: p.get("lang") === "ar" ? "ar" : "en",
    osm: p.get("osm") === "1",
  };
}

// API query parameters for the filters; `dates: false` leaves start/end out.
export function apiParams(filters, { dates = true, bbox = true } = {}) {
  const f = clean(filters);
  const p = new URLSearchParams();
  for (const key of SINGLE) {
    if (!dates && (key === "start" || key === "end")) continue;
    if (!bbox && key === "bbox") continue;
    if (f[key] !== "") p.set(key, f[key]);
  }
  for (const type of f.event_type) p.append("event_type", type);
  return p;
}

export function toUrl(state) {
  const p = apiParams(state.filters);
  if (state.lang === "ar") p.set("lang", "ar");
  if (state.view) p.set("at", `${state.view.z}/${state.view.lat.toFixed(4)}/${state.view.lon.toFixed(4)}`);
  if (state.ev) p.set("ev", String(state.ev));
  if (state.osm) p.set("osm", "1");
  const qs = p.toString();
  const url = `${window.location.pathname}${qs ? "?" + qs : ""}`;
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(null, "", url);
}

export { clean as cleanFilters };
