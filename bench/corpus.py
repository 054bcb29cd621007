"""Generate any number of realistic synthetic Arabic news articles (SPEC §1).

The articles are assembled from the templates in ``bench/templates/`` (written
for this project in the style of Syrian conflict reporting: shelling, air
strikes, clashes, IEDs, arrests, protests, abductions, with real Syrian place
names, actors, numbers and relative dates, page noise around the text, and
about a quarter of articles reporting no event).  No real article text is used.
Deterministic for a given ``--seed``.

    python bench/corpus.py -n 50000 -o bench/out/corpus.jsonl
    python bench/corpus.py -n 20000 -o bench/out/shards/ --shards 8          # JSONL shards
    python bench/corpus.py -n 2000 -o bench/out/warc/ --shards 2 --format warc   # .warc.gz shards
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent / "templates" / "syria_news.yaml"
_SLOT = re.compile(r"\{([a-z_0-9]+)\}")
_ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

#: Share of articles that report no event, and of those that report two.
NO_EVENT_SHARE = 0.25
TWO_EVENT_SHARE = 0.2
#: Target article length in characters (dev-size articles are ~1,000).
TARGET_CHARS = 1000


def load_templates(path: Path = TEMPLATES) -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


class Generator:
    """Deterministic article factory over one template file."""

    def __init__(self, templates: dict, seed: int = 1, start: dt.date = dt.date(2019, 1, 1), days: int = 2200):
        self.t = templates
        self.rng = random.Random(seed)
        self.start = start
        self.days = days
        self.kinds = list(templates["events"])

    # -- slot filling -------------------------------------------------------
    def _slots(self, outlet: dict) -> dict[str, str]:
        r = self.rng
        place, place2 = r.sample(self.t["places"], 2)
        actor, actor2 = r.sample(self.t["actors"]["ground"], 2)
        killed = r.choice([1, 2, 2, 3, 3, 4, 5, 6, 7, 9, 12, 15, 21, 39])
        injured = r.choice([1, 2, 3, 4, 5, 6, 8, 10, 14, 20])
        killed_s, injured_s = str(killed), str(injured)
        if r.random() < 0.3:  # some outlets write Arabic-Indic digits
            killed_s, injured_s = killed_s.translate(_ARABIC_DIGITS), injured_s.translate(_ARABIC_DIGITS)
        words = self.t["number_words"]
        return {
            "place": place["name"],
            "place2": place2["name"],
            "gov": place["gov"],
            "area": place["area"],
            "actor": actor,
            "actor2": actor2,
            "air": r.choice(self.t["actors"]["air"]),
            "artillery": r.choice(self.t["actors"]["artillery"]),
            "sec": r.choice(self.t["actors"]["security"]),
            "target": r.choice(self.t["targets"]),
            "killed": killed_s,
            "killed_words": words[str(min(killed, 7))],
            "injured": injured_s,
            "day": r.choice(self.t["days"]),
            "n": str(r.randint(2, 9)),
            "outlet": outlet["name"],
            "source": r.choice(self.t["sources"]).replace("{outlet}", outlet["name"]),
        }

    def _fill(self, template: str, slots: dict[str, str]) -> str:
        return _SLOT.sub(lambda m: slots.get(m.group(1), m.group(0)), template)

    def _other_title(self, outlet: dict) -> str:
        kind = self.rng.choice(self.kinds)
        return self._fill(self.rng.choice(self.t["events"][kind]["titles"]), self._slots(outlet))

    # -- one article --------------------------------------------------------
    def article(self, number: int) -> dict:
        r = self.rng
        outlet = r.choice(self.t["outlets"])
        published = self.start + dt.timedelta(days=r.randrange(self.days))
        slots = self._slots(outlet)
        paragraphs: list[str] = []
        if r.random() < NO_EVENT_SHARE:
            kind = "none"
            ne = self.t["no_event"]
            title = self._fill(r.choice(ne["titles"]), slots)
            for para in r.sample(ne["paragraphs"], k=len(ne["paragraphs"])):
                if sum(map(len, paragraphs)) >= TARGET_CHARS * 0.85:
                    break
                paragraphs.append(self._fill(para, self._slots(outlet) | {"place": slots["place"]}))
        else:
            kinds = [r.choice(self.kinds)]
            if r.random() < TWO_EVENT_SHARE:
                kinds.append(r.choice(self.kinds))
            kind = "+".join(kinds)
            title = ""
            for i, k in enumerate(kinds):
                tpl = self.t["events"][k]
                s = slots if i == 0 else self._slots(outlet)
                if i == 0:
                    title = self._fill(r.choice(tpl["titles"]), s)
                paragraphs.append(self._fill(r.choice(tpl["lead"]), s))
                for para in r.sample(tpl["body"], k=min(len(tpl["body"]), r.randint(1, 2))):
                    paragraphs.append(self._fill(para, s))
            filler = self.t["no_event"]["paragraphs"]
            for para in r.sample(filler, k=len(filler)):
                if sum(map(len, paragraphs)) >= TARGET_CHARS * 0.85:
                    break
                paragraphs.append(self._fill(para, self._slots(outlet)))
        noise_t = self.t["noise"]
        before = [r.choice(noise_t["before"])] if r.random() < 0.5 else []
        after = [
            self._fill(x, {"other_title": self._other_title(outlet), "outlet": outlet["name"]})
            for x in r.sample(noise_t["after"], k=r.randint(1, 3))
        ]
        text = "\n".join(before + [title] + paragraphs + after)
        return {
            "id": f"bench-{number:08d}",
            "url": f"https://{outlet['domain']}/news/{published:%Y/%m}/{number}",
            "outlet": outlet["domain"],
            "published": published.isoformat(),
            "title": title,
            "text": text,
            "bench_kind": kind,
        }

    def articles(self, n: int) -> Iterator[dict]:
        for i in range(n):
            yield self.article(i)


def _html_page(a: dict) -> str:
    body = "".join(f"<p>{p}</p>" for p in a["text"].split("\n")[1:])
    return (
        '<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f'<title>{a["title"]}</title><meta property="article:published_time" content="{a["published"]}">'
        f"</head><body><nav>الرئيسية | أخبار | سوريا</nav><article><h1>{a['title']}</h1>{body}</article>"
        "<footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def write_jsonl(articles: Iterator[dict], out: io.TextIOBase) -> int:
    n = 0
    for a in articles:
        out.write(json.dumps(a, ensure_ascii=False) + "\n")
        n += 1
    return n


def write_warc(articles: list[dict], path: str) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.endswith(".gz"))
        for a in articles:
            payload = _html_page(a).encode("utf-8")
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(a["url"], "response", payload=io.BytesIO(payload), http_headers=http)
            writer.write_record(rec)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-n", "--articles", type=int, default=1000, help="number of articles")
    p.add_argument("-o", "--output", default="-", help="file, folder (with --shards), or - for stdout")
    p.add_argument("--shards", type=int, default=1, help="split into this many files (output must be a folder)")
    p.add_argument("--format", choices=("jsonl", "warc"), default="jsonl")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--templates", type=Path, default=TEMPLATES)
    args = p.parse_args(argv)
    gen = Generator(load_templates(args.templates), seed=args.seed)
    if args.shards == 1 and args.format == "jsonl":
        if args.output == "-":
            write_jsonl(gen.articles(args.articles), sys.stdout)
        else:
            os.makedirs(os.path.dirname(args.output) or ".", exist_ok=True)
            with open(args.output, "w", encoding="utf-8") as fh:
                write_jsonl(gen.articles(args.articles), fh)
        return 0
    os.makedirs(args.output, exist_ok=True)
    per = -(-args.articles // args.shards)
    it = gen.articles(args.articles)
    for s in range(args.shards):
        batch = [a for _, a in zip(range(per), it)]
        if not batch:
            break
        if args.format == "jsonl":
            with open(os.path.join(args.output, f"shard-{s:04d}.jsonl"), "w", encoding="utf-8") as fh:
                write_jsonl(iter(batch), fh)
        else:
            write_warc(batch, os.path.join(args.output, f"shard-{s:04d}.warc.gz"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
