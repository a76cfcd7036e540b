"""Measure who the archive says took part and which countries it says took part, on real
pages: import them into a fresh SQLite archive and score the dry run and the export.

    python bench/people_bench.py /tmp/kremlin-pages [more folders] \
        [--scorers ../shared] [--keep /tmp/people.sqlite3]

The scorers (score_import.py, score_identity.py) are read from --scorers when they are
there; without them the script reports the archive's own figures only: people, people whose
name the importer would now refuse, names built on words of events, organisations or regions
(a check independent of the importer's rules), possible duplicates, the import's speed.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Words of events, organisations and regions that no person's name holds, chosen apart from
# the importer's own lists, so that this check does not only repeat them.
NOT_NAMES = re.compile(
    r"\b(?:Day|Days|Year|Cooperation|Region|Territory|Oblast|Republic|Forum|Company|Agency|"
    r"Worker|Workers|Policy|Rights|War|Summit|Council|Committee|Ministry|Museum|Festival|"
    r"Championship|Championships|Olympics|Games|Parade|Square|Station|Plant|Fleet|Airport|"
    r"University|Institute|Corporation|Bank|Fund|Programme|Project|Treaty|Agreement|"
    r"Conference|Congress|Exhibition|Anniversary|Holiday|Cup|League|Club|Team)\b"
)


def run(args, env, **kwargs):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=False, text=True, **kwargs
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+")
    parser.add_argument("--scorers", default=str(ROOT.parent / "shared"))
    parser.add_argument("--keep", help="Keep the archive at this SQLite path.")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="people-bench-"))
    database = Path(options.keep) if options.keep else work / "archive.sqlite3"
    database.unlink(missing_ok=True)
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}", "DJANGO_DEBUG": "0"}
    env.pop("DJANGO_STATIC_STORAGE", None)
    env["DJANGO_STATIC_STORAGE"] = "plain"
    scorers = Path(options.scorers)
    score_import = scorers / "score_import.py"
    score_identity = scorers / "score_identity.py"

    dry = work / "dry.jsonl"
    with dry.open("w") as out:
        run(
            ["import_meetings", *options.folders, "--dry-run", "--format", "json", "--no-progress"],
            env,
            stdout=out,
            stderr=subprocess.DEVNULL,
        )
    run(["migrate", "-v0"], env)
    started = time.perf_counter()
    run(["import_meetings", *options.folders, "--no-progress"], env, capture_output=True)
    seconds = time.perf_counter() - started
    export = work / "export.jsonl"
    with export.open("w") as out:
        run(["export_meetings", "--no-original"], env, stdout=out)

    records = [json.loads(line) for line in export.open()]
    print(f"imported {len(records)} meetings in {seconds:.1f} s")
    for folder in options.folders:
        if score_import.exists() and list(Path(folder).glob("*.gold.json")):
            for label, path in (("dry run", dry), ("export", export)):
                result = subprocess.run(
                    [sys.executable, score_import, folder, path, "--ignore-country", "RU"],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                print(f"{folder} ({label}): {result.stdout.strip().splitlines()[-1]}")
    if score_identity.exists():
        golds = [f for f in options.folders if list(Path(f).glob("*.gold.json"))]
        if golds:
            result = subprocess.run(
                [sys.executable, score_identity, export, *golds],
                capture_output=True,
                text=True,
                check=False,
            )
            print(result.stdout.strip())

    shell = run(["shell", "-c", PEOPLE_REPORT], env, capture_output=True)
    people = json.loads(shell.stdout.strip().splitlines()[-1])
    print(f"people: {people['people']}")
    print(f"people whose name the importer would now refuse: {people['refused']}")
    suspicious = [n for n in people["names"] if NOT_NAMES.search(n)]
    print(f"names built on words of events, organisations or regions: {len(suspicious)}")
    for name in suspicious[:20]:
        print(f"  {name}")
    print(
        f"possible duplicates: {people['certain']} certain, {people['possible']} possible "
        "(admin › People › Possible duplicates)"
    )


PEOPLE_REPORT = """
import json
from meetings.importers.names import person_name
from meetings.models import Person
names = list(Person.objects.values_list("name", flat=True))
pairs = Person.objects.possible_duplicates()
print(json.dumps({
    "people": len(names),
    "refused": sum(1 for n in names if not person_name(n, role="Mr")),
    "names": names,
    "certain": sum(1 for p in pairs if p[2] == "certain"),
    "possible": sum(1 for p in pairs if p[2] == "possible"),
}))
"""


if __name__ == "__main__":
    main()
