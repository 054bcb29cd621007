// A small chart of the shown events per week: bars stacked by event type (the
// map's colours) and the week's deaths as a line on its own scale.  Weeks start on
// Monday; when there are more weeks than room, several weeks make one bar.

import { EVENT_TYPES, typeIndex, typeLabel } from "./i18n.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const WEEK = 7 * DAY;
const H = 64;

function svg(tag, attrs, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

function monday(iso) {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
}

export class WeeklyChart {
  constructor(svgNode, { first, max, last, text }) {
    this.node = svgNode;
    this.labels = { first, max, last };
    this.text = text;
    this.items = [];
    window.addEventListener("resize", () => this.render());
  }

  set(items) {
    this.items = items;
    this.render();
  }

  render() {
    const node = this.node;
    while (node.firstChild) node.removeChild(node.firstChild);
    const dated = this.items.filter((it) => it.event_date);
    const w = Math.max(100, node.clientWidth || node.parentNode.clientWidth || 300);
    node.setAttribute("viewBox", `0 0 ${w} ${H}`);
    if (!dated.length) {
      this.labels.first.textContent = this.labels.last.textContent = "";
      this.labels.max.textContent = this.text("noDated");
      return;
    }
    let first = Infinity;
    let last = -Infinity;
    for (const it of dated) {
      const m = monday(it.event_date);
      first = Math.min(first, m);
      last = Math.max(last, m);
    }
    const nWeeks = Math.round((last - first) / WEEK) + 1;
    const per = Math.max(1, Math.ceil(nWeeks / Math.floor(w / 5)));
    const nBins = Math.ceil(nWeeks / per);
    const counts = Array.from({ length: nBins }, () => new Array(EVENT_TYPES.length).fill(0));
    const deaths = new Array(nBins).fill(0);
    for (const it of dated) {
      const b = Math.floor(Math.round((monday(it.event_date) - first) / WEEK) / per);
      counts[b][typeIndex(it.event_type)] += 1;
      deaths[b] += it.fatalities || 0;
    }
    const totals = counts.map((c) => c.reduce((a, b) => a + b, 0));
    const maxN = Math.max(1, ...totals);
    const maxD = Math.max(0, ...deaths);
    const bw = w / nBins;
    const g = svg("g", { class: "wk-bars" });
    counts.forEach((c, i) => {
      if (!totals[i]) return;
      let y = H;
      const start = first + i * per * WEEK;
      const when = per === 1 ? toIso(start) : `${toIso(start)} – ${toIso(start + per * WEEK - DAY)}`;
      c.forEach((n, t) => {
        if (!n) return;
        const bh = ((H - 4) * n) / maxN;
        y -= bh;
        const rect = svg("rect", { class: `t${t}`, x: i * bw, y, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh });
        rect.appendChild(svg("title", {}, `${when}: ${n} · ${typeLabel(EVENT_TYPES[t])}`));
        g.appendChild(rect);
      });
    });
    node.appendChild(g);
    if (maxD > 0) {
      const y = (d) => H - 2 - ((H - 6) * d) / maxD;
      const pts = deaths.map((d, i) => `${(i + 0.5) * bw},${y(d)}`).join(" ");
      node.appendChild(svg("polyline", { class: "wk-deaths", points: pts }));
      deaths.forEach((d, i) => {
        if (!d) return;
        const dot = svg("circle", { class: "wk-dead", cx: (i + 0.5) * bw, cy: y(d), r: 2.2 });
        dot.appendChild(svg("title", {}, `${d} ${this.text("killed")}`));
        node.appendChild(dot);
      });
    }
    this.labels.first.textContent = toIso(first);
    this.labels.last.textContent = toIso(last);
    this.labels.max.textContent = this.text("weeklyMax", maxN, maxD, per);
  }
}
