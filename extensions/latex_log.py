"""Read a LaTeX log for the problems that make a printed book wrong.

``make pdf`` runs it after LaTeX, so these problems fail the build like
warnings do in HTML::

    python extensions/latex_log.py _build/latex/en/als-mnd-knowledge-base-en.log

It reports, with the log's line number:

- characters missing from the fonts (XeLaTeX prints a blank instead);
- a language without its hyphenation patterns (polyglossia then sets the
  book with no hyphenation, and says so only as a warning: install the
  ``texlive-lang-<language>`` package);
- references or citations left undefined after the last run;
- boxes wider than the page by more than ``--max-overfull`` points (3 by
  default), that is, text running off the page.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_OVERFULL = re.compile(r"^Overfull \\hbox \((\d+(?:\.\d+)?)pt too wide\)(.*)$")
_MISSING = re.compile(r"^Missing character: There is no (.+?) in font (.+?)!")
_NO_PATTERNS = re.compile(
    r"Package polyglossia Warning: No hyphenation patterns were loaded for `([^']+)'"
)
_UNDEFINED = re.compile(r"LaTeX Warning: (Reference|Citation) `([^']+)' .*undefined")


@dataclass(frozen=True)
class LogProblem:
    line: int
    message: str


def problems(log: str, max_overfull: float = 3.0) -> list[LogProblem]:
    """The problems in the text of a LaTeX log.

    >>> problems("Overfull \\\\hbox (12.5pt too wide) in paragraph at lines 3--4")
    [LogProblem(line=1, message='text runs 12.5pt off the page (in paragraph at lines 3--4 of the .tex)')]
    """
    found = []
    for number, line in enumerate(log.splitlines(), start=1):
        if match := _OVERFULL.match(line):
            width = float(match.group(1))
            if width > max_overfull:
                where = match.group(2).strip()
                found.append(
                    LogProblem(
                        number,
                        f"text runs {width}pt off the page ({where} of the .tex)",
                    )
                )
        elif match := _MISSING.match(line):
            found.append(
                LogProblem(
                    number,
                    f"the font {match.group(2)} has no {match.group(1)}:"
                    " install the font package the README names",
                )
            )
        elif match := _NO_PATTERNS.search(line):
            found.append(
                LogProblem(
                    number,
                    f"no hyphenation patterns for {match.group(1)}:"
                    " install the texlive-lang package the README names",
                )
            )
        elif match := _UNDEFINED.search(line):
            found.append(
                LogProblem(
                    number, f"{match.group(1).lower()} {match.group(2)} is undefined"
                )
            )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("log", type=Path)
    parser.add_argument("--max-overfull", type=float, default=3.0)
    args = parser.parse_args(argv)
    text = args.log.read_text(encoding="utf-8", errors="replace")
    found = problems(text, args.max_overfull)
    for problem in found:
        print(f"{args.log}:{problem.line}: {problem.message}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
