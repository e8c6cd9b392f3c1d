import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[3] / "extensions"))
import search_quality

extensions = ["myst_parser", "search_quality"]
language = "ar"
html_search_scorer = str(
    Path(search_quality.__file__).parent / "static" / "kb-search-scorer.js"
)
# Words the editions extension translates (extensions/editions/interface.py).
project = html_title = "ALS/MND Knowledge Base"
author = "The ALS/MND knowledge base volunteers"
