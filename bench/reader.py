"""Benchmark: what a reader on a slow phone connection downloads and waits for.

It serves the built site (``_build/html``, or ``--site``) on 127.0.0.1 as a
host would: text files gzip-compressed (level 6) and ``Cache-Control:
max-age=600`` (GitHub Pages' header). Debian's Chromium, driven by Playwright,
visits pages on an emulated slow connection (Chrome DevTools'
``Network.emulateNetworkConditions``: 400 ms round trips, 400 kbit/s down and
up). For each edition it prints, for a first visit (empty cache) to a drug page,
the home page and the overview of all trials: the bytes transferred (compressed,
with headers, as Chromium counts them), the requests, the first contentful paint
and the load time; then, with the drug page in the cache, a second page of the
same edition (bytes and requests). With ``brotli`` installed it also prints the
brotli size of what each first visit downloaded. ``make bench-reader`` runs it::

    python bench/reader.py --site _build/html --editions en ja
"""

from __future__ import annotations

import argparse
import functools
import gzip
import sys
import threading
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "extensions"))
from editions.known import EDITIONS as KNOWN_EDITIONS  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
EDITIONS = tuple(KNOWN_EDITIONS)  # extensions/editions/known.py
# What a first visit opens, and the page opened next with a warm cache.
FIRST = {
    "drug page": "drugs/approved/riluzole.html",
    "home page": "index.html",
    "all trials": "drugs/all-trials.html",
}
SECOND = "drugs/approved/tofersen.html"
# 400 ms round trips, 400 kbit/s each way (50,000 bytes a second).
SLOW = {
    "offline": False,
    "latency": 400,
    "downloadThroughput": 50_000,
    "uploadThroughput": 50_000,
}
_TEXT = (".html", ".css", ".js", ".svg", ".json", ".txt", ".csv", ".xml")

try:  # optional: only to report what a brotli-serving host would send
    import brotli  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - not a dependency
    brotli = None


class _GzipHandler(SimpleHTTPRequestHandler):
    """Serve files gzip-compressed (level 6) when the browser accepts it."""

    def log_message(self, *args) -> None:
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.suffix in _TEXT and path.is_file()):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(0))
        self.end_headers()
        self.wfile.write(body)


def serve(root: Path) -> tuple[ThreadingHTTPServer, str]:
    """Serve *root* on a free port of 127.0.0.1 in a thread; return it and its URL."""
    server = ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(root))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


@dataclass
class Visit:
    bytes: int
    requests: int
    fcp_ms: float
    load_ms: float
    brotli_bytes: int | None = None


def _visit(tab, cdp, url: str, root: Path, base: str) -> Visit:
    """Open *url* in *tab* and count what came over the network."""
    finished: dict[str, int] = {}
    urls: dict[str, str] = {}
    cached: set[str] = set()
    cdp.on(
        "Network.requestWillBeSent",
        lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]),
    )
    cdp.on("Network.requestServedFromCache", lambda e: cached.add(e["requestId"]))
    cdp.on(
        "Network.responseReceived",
        lambda e: (
            cached.add(e["requestId"])
            if e["response"].get("fromDiskCache")
            or e["response"].get("fromPrefetchCache")
            else None
        ),
    )
    cdp.on(
        "Network.loadingFinished",
        lambda e: finished.__setitem__(e["requestId"], int(e["encodedDataLength"])),
    )
    tab.goto(url, wait_until="load")
    tab.wait_for_timeout(300)
    timing = tab.evaluate(
        """() => {
        const paint = performance.getEntriesByName('first-contentful-paint')[0];
        const nav = performance.getEntriesByType('navigation')[0];
        return [paint ? paint.startTime : -1, nav ? nav.loadEventEnd : -1];
    }"""
    )
    network = {
        rid: size
        for rid, size in finished.items()
        if rid not in cached and not urls.get(rid, "").startswith("data:")
    }
    brotli_bytes = None
    if brotli is not None:
        brotli_bytes = 0
        for rid in network:
            local = urls.get(rid, "").removeprefix(base).split("?")[0].split("#")[0]
            path = root / local.lstrip("/")
            if path.is_dir():
                path = path / "index.html"
            if path.is_file():
                data = path.read_bytes()
                brotli_bytes += len(
                    brotli.compress(data) if path.suffix in _TEXT else data
                )
    return Visit(sum(network.values()), len(network), *timing, brotli_bytes)


def measure(root: Path, editions: list[str]) -> dict[str, dict[str, Visit]]:
    """Every first visit and second page of each edition, on the slow connection."""
    from playwright.sync_api import sync_playwright

    server, base = serve(root)
    results: dict[str, dict[str, Visit]] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS
            )
            for lang in editions:
                results[lang] = {}
                for label, page in FIRST.items():
                    context = browser.new_context(
                        viewport={"width": 375, "height": 740}, is_mobile=True
                    )
                    tab = context.new_page()
                    cdp = context.new_cdp_session(tab)
                    cdp.send("Network.enable")
                    cdp.send("Network.emulateNetworkConditions", SLOW)
                    url = f"{base}/{lang}/{page}"
                    results[lang][label] = _visit(tab, cdp, url, root, base)
                    if label == "drug page":
                        # A new CDP session so only the second page is counted.
                        second = context.new_cdp_session(tab)
                        second.send("Network.enable")
                        second.send("Network.emulateNetworkConditions", SLOW)
                        cdp.detach()
                        url = f"{base}/{lang}/{SECOND}"
                        results[lang]["second page"] = _visit(
                            tab, second, url, root, base
                        )
                    context.close()
            browser.close()
    finally:
        server.shutdown()
    return results


def table(results: dict[str, dict[str, Visit]]) -> str:
    """The figures as a Markdown table, one row per edition and page."""
    with_brotli = brotli is not None
    head = "| Edition | Visit | KB (gzip) | Requests | First paint | Load |"
    rule = "| --- | --- | ---: | ---: | ---: | ---: |"
    if with_brotli:
        head += " KB (brotli) |"
        rule += " ---: |"
    rows = [head, rule]
    for lang, visits in results.items():
        for label, visit in visits.items():
            fcp = f"{visit.fcp_ms / 1000:.1f} s" if visit.fcp_ms >= 0 else "-"
            load = f"{visit.load_ms / 1000:.1f} s" if visit.load_ms >= 0 else "-"
            if label == "second page":
                fcp = load = "(cached)"
            row = (
                f"| {lang} | {label} | {visit.bytes / 1000:.1f} | {visit.requests}"
                f" | {fcp} | {load} |"
            )
            if with_brotli:
                row += f" {(visit.brotli_bytes or 0) / 1000:.1f} |"
            rows.append(row)
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "_build" / "html")
    parser.add_argument("--editions", nargs="+", default=list(EDITIONS))
    args = parser.parse_args(argv)
    missing = [lang for lang in args.editions if not (args.site / lang).is_dir()]
    if missing:
        print(
            f"bench-reader: no built edition {', '.join(missing)} in {args.site};"
            " run `make html` first",
            file=sys.stderr,
        )
        return 2
    print(
        "400 ms round trips, 400 kbit/s; KB = 1,000 bytes over the network"
        " (compressed, with headers)"
        + ("" if brotli else "; brotli: module not installed, not measured")
    )
    print(table(measure(args.site, args.editions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
