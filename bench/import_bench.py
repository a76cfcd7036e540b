"""Time a full import of N generated documents in the seed's aggregator format.

    python bench/import_bench.py 1000 20000                 # SQLite (a fresh file)
    python bench/import_bench.py --postgres 1000 20000      # PostgreSQL (a fresh database)
    python bench/import_bench.py --dir /tmp/kremlin-pages   # real pages instead of generated
    python bench/import_bench.py --html-from /tmp/kremlin-html 2000  # saved web pages

Each run imports into an empty database in a child process and reports documents per second
and the child's peak resident memory.
"""

import argparse
import datetime
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST = [
    "Ilham",
    "Mikhail",
    "Roman",
    "Abdulla",
    "Sergey",
    "Wang",
    "Antony",
    "Olaf",
    "Emmanuel",
    "Recep",
    "Narendra",
    "Shavkat",
    "Kassym",
    "Alexander",
    "Nikol",
    "Viktor",
    "Giorgia",
    "Pedro",
    "Luiz",
    "Cyril",
    "Fumio",
    "Yoon",
    "Anwar",
    "Joko",
    "Li",
    "Pham",
    "Hun",
    "Ali",
]
LAST = [
    "Aliyev",
    "Mishustin",
    "Golovchenko",
    "Aripov",
    "Lavrov",
    "Yi",
    "Blinken",
    "Scholz",
    "Macron",
    "Erdogan",
    "Modi",
    "Mirziyoyev",
    "Tokayev",
    "Lukashenko",
    "Pashinyan",
    "Orban",
    "Meloni",
    "Sanchez",
    "Lula",
    "Ramaphosa",
    "Kishida",
    "Suk-yeol",
    "Ibrahim",
    "Widodo",
    "Qiang",
    "Chinh",
    "Manet",
    "Khamenei",
    "Vucic",
    "Dodon",
    "Jeenbekov",
]
COUNTRIES = [
    "Azerbaijan",
    "Belarus",
    "Uzbekistan",
    "China",
    "France",
    "Germany",
    "Turkey",
    "India",
    "Kazakhstan",
    "Armenia",
    "Hungary",
    "Italy",
    "Spain",
    "Brazil",
    "South Africa",
    "Japan",
    "Malaysia",
    "Indonesia",
    "Vietnam",
    "Cambodia",
    "Iran",
    "Serbia",
    "Moldova",
    "Kyrgyzstan",
    "Egypt",
    "Mongolia",
    "Cuba",
    "Laos",
]
ROLES = ["President", "Prime Minister", "Foreign Minister", "Deputy Prime Minister"]
WORDS = (
    "cooperation trade partnership energy transport agriculture investment relations "
    "agreement development friendship dialogue region security economy culture "
    "education projects growth commission interaction mutual important strategic"
).split()


def sentence(rng):
    words = rng.choices(WORDS, k=rng.randint(8, 20))
    return " ".join(words).capitalize() + "."


def document(rng, n):
    host = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    guests = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(rng.randint(1, 2))]
    country = rng.choice(COUNTRIES)
    role = rng.choice(ROLES)
    date = datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000))
    title = f"{host} meets with {role} of {country} {guests[0]} ({n})"
    speakers = [host, *guests]
    turns = []
    for _ in range(rng.randint(2, 8)):
        who = rng.choice(speakers)
        paragraphs = [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 5))
        ]
        turns.append(f"{who}: " + "\n\n".join(paragraphs))
    head = (
        f"There were 1,423 press releases posted in the last 24 hours and 466,562 in the last "
        f"365 days.\n\n{title}\n\n{title}\n\nRUSSIA, {date:%B} {date.day} - {title}\n\n"
        f"{date.day} {date:%B %Y}\n\n{title}\n\n"
    )
    return head + "\n\n".join(turns) + "\n"


def generate(directory, count, seed=1):
    rng = random.Random(seed)
    for n in range(count):
        (directory / f"doc-{n:06d}.txt").write_text(document(rng, n), encoding="utf-8")


def copy_pages(source, directory, count):
    """count saved web pages made from those in source, each its own page: the copies get
    another URL and title, so that none is the same record as another."""
    pages = sorted(Path(source).glob("*.htm*"))
    if not pages:
        raise SystemExit(f"{source}: no .html pages")
    for n in range(count):
        html = pages[n % len(pages)].read_text(encoding="utf-8")
        html = re.sub(r'(og:url" content="[^"]+)"', rf'\1-{n}"', html)
        html = re.sub(r"(<h1[^>]*>)", rf"\1Copy {n}: ", html, count=1)
        # Another year, so that no copy is the same meeting as another (they would merge).
        shift = n // len(pages)
        html = re.sub(
            r'datetime="(\d{4})',
            lambda m, shift=shift: f'datetime="{int(m.group(1)) + shift}',
            html,
        )
        (directory / f"page-{n:06d}.html").write_text(html, encoding="utf-8")


def run_import(source, env, label):
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "manage.py", "import_meetings", str(source), "--no-progress"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    summary = (result.stdout.strip().splitlines() or [""])[0]
    docs = sum(1 for p in Path(source).rglob("*") if p.suffix in (".txt", ".html", ".htm"))
    print(
        f"{label:<38} {docs:>6} docs  {elapsed:7.1f} s  {docs / elapsed:7.0f} docs/s  "
        f"peak RSS {max(peak, before) / 1024:5.0f} MB  | {summary}"
    )
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--postgres", action="store_true", help="Use PostgreSQL on 127.0.0.1.")
    parser.add_argument("--dir", help="Import this directory of real documents instead.")
    parser.add_argument(
        "--html-from",
        help="Import SIZES web pages made from the saved pages (.html) of this directory.",
    )
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-bench-"))
    try:
        runs = [(Path(args.dir), f"real documents in {args.dir}")] if args.dir else []
        for size in args.sizes if not args.dir else []:
            folder = work / f"docs-{size}"
            folder.mkdir()
            if args.html_from:
                copy_pages(args.html_from, folder, size)
                runs.append((folder, f"{size} saved web pages"))
            else:
                generate(folder, size)
                runs.append((folder, f"{size} generated documents"))
        for n, (folder, label) in enumerate(runs):
            env = dict(os.environ)
            if args.postgres:
                name = f"import_bench_{os.getpid()}_{n}"
                subprocess.run(
                    ["psql", "-h", "127.0.0.1", "-U", "postgres", "-qc", f"CREATE DATABASE {name}"],
                    check=True,
                )
                env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{name}"
                label += " (PostgreSQL)"
            else:
                env["DATABASE_URL"] = f"sqlite:///{work}/bench-{n}.sqlite3"
                label += " (SQLite)"
            try:
                run_import(folder, env, label)
            finally:
                if args.postgres:
                    subprocess.run(
                        [
                            "psql",
                            "-h",
                            "127.0.0.1",
                            "-U",
                            "postgres",
                            "-qc",
                            f"DROP DATABASE IF EXISTS {name}",
                        ],
                        check=False,
                    )
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
