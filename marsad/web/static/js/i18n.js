// Interface strings in English and Arabic, and the labels of the ACLED taxonomy.

export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

export const SUB_TYPES = {
  "Battles": ["Armed clash", "Government regains territory", "Non-state actor overtakes territory"],
  "Explosions/Remote violence": ["Chemical weapon", "Air/drone strike", "Suicide bomb",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Grenade"],
  "Violence against civilians": ["Sexual violence", "Attack", "Abduction/forced disappearance"],
  "Protests": ["Peaceful protest", "Protest with intervention", "Excessive force against protesters"],
  "Riots": ["Violent demonstration", "Mob violence"],
  "Strategic developments": ["Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other"],
};

const TYPE_AR = {
  "Battles": "معارك",
  "Explosions/Remote violence": "انفجارات / عنف عن بعد",
  "Violence against civilians": "عنف ضد المدنيين",
  "Protests": "احتجاجات",
  "Riots": "أعمال شغب",
  "Strategic developments": "تطورات استراتيجية",
  "Armed clash": "اشتباك مسلح",
  "Government regains territory": "استعادة الحكومة لمنطقة",
  "Non-state actor overtakes territory": "سيطرة جهة غير حكومية على منطقة",
  "Chemical weapon": "سلاح كيميائي",
  "Air/drone strike": "غارة جوية / بطائرة مسيّرة",
  "Suicide bomb": "تفجير انتحاري",
  "Shelling/artillery/missile attack": "قصف مدفعي / صاروخي",
  "Remote explosive/landmine/IED": "عبوة ناسفة / لغم",
  "Grenade": "قنبلة يدوية",
  "Sexual violence": "عنف جنسي",
  "Attack": "اعتداء",
  "Abduction/forced disappearance": "خطف / إخفاء قسري",
  "Peaceful protest": "احتجاج سلمي",
  "Protest with intervention": "احتجاج مع تدخل",
  "Excessive force against protesters": "قوة مفرطة ضد المحتجين",
  "Violent demonstration": "مظاهرة عنيفة",
  "Mob violence": "عنف جماعي",
  "Agreement": "اتفاق",
  "Arrests": "اعتقالات",
  "Change to group/activity": "تغيير في جماعة أو نشاطها",
  "Disrupted weapons use": "إحباط استخدام أسلحة",
  "Headquarters or base established": "إنشاء مقر أو قاعدة",
  "Looting/property destruction": "نهب / تدمير ممتلكات",
  "Non-violent transfer of territory": "انتقال منطقة دون قتال",
  "Other": "أخرى",
};

const STRINGS = {
  en: {
    otherLang: "العربية", filters: "Filters", search: "Search (Arabic or English)", from: "From", to: "To",
    eventType: "Event type", subType: "Sub-type", actor: "Actor", governorate: "Governorate", district: "District",
    minFatalities: "Fatalities at least", limitToView: "Only this map area", reset: "Clear filters", any: "Any",
    legend: "Legend", legendExact: "exact place", legendNear: "near a place or in an area (halo)",
    legendGov: "governorate only (shaded)", timeline: "Events per day: drag, or pick a range", allDates: "All dates",
    eventsInView: "Events in view", showMore: "Show more", exportCsv: "CSV", exportGeojson: "GeoJSON", apiDocs: "API",
    counts: (n, k, shown) => `${n.toLocaleString("en")} events, ${k.toLocaleString("en")} killed` + (shown < n ? ` (map shows ${shown.toLocaleString("en")})` : ""),
    noEvents: "No event matches these filters.", loading: "Loading…", loadError: "Could not load the events: ",
    close: "Close", summary: "Summary", evidence: "Arabic evidence", sources: "Sources", date: "Date", place: "Place",
    actors: "Actors", fatalities: "Killed", injured: "Injured", unknown: "unknown", versions: "Produced with",
    datePrecision: { 1: "exact day", 2: "approximate: that week", 3: "approximate: that month" },
    geoPrecision: { 1: "the place itself", 2: "approximate: near the place or somewhere in the area around it",
      3: "approximate: only the governorate is known" },
    noDate: "no date", noCoords: "no coordinates", unsafeLink: "(link not shown: not an http(s) address)",
    near: "near", govOnly: "governorate only", clusterTitle: (n) => `${n} events: click to zoom in`,
    govEvents: (n, name) => `${n} events located only to ${name}`, scopeCluster: (n) => `${n} events at one spot`, scopeGov: (name) => `governorate-only events: ${name}`,
    showAll: "show all", hlPlace: "place", hlActor: "actor", hlEvent: "event words", killed: "killed",
    osm: "OpenStreetMap (online)", sep: ", ", outlines: "Governorates and districts (offline)",
    feed: "Feed", viewMap: "Map", viewList: "Events", viewFilters: "Filters", legendSize: "size: killed (0, 3, 20+)",
    range1: "24 h", range7: "7 d", range30: "30 d", rangeAll: "All", play: "▶ Play", stop: "■ Stop",
    rangeTitle: "the last days of the data", perDayMax: (n) => `${n} per day at most`,
    perBinMax: (n, d) => `${n} per ${d} days at most`, tlSummary: (n) => `${n.toLocaleString("en")} dated events`,
    weekly: "Events and deaths per week", noDated: "no dated event",
    weeklyMax: (n, k, per) => `bars: up to ${n} events, line: up to ${k} killed per ${per === 1 ? "week" : per + " weeks"}`,
    nSources: (n) => (n === 1 ? "1 source" : `${n} sources`),
    versionNames: { lexicon: "lexicon", gazetteer: "gazetteer", extractor: "extractor" },
  },
  ar: {
    otherLang: "English", filters: "التصفية", search: "بحث (بالعربية أو الإنجليزية)", from: "من", to: "إلى",
    eventType: "نوع الحدث", subType: "النوع الفرعي", actor: "الطرف", governorate: "المحافظة", district: "المنطقة",
    minFatalities: "عدد القتلى على الأقل", limitToView: "هذه المنطقة من الخريطة فقط", reset: "مسح التصفية", any: "الكل",
    legend: "دليل الرموز", legendExact: "المكان بالضبط", legendNear: "قرب مكان / جزء من منطقة (هالة)",
    legendGov: "المحافظة فقط (تظليل)", timeline: "الأحداث في كل يوم: اسحب أو اختر مدة", allDates: "كل التواريخ",
    eventsInView: "الأحداث الظاهرة", showMore: "المزيد", exportCsv: "CSV", exportGeojson: "GeoJSON", apiDocs: "واجهة البرمجة",
    counts: (n, k, shown) => `${n.toLocaleString("ar")} حدثاً، ${k.toLocaleString("ar")} قتيلاً` + (shown < n ? ` (على الخريطة ${shown.toLocaleString("ar")})` : ""),
    noEvents: "لا أحداث تطابق هذه التصفية.", loading: "جارٍ التحميل…", loadError: "تعذر تحميل الأحداث: ",
    close: "إغلاق", summary: "الملخص", evidence: "النص العربي", sources: "المصادر", date: "التاريخ", place: "المكان",
    actors: "الأطراف", fatalities: "القتلى", injured: "الجرحى", unknown: "غير معروف", versions: "أُنتج بـ",
    datePrecision: { 1: "اليوم بالضبط", 2: "تقريبي: ذلك الأسبوع", 3: "تقريبي: ذلك الشهر" },
    geoPrecision: { 1: "المكان نفسه", 2: "تقريبي: قرب المكان أو في المنطقة المحيطة به", 3: "تقريبي: المحافظة فقط" },
    noDate: "بلا تاريخ", noCoords: "بلا إحداثيات", unsafeLink: "(لم يُعرض الرابط: ليس عنوان http(s))",
    near: "قرب", govOnly: "المحافظة فقط", clusterTitle: (n) => `${n} أحداث: انقر للتكبير`,
    govEvents: (n, name) => `${n} أحداث معروفة على مستوى محافظة ${name} فقط`, scopeCluster: (n) => `${n} أحداث في موضع واحد`, scopeGov: (name) => `أحداث المحافظة فقط: ${name}`,
    showAll: "عرض الكل", hlPlace: "المكان", hlActor: "الطرف", hlEvent: "كلمات الحدث", killed: "قتيل",
    osm: "خريطة OpenStreetMap (عبر الإنترنت)", sep: "، ", outlines: "المحافظات والمناطق (دون إنترنت)",
    feed: "خلاصة", viewMap: "الخريطة", viewList: "الأحداث", viewFilters: "التصفية", legendSize: "الحجم: عدد القتلى (0، 3، 20+)",
    range1: "24 ساعة", range7: "7 أيام", range30: "30 يوماً", rangeAll: "الكل", play: "▶ تشغيل", stop: "■ إيقاف",
    rangeTitle: "آخر أيام البيانات", perDayMax: (n) => `${n.toLocaleString("ar")} في اليوم كحد أقصى`,
    perBinMax: (n, d) => `${n.toLocaleString("ar")} لكل ${d.toLocaleString("ar")} أيام كحد أقصى`,
    tlSummary: (n) => `${n.toLocaleString("ar")} حدثاً مؤرخاً`,
    weekly: "الأحداث والقتلى في كل أسبوع", noDated: "لا أحداث مؤرخة",
    weeklyMax: (n, k, per) => `الأعمدة: حتى ${n.toLocaleString("ar")} حدثاً، الخط: حتى ${k.toLocaleString("ar")} قتيلاً في ${per === 1 ? "الأسبوع" : per.toLocaleString("ar") + " أسابيع"}`,
    nSources: (n) => (n === 1 ? "مصدر واحد" : `${n.toLocaleString("ar")} مصادر`),
    versionNames: { lexicon: "المعجم", gazetteer: "المعجم الجغرافي", extractor: "المستخرِج" },
  },
};

let lang = "en";
let labels = { actor: {}, admin1: {}, admin2: {} };

export function setLang(value) {
  lang = value === "ar" ? "ar" : "en";
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === "ar" ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) {
    const s = STRINGS[lang][node.dataset.i18n];
    if (typeof s === "string") node.textContent = s;
  }
}

export function getLang() {
  return lang;
}

export function t(key, ...args) {
  const s = STRINGS[lang][key] ?? STRINGS.en[key] ?? key;
  return typeof s === "function" ? s(...args) : s;
}

export function setLabels(value) {
  labels = value || labels;
}

export function typeLabel(name) {
  return lang === "ar" ? TYPE_AR[name] || name : name;
}

// Actor ids, governorates and districts in the interface language.
export function label(kind, value) {
  if (value === null || value === undefined || value === "") return t("unknown");
  const entry = (labels[kind] || {})[value];
  return entry ? entry[lang] || entry.en || value : value;
}

export function typeIndex(name) {
  const i = EVENT_TYPES.indexOf(name);
  return i < 0 ? 5 : i;
}
