"""Write N synthetic Markdown job adverts, in the shapes organisations publish, for timing
`openings import`. Deterministic for a given seed, so runs can be compared.

    python bench/generate_adverts.py OUT_DIR [--count 10000] [--seed 1]
"""

import argparse
import random
from datetime import date, timedelta
from pathlib import Path

ROLES = [
    "Research Software Engineer",
    "Data Steward",
    "Community Manager",
    "DevOps Engineer",
    "Postdoctoral Researcher",
    "Product Manager",
    "Technical Writer",
    "Data Scientist",
]
PLACES = [
    "Berlin, Germany",
    "Remote (Europe)",
    "Utrecht, Netherlands",
    "Boston, MA",
    "North America or Western Europe",
    "Nairobi, Kenya",
    "Melbourne, Australia",
]
KINDS = ["full-time", "part-time", "fixed-term", "full-time"]
PARAGRAPH = (
    "You will work with researchers and engineers to build and run open infrastructure. "
    "We value clear writing, careful reviews and kindness. "
)  # fmt: skip


def post(number: int, rng: random.Random) -> tuple[str, str]:
    """A dated Jekyll post with front matter and one opening."""
    posted = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
    deadline = posted + timedelta(days=rng.randrange(14, 60))
    role = rng.choice(ROLES)
    name = f"{posted.isoformat()}-advert-{number}.md"
    text = f"""---
title: "We're hiring: {role}"
date: {posted.isoformat()}
company: Organisation {number % 500}
location: {rng.choice(PLACES)}
tags: [jobs, {role.split()[0].lower()}]
---

Organisation {number % 500} is looking for a {role} ({rng.choice(KINDS)}).

{PARAGRAPH * rng.randrange(3, 12)}

### To apply

Please send your CV to jobs{number % 500}@example.org by {deadline.strftime("%d %B %Y")}.
"""
    return name, text


def jobs_page(number: int, rng: random.Random) -> tuple[str, str]:
    """A jobs page listing three openings under anchored headings."""
    roles = rng.sample(ROLES, 3)
    index = "\n".join(f"- [{role}](#job{i})" for i, role in enumerate(roles))
    sections = "\n\n".join(
        f'# <a name="job{i}"></a>{role}\n\n{PARAGRAPH * rng.randrange(2, 8)}\n\n'
        f"This is a remote position. Closing date: {rng.randrange(1, 28)}/"
        f"0{rng.randrange(1, 9)}/2027.\n\n"
        f"### To apply\n\nApply through [the application form](https://example.org/apply/{number}/{i})."
        for i, role in enumerate(roles)
    )
    text = (
        f"---\ntitle: Organisation {number % 500} - Job opportunities\n---\n{index}\n\n{sections}\n"
    )
    return f"jobs-{number}.md", text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    args.out.mkdir(parents=True, exist_ok=True)
    for number in range(args.count):
        name, text = (jobs_page if number % 10 == 0 else post)(number, rng)
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.count} adverts to {args.out}")


if __name__ == "__main__":
    main()
