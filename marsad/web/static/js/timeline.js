// The timeline: a histogram of events per day (binned to fit the width) that can
// be brushed with the mouse or a finger to choose a date range.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;

function svg(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  return node;
}

const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

export class Timeline {
  constructor(svgNode, { onBrush, firstLabel, lastLabel }) {
    this.node = svgNode;
    this.onBrush = onBrush;
    this.firstLabel = firstLabel;
    this.lastLabel = lastLabel;
    this.days = [];
    this.range = null;
    this.selection = null;
    this.drag = null;
    svgNode.addEventListener("pointerdown", (e) => this.down(e));
    svgNode.addEventListener("pointermove", (e) => this.move(e));
    svgNode.addEventListener("pointerup", (e) => this.up(e));
    svgNode.addEventListener("pointercancel", () => (this.drag = null));
    window.addEventListener("resize", () => this.render());
  }

  // days: [{date, events}] (all dates, for the filters other than the date range);
  // start/end: the selected range or "".
  set(days, start, end) {
    this.days = days;
    this.selection = start || end ? [start || null, end || null] : null;
    this.render();
  }

  width() {
    return Math.max(100, this.node.clientWidth || this.node.parentNode.clientWidth || 600);
  }

  render() {
    const node = this.node;
    while (node.firstChild) node.removeChild(node.firstChild);
    const w = this.width();
    const h = 70;
    node.setAttribute("viewBox", `0 0 ${w} ${h}`);
    if (!this.days.length) {
      this.range = null;
      this.firstLabel.textContent = this.lastLabel.textContent = "";
      return;
    }
    const first = toDay(this.days[0].date);
    const last = toDay(this.days[this.days.length - 1].date) + DAY;
    const nDays = Math.round((last - first) / DAY);
    const binDays = Math.max(1, Math.ceil(nDays / Math.floor(w / 3)));
    const nBins = Math.ceil(nDays / binDays);
    const bins = new Array(nBins).fill(0);
    for (const d of this.days) bins[Math.floor((toDay(d.date) - first) / DAY / binDays)] += d.events;
    const max = Math.max(...bins);
    const bw = w / nBins;
    this.range = { first, last, w };
    const g = svg("g", { class: "bars" });
    bins.forEach((n, i) => {
      if (!n) return;
      const bh = Math.max(1, ((h - 4) * n) / max);
      const rect = svg("rect", { x: i * bw, y: h - bh, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh });
      const title = svg("title", {});
      const d0 = first + i * binDays * DAY;
      title.textContent = binDays === 1 ? `${toIso(d0)}: ${n}` : `${toIso(d0)} – ${toIso(d0 + (binDays - 1) * DAY)}: ${n}`;
      rect.appendChild(title);
      g.appendChild(rect);
    });
    node.appendChild(g);
    this.firstLabel.textContent = toIso(first);
    this.lastLabel.textContent = toIso(last - DAY);
    if (this.selection) {
      const a = this.selection[0] ? this.x(toDay(this.selection[0])) : 0;
      const b = this.selection[1] ? this.x(toDay(this.selection[1]) + DAY) : w;
      node.appendChild(svg("rect", { class: "brush", x: Math.min(a, b), y: 0, width: Math.max(2, Math.abs(b - a)), height: h }));
    }
    this.brushRect = svg("rect", { class: "brush live", x: 0, y: 0, width: 0, height: h, visibility: "hidden" });
    node.appendChild(this.brushRect);
  }

  x(ms) {
    const { first, last, w } = this.range;
    return ((ms - first) / (last - first)) * w;
  }

  dayAt(px) {
    const { first, last, w } = this.range;
    const ms = first + (Math.max(0, Math.min(w, px)) / w) * (last - first);
    return Math.min(last - DAY, Math.floor((ms - first) / DAY) * DAY + first);
  }

  px(e) {
    const r = this.node.getBoundingClientRect();
    return ((e.clientX - r.left) / r.width) * this.range.w;
  }

  down(e) {
    if (!this.range) return;
    this.drag = { x0: this.px(e) };
    this.node.setPointerCapture(e.pointerId);
  }

  move(e) {
    if (!this.drag) return;
    const x = this.px(e);
    const a = Math.min(x, this.drag.x0);
    this.brushRect.setAttribute("x", a);
    this.brushRect.setAttribute("width", Math.abs(x - this.drag.x0));
    this.brushRect.setAttribute("visibility", "visible");
  }

  up(e) {
    if (!this.drag) return;
    const x0 = this.drag.x0;
    const x1 = this.px(e);
    this.drag = null;
    let d0 = this.dayAt(Math.min(x0, x1));
    let d1 = this.dayAt(Math.max(x0, x1));
    if (Math.abs(x1 - x0) < 3) d1 = d0; // a click picks one day (or bin)
    this.onBrush(toIso(d0), toIso(d1));
  }
}
