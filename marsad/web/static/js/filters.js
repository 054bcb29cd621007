// The filter panel: a plain form kept in step with the filter state.

import { clear, debounce, el } from "./dom.js";
import { EVENT_TYPES, SUB_TYPES, label, t, typeIndex, typeLabel } from "./i18n.js";

export class FilterPanel {
  constructor(form, { onChange, onBboxToggle }) {
    this.form = form;
    this.onChange = onChange;
    this.facets = null;
    this.filters = null;
    this.typeBox = form.querySelector("#types");
    const fire = () => this.onChange(this.read());
    const slow = debounce(fire, 350);
    form.addEventListener("change", (e) => {
      if (e.target.name === "bbox_on") onBboxToggle(e.target.checked);
      else if (e.target.name !== "q") fire();
    });
    form.q.addEventListener("input", slow);
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      fire();
    });
    form.addEventListener("reset", (e) => {
      e.preventDefault();
      this.onChange(null);
    });
  }

  setFacets(facets) {
    this.facets = facets;
  }

  // Rebuild the controls for the current language and `filters`.
  render(filters) {
    this.filters = filters;
    const f = this.form;
    clear(this.typeBox).append(el("legend", { text: t("eventType") }));
    const counts = Object.fromEntries(((this.facets || {}).event_type || []).map((x) => [x.value, x.count]));
    for (const type of EVENT_TYPES) {
      this.typeBox.append(el("label", { class: "check" },
        el("input", { type: "checkbox", name: "event_type", value: type, checked: filters.event_type.includes(type) }),
        el("span", { class: `key t${typeIndex(type)}` }),
        ` ${typeLabel(type)}`,
        counts[type] ? el("small", { text: ` (${counts[type]})` }) : null));
    }
    const subs = (filters.event_type.length ? filters.event_type : EVENT_TYPES).flatMap((x) => SUB_TYPES[x]);
    this.fillSelect(f.sub_event_type, subs.map((s) => [s, typeLabel(s)]), filters.sub_event_type);
    const actors = ((this.facets || {}).actor || []).map((a) => [a.value, `${label("actor", a.value)} (${a.count})`]);
    this.fillSelect(f.actor, actors, filters.actor);
    const gov = ((this.facets || {}).admin1 || []).map((a) => [a.value, `${label("admin1", a.value)} (${a.count})`]);
    gov.sort((a, b) => a[1].localeCompare(b[1]));
    this.fillSelect(f.admin1, gov, filters.admin1);
    const dist = ((this.facets || {}).admin2 || [])
      .filter((a) => !filters.admin1 || a.admin1 === filters.admin1)
      .map((a) => [a.value, `${label("admin2", a.value)} (${a.count})`]);
    dist.sort((a, b) => a[1].localeCompare(b[1]));
    this.fillSelect(f.admin2, dist, filters.admin2);
    f.start.value = filters.start;
    f.end.value = filters.end;
    if (document.activeElement !== f.q) f.q.value = filters.q;
    f.min_fatalities.value = filters.min_fatalities;
    f.bbox_on.checked = Boolean(filters.bbox);
  }

  fillSelect(select, options, value) {
    clear(select).append(el("option", { value: "", text: t("any") }));
    let found = false;
    for (const [v, text] of options) {
      select.append(el("option", { value: v, text, selected: v === value }));
      found = found || v === value;
    }
    if (value && !found) select.append(el("option", { value, text: value, selected: true }));
  }

  read() {
    const f = this.form;
    return {
      ...this.filters,
      q: f.q.value.trim(),
      start: f.start.value,
      end: f.end.value,
      event_type: [...f.querySelectorAll("input[name=event_type]:checked")].map((x) => x.value),
      sub_event_type: f.sub_event_type.value,
      actor: f.actor.value,
      admin1: f.admin1.value,
      admin2: f.admin1.value && f.admin2.value && this.districtIn(f.admin2.value, f.admin1.value) ? f.admin2.value : (f.admin1.value ? "" : f.admin2.value),
      min_fatalities: f.min_fatalities.value,
    };
  }

  districtIn(district, governorate) {
    return ((this.facets || {}).admin2 || []).some((a) => a.value === district && a.admin1 === governorate);
  }
}
