"""Write the gazetteer index shipped with the package.

    .venv/bin/python scripts/build_geo_index.py [--check]

Builds the gazetteer from ``marsad/data/gazetteer/`` (without any user data)
and writes ``marsad/data/gazetteer/index.bin``, which ``load_gazetteer()``
reads instead of parsing the CSVs when its digest matches the current data
files and build code.  Run it after editing any gazetteer data file or
``marsad/geo/gazetteer.py``/``names.py`` (``tests/geo/test_index.py`` fails
until you do).  ``--check`` only says whether the index is up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from marsad.geo import gazetteer as gz  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="exit 1 if the index is missing or stale")
    args = ap.parse_args(argv)
    path = gz.data_path("gazetteer", gz.INDEX_FILE)
    if args.check:
        ok = gz._load_index() is not None
        print(f"{path}: {'up to date' if ok else 'missing or stale'}")
        return 0 if ok else 1
    g = gz.build_gazetteer(user_dir=False)
    data = gz.index_bytes(g)
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    print(f"wrote {path} ({len(data) / 1e6:.1f} MB, {len(g)} places, digest {gz.index_digest()[:12]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
