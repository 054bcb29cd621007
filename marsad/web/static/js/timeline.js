// The timeline: a histogram of events per day (binned to fit the width) with a
// count axis and date ticks, that can be brushed with the mouse or a finger to
// choose a date range; quick ranges (the last 24 h, 7 d, 30 d of data, all) and a
// playback that steps a window through the whole span.

const SVG = "http://www.w3.org/2000/svg";
const DAY = 86400000;
const H = 84; // svg height: counts label on top, bars, date ticks at the bottom
const TOP = 13;
const BASE = 68; // bars stand on this line
const FRAMES = 24; // playback steps through the span in about this many windows
const FRAME_MS = 900;

function svg(tag, attrs, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

const toDay = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toIso = (ms) => new Date(ms).toISOString().slice(0, 10);

// Date ticks for [first, last) fitting `w` pixels: years, months or days.
function ticks(first, last, w) {
  const out = [];
  const span = (last - first) / DAY;
  const room = Math.max(1, Math.floor(w / 70)); // at most one label per 70 px
  const d = new Date(first);
  if (span > 3 * 365) {
    const every = Math.max(1, Math.ceil(span / 365 / room));
    for (let y = d.getUTCFullYear() + 1; Date.UTC(y, 0, 1) < last; y += 1) {
      if (y % every === 0) out.push([Date.UTC(y, 0, 1), String(y)]);
    }
  } else if (span > 60) {
    const every = [1, 2, 3, 6, 12].find((m) => span / 30.4 / m <= room) || 12;
    for (let m = d.getUTCMonth() + 1, y = d.getUTCFullYear(); Date.UTC(y, m, 1) < last; m += 1) {
      const t = Date.UTC(y, m, 1);
      const md = new Date(t);
      if (md.getUTCMonth() % every === 0) out.push([t, toIso(t).slice(0, 7)]);
    }
  } else {
    const every = Math.max(1, Math.ceil(span / room));
    for (let t = first + DAY; t < last; t += DAY) {
      if (Math.round((t - first) / DAY) % every === 0) out.push([t, toIso(t).slice(5)]);
    }
  }
  return out;
}

export class Timeline {
  constructor(svgNode, { onBrush, onClear, firstLabel, lastLabel, summary, playButton, rangeButtons, text }) {
    this.node = svgNode;
    this.onBrush = onBrush;
    this.onClear = onClear;
    this.firstLabel = firstLabel;
    this.lastLabel = lastLabel;
    this.summary = summary;
    this.playButton = playButton;
    this.rangeButtons = rangeButtons;
    this.text = text; // (key, ...args) => interface string
    this.days = [];
    this.range = null;
    this.selection = null;
    this.drag = null;
    this.timer = null;
    svgNode.addEventListener("pointerdown", (e) => this.down(e));
    svgNode.addEventListener("pointermove", (e) => this.move(e));
    svgNode.addEventListener("pointerup", (e) => this.up(e));
    svgNode.addEventListener("pointercancel", () => (this.drag = null));
    window.addEventListener("resize", () => this.render());
    for (const b of rangeButtons) b.addEventListener("click", () => this.quick(b.dataset.range));
    playButton.addEventListener("click", () => (this.timer ? this.stop() : this.play()));
  }

  // days: [{date, events}] (all dates, for the filters other than the date range);
  // start/end: the selected range or "".
  set(days, start, end) {
    this.days = days;
    this.selection = start || end ? [start || null, end || null] : null;
    this.render();
    this.markRange();
  }

  // Press the quick-range button that matches the selected dates, if one does.
  markRange() {
    const span = this.span();
    for (const b of this.rangeButtons) {
      let on = false;
      if (b.dataset.range === "all") on = !this.selection;
      else if (span && this.selection && this.selection[1] === toIso(span[1])) {
        on = this.selection[0] === toIso(Math.max(span[0], span[1] - (Number(b.dataset.range) - 1) * DAY));
      }
      b.setAttribute("aria-pressed", String(on));
    }
  }

  width() {
    return Math.max(100, this.node.clientWidth || this.node.parentNode.clientWidth || 600);
  }

  // The last day with events, and the first.
  span() {
    if (!this.days.length) return null;
    return [toDay(this.days[0].date), toDay(this.days[this.days.length - 1].date)];
  }

  // Quick range: the last `n` days of data ("1": the latest day, i.e. 24 h), or all.
  quick(n) {
    this.stop();
    const span = this.span();
    if (n === "all" || !span) {
      this.onClear();
      return;
    }
    const last = span[1];
    this.onBrush(toIso(Math.max(span[0], last - (Number(n) - 1) * DAY)), toIso(last));
  }

  play() {
    const span = this.span();
    if (!span) return;
    const nDays = Math.round((span[1] - span[0]) / DAY) + 1;
    const step = Math.max(1, Math.ceil(nDays / FRAMES));
    let i = 0;
    const frame = () => {
      const a = span[0] + i * step * DAY;
      if (a > span[1]) {
        this.stop();
        return;
      }
      this.onBrush(toIso(a), toIso(Math.min(span[1], a + (step - 1) * DAY)));
      i += 1;
    };
    this.playButton.setAttribute("aria-pressed", "true");
    this.playButton.textContent = this.text("stop");
    frame();
    this.timer = setInterval(frame, FRAME_MS);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.playButton.setAttribute("aria-pressed", "false");
    this.playButton.textContent = this.text("play");
  }

  render() {
    const node = this.node;
    while (node.firstChild) node.removeChild(node.firstChild);
    const w = this.width();
    node.setAttribute("viewBox", `0 0 ${w} ${H}`);
    const total = this.days.reduce((sum, d) => sum + d.events, 0);
    if (!this.days.length) {
      this.range = null;
      this.firstLabel.textContent = this.lastLabel.textContent = this.summary.textContent = "";
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
    node.appendChild(svg("line", { class: "base", x1: 0, y1: BASE + 0.5, x2: w, y2: BASE + 0.5 }));
    node.appendChild(svg("line", { class: "grid", x1: 0, y1: TOP + 0.5, x2: w, y2: TOP + 0.5 }));
    node.appendChild(svg("text", { class: "ymax", x: 2, y: TOP - 3 },
      this.text(binDays === 1 ? "perDayMax" : "perBinMax", max, binDays)));
    const g = svg("g", { class: "bars" });
    bins.forEach((n, i) => {
      if (!n) return;
      const bh = Math.max(1, ((BASE - TOP) * n) / max);
      const rect = svg("rect", { x: i * bw, y: BASE - bh, width: Math.max(1, bw - (bw > 3 ? 1 : 0)), height: bh });
      const d0 = first + i * binDays * DAY;
      const title = svg("title", {},
        binDays === 1 ? `${toIso(d0)}: ${n}` : `${toIso(d0)} – ${toIso(d0 + (binDays - 1) * DAY)}: ${n}`);
      rect.appendChild(title);
      g.appendChild(rect);
    });
    node.appendChild(g);
    const axis = svg("g", { class: "ticks" });
    for (const [t, label] of ticks(first, last, w)) {
      const x = this.x(t);
      axis.appendChild(svg("line", { x1: x, y1: BASE, x2: x, y2: BASE + 4 }));
      if (x > 20 && x < w - 20) axis.appendChild(svg("text", { x, y: H - 3, "text-anchor": "middle" }, label));
    }
    node.appendChild(axis);
    this.firstLabel.textContent = toIso(first);
    this.lastLabel.textContent = toIso(last - DAY);
    this.summary.textContent = this.text("tlSummary", total);
    if (this.selection) {
      const a = this.selection[0] ? this.x(toDay(this.selection[0])) : 0;
      const b = this.selection[1] ? this.x(toDay(this.selection[1]) + DAY) : w;
      node.appendChild(svg("rect", { class: "brush", x: Math.min(a, b), y: 0, width: Math.max(2, Math.abs(b - a)), height: BASE }));
    }
    this.brushRect = svg("rect", { class: "brush live", x: 0, y: 0, width: 0, height: BASE, visibility: "hidden" });
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
    this.stop();
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
    const d0 = this.dayAt(Math.min(x0, x1));
    let d1 = this.dayAt(Math.max(x0, x1));
    if (Math.abs(x1 - x0) < 3) d1 = d0; // a click picks one day (or bin)
    this.onBrush(toIso(d0), toIso(d1));
  }
}
