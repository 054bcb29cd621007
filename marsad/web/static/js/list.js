// The event list: the events of the current map view, newest first, kept in step
// with the map (same data, same selection).

import { clear, el } from "./dom.js";
import { getLang, label, t, typeIndex, typeLabel } from "./i18n.js";

const PAGE = 100;

export function placeName(it) {
  return getLang() === "ar" ? it.name_ar || it.name_en || "" : it.name_en || it.name_ar || "";
}

export class EventList {
  constructor(node, moreButton, scopeNode, { onSelect, onClearScope, onHover }) {
    this.node = node;
    this.more = moreButton;
    this.scopeNode = scopeNode;
    this.onSelect = onSelect;
    this.onClearScope = onClearScope;
    this.items = [];
    this.shown = 0;
    this.selected = null;
    moreButton.addEventListener("click", () => this.renderMore());
    node.addEventListener("mouseover", (e) => {
      const btn = e.target.closest("button[data-id]");
      onHover(btn ? Number(btn.dataset.id) : null);
    });
    node.addEventListener("mouseleave", () => onHover(null));
    node.addEventListener("click", (e) => {
      const btn = e.target.closest("button[data-id]");
      if (btn) this.onSelect(Number(btn.dataset.id));
    });
  }

  set(items, scopeText = "") {
    this.items = items;
    this.shown = 0;
    clear(this.node);
    clear(this.scopeNode);
    if (scopeText) {
      this.scopeNode.append(el("span", { text: scopeText }), " ",
        el("button", { type: "button", class: "link", text: t("showAll"), onclick: () => this.onClearScope() }));
    }
    if (!items.length) {
      this.node.append(el("li", { class: "empty", text: t("noEvents") }));
      this.more.hidden = true;
      return;
    }
    this.renderMore();
  }

  renderMore() {
    const end = Math.min(this.items.length, this.shown + PAGE);
    const frag = document.createDocumentFragment();
    for (const it of this.items.slice(this.shown, end)) frag.append(this.row(it));
    this.node.append(frag);
    this.shown = end;
    this.more.hidden = this.shown >= this.items.length;
  }

  row(it) {
    const precision = it.geo_precision === 3 ? t("govOnly") : it.geo_precision === 2 ? `~ ${t("near")}` : "";
    const place = [placeName(it), it.admin1 ? label("admin1", it.admin1) : ""].filter(Boolean).join(t("sep"));
    const actors = [it.actor1, it.actor2].filter(Boolean).map((a) => label("actor", a)).join(" → ");
    return el("li", { class: it.id === this.selected ? "sel" : null },
      el("button", { type: "button", dataset: { id: String(it.id) } },
        el("span", { class: `key t${typeIndex(it.event_type)}` }),
        el("span", { class: "date", text: it.event_date || t("noDate") }),
        el("span", { class: "what", text: typeLabel(it.sub_event_type) }),
        el("span", { class: "where", text: place }),
        precision ? el("span", { class: "prec", text: precision }) : null,
        it.fatalities ? el("span", { class: "dead", text: `${it.fatalities} ${t("killed")}` }) : null,
        actors ? el("span", { class: "actors", text: actors }) : null,
        it.sources ? el("span", { class: "nsrc", text: t("nSources", it.sources) }) : null));
  }

  select(id) {
    this.selected = id;
    for (const li of this.node.querySelectorAll("li.sel")) li.classList.remove("sel");
    const btn = id === null ? null : this.node.querySelector(`button[data-id="${Number(id)}"]`);
    if (btn) {
      btn.parentNode.classList.add("sel");
      btn.scrollIntoView({ block: "nearest" });
    }
  }
}
