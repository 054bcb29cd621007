// The event panel: what happened, where and when (with honest precision), the
// English summary, the Arabic evidence right-to-left with the event, actor and
// place words marked, and the sources.  Every piece of text is set as text.

import { getJson } from "./api.js";
import { clear, el, safeHttpUrl } from "./dom.js";
import { getLang, label, t, typeLabel } from "./i18n.js";

function field(name, ...value) {
  return el("div", { class: "field" }, el("dt", { text: name }), el("dd", {}, ...value));
}

// The evidence as text nodes and <mark> elements, from offsets sent by the API.
export function markedEvidence(text, spans) {
  const block = el("blockquote", { class: "evidence", dir: "rtl", lang: "ar" });
  let pos = 0;
  for (const s of spans || []) {
    if (s.start < pos || s.end > text.length || s.end <= s.start) continue;
    if (s.start > pos) block.append(document.createTextNode(text.slice(pos, s.start)));
    block.append(el("mark", { class: `hl-${s.kind}`, text: text.slice(s.start, s.end) }));
    pos = s.end;
  }
  if (pos < text.length) block.append(document.createTextNode(text.slice(pos)));
  return block;
}

// One source: its title as a link (Arabic titles isolated with <bdi> so the outlet
// and date beside them do not run into them), then outlet and date, each isolated.
function sourceItem(s) {
  const href = safeHttpUrl(s.url);
  const title = s.title || s.outlet || s.url || "";
  const head = href
    ? el("a", { href, target: "_blank", rel: "noopener noreferrer nofollow", dir: "auto", text: title })
    : el("bdi", { text: title });
  const meta = [s.outlet, s.published].filter(Boolean);
  return el("li", {}, head,
    ...meta.flatMap((m) => [el("span", { class: "dot", text: " · " }), el("bdi", { class: "meta", text: m })]),
    href ? el("div", {}, el("small", { class: "url", dir: "ltr", text: href })) : null,
    !href && s.url ? el("small", { class: "unsafe", text: ` ${t("unsafeLink")}` }) : null);
}

export class EventPanel {
  constructor(node, { onClose }) {
    this.node = node;
    this.onClose = onClose;
    this.current = null;
    this.event = null;
  }

  async open(id) {
    this.current = id;
    this.node.hidden = false;
    clear(this.node).append(el("p", { text: t("loading") }));
    try {
      const e = await getJson(`events/${Number(id)}`, null, "panel");
      if (this.current !== id) return;
      this.event = e;
      this.render();
    } catch (err) {
      if (err.name === "AbortError") return;
      clear(this.node).append(el("p", { class: "error", text: err.message }));
    }
  }

  close() {
    this.current = null;
    this.event = null;
    this.node.hidden = true;
    clear(this.node);
  }

  render() {
    const e = this.event;
    if (!e) return;
    const loc = e.location;
    const ar = getLang() === "ar";
    const place = ar ? loc.name_ar || loc.name_en : loc.name_en || loc.name_ar;
    const admin = [...new Set([loc.admin2 ? label("admin2", loc.admin2) : "", loc.admin1 ? label("admin1", loc.admin1) : ""])]
      .filter((x) => x && x !== place).join(t("sep"));
    const actors = [e.actor1, e.actor2].filter(Boolean).map((a) => label("actor", a)).join(" → ");
    const closeBtn = el("button", { type: "button", class: "close", "aria-label": t("close"), text: "×",
      onclick: () => this.onClose() });
    const names = t("versionNames");
    const versions = Object.entries(e.versions || {}).map(([k, v]) => `${names[k] || k} ${v}`).join(t("sep"));
    clear(this.node).append(
      closeBtn,
      el("h2", {}, el("span", { class: "type", text: typeLabel(e.sub_event_type) }),
        el("small", { text: ` ${typeLabel(e.event_type)}` })),
      el("dl", {},
        field(t("date"), e.event_date || t("noDate"), " ",
          el("span", { class: `prec dp${e.date_precision}`, text: `(${t("datePrecision")[e.date_precision] || ""})` })),
        field(t("place"), el("span", { dir: "auto", text: place || t("unknown") }), admin ? `${t("sep")}${admin}` : "", " ",
          el("span", { class: `prec gp${loc.geo_precision}`, text: `(${t("geoPrecision")[loc.geo_precision] || ""})` }),
          loc.lat === null || loc.lat === undefined ? el("small", { text: ` ${t("noCoords")}` }) : null),
        field(t("actors"), actors || t("unknown")),
        field(t("fatalities"), String(e.fatalities)),
        e.injured !== null && e.injured !== undefined ? field(t("injured"), String(e.injured)) : null),
      el("h3", { text: t("summary") }),
      el("p", { class: "summary", lang: "en", dir: "ltr", text: e.summary_en || "" }),
      el("h3", { text: t("evidence") }),
      markedEvidence(e.evidence || "", e.highlights),
      el("p", { class: "hl-key" },
        el("mark", { class: "hl-event", text: t("hlEvent") }), " ",
        el("mark", { class: "hl-actor", text: t("hlActor") }), " ",
        el("mark", { class: "hl-place", text: t("hlPlace") })),
      el("h3", { text: `${t("sources")} (${(e.sources || []).length})` }),
      el("ul", { class: "sources" }, ...(e.sources || []).map(sourceItem)),
      versions ? el("p", { class: "versions" }, el("small", { text: `${t("versions")}: ${versions}` })) : null,
    );
  }
}
