#!/usr/bin/env python3
"""Checks a run's report.html in headless Chromium, as a reader's browser shows it.

    check_report.py REPORT.html [--width 800]     exit 0 when the page passes, 1 with the reasons when not
    check_report.py --self-test                   the checks fail on pages made to fail them, pass on a good one

The page is loaded at an 800 px wide mobile viewport (so the viewport meta tag decides the layout width),
and fails on: any console error, uncaught exception or browser log error; a figure (<img>) that did not
load; a page wider than the window (sideways scrolling); a table whose right edge lies beyond the window;
a layout width other than the window's (no viewport meta). It drives Chromium through the DevTools
protocol over a pipe (--remote-debugging-pipe), with the standard library alone.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MEASURE = r"""(() => {
  const width = document.documentElement.clientWidth;
  const tables = [...document.querySelectorAll('table')].map((t, i) => {
    const r = t.getBoundingClientRect();
    return {index: i, right: Math.round(r.right), width: Math.round(r.width)};
  });
  const images = [...document.images].map(img => ({alt: img.alt.slice(0, 80), loaded: img.complete && img.naturalWidth > 0}));
  return JSON.stringify({
    innerWidth: window.innerWidth, clientWidth: width, scrollWidth: document.documentElement.scrollWidth,
    tables, images, viewportMeta: !!document.querySelector('meta[name=viewport]'),
  });
})()"""


def find_chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium driven over --remote-debugging-pipe (fd 3: commands in, fd 4: replies out, NUL-separated JSON)."""

    def __init__(self, chromium, timeout=60):
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        self._profile = tempfile.mkdtemp(prefix="flatlab-chromium-")

        def wire():
            # The child's fd 3 and 4, whatever numbers the pipes got (moved out of the way first).
            r, w = os.dup(to_child_r), os.dup(from_child_w)
            os.dup2(r, 3)
            os.dup2(w, 4)

        args = [chromium, "--headless=new", "--remote-debugging-pipe", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--mute-audio",
                f"--user-data-dir={self._profile}", "about:blank"]
        # close_fds=False: the child's fds 3 and 4 are made in wire(), after which subprocess would close them.
        # (Python's own descriptors are close-on-exec, so nothing else leaks into Chromium.)
        self._process = subprocess.Popen(args, preexec_fn=wire, close_fds=False,
                                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self._timeout = timeout
        self.events = []

    def send(self, method, params=None, session=None):
        self._next += 1
        message = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                return self.events.pop(i)
        while True:
            event = self._read()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def _read(self):
        import select
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._from_child], [], [], self._timeout)
            if not ready:
                raise TimeoutError(f"Chromium did not answer within {self._timeout} s")
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the pipe (did it start? try running it by hand)")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        os.close(self._to_child)
        os.close(self._from_child)
        shutil.rmtree(self._profile, ignore_errors=True)


def check(browser, page, width):
    """The reasons the page fails (empty when it passes)."""
    target = browser.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = browser.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log"):
        browser.send(f"{domain}.enable", session=session)
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": True}, session=session)
    browser.events.clear()
    browser.send("Page.navigate", {"url": Path(page).resolve().as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    value = browser.send("Runtime.evaluate", {"expression": MEASURE, "returnByValue": True}, session=session)
    m = json.loads(value["result"]["value"])
    browser.send("Target.closeTarget", {"targetId": target})

    problems = []
    for event in browser.events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            problems.append(f"console error: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            problems.append(f"uncaught exception: {details.get('exception', {}).get('description', details.get('text'))}")
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
            problems.append(f"browser error: {params['entry'].get('text')} {params['entry'].get('url', '')}".strip())
    if not m["viewportMeta"] or m["innerWidth"] != width:
        problems.append(f"layout width {m['innerWidth']} px at a {width} px window: no viewport meta tag")
    if m["scrollWidth"] > m["clientWidth"]:
        problems.append(f"the page is {m['scrollWidth']} px wide at a {m['clientWidth']} px window (sideways scrolling)")
    for t in m["tables"]:
        if t["right"] > m["clientWidth"]:
            problems.append(f"table {t['index'] + 1} overflows: its right edge at {t['right']} px, window {m['clientWidth']} px")
    for img in m["images"]:
        if not img["loaded"]:
            problems.append(f"figure did not load: {img['alt']!r}")
    return problems, m


def self_test(browser, width):
    """Each bad page fails for its reason; the good page passes."""
    head = '<meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    svg = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0naHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmcnIHdpZHRoPScxMCcgaGVpZ2h0PScxMCcvPg=="
    cells = "".join(f"<td>{'x' * 12}{i}</td>" for i in range(40))
    pages = {  # name: (head, body, the problem it must raise; None: it must pass)
        "good": (head, f'<p>ok</p><img alt="fig" src="{svg}"><table><tr><td>1</td></tr></table>', None),
        "console": (head, "<script>console.error('boom')</script>", "console error: boom"),
        "exception": (head, "<script>null.x()</script>", "uncaught exception"),
        "figure": (head, '<img alt="missing" src="no-such-figure.svg">', "figure did not load"),
        "wide table": (head, f"<table><tr>{cells}</tr></table>", "table 1 overflows"),
        "no viewport": ('<meta charset="utf-8">', "<p>text</p>", "no viewport meta tag"),
    }
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, (page_head, body, expected) in pages.items():
            path = Path(tmp) / (name.replace(" ", "-") + ".html")
            path.write_text(f"<!DOCTYPE html><html><head>{page_head}</head><body>{body}</body></html>", encoding="utf-8")
            problems, _ = check(browser, path, width)
            if expected is None and problems:
                failures.append(f"{name}: expected to pass, got {problems}")
            elif expected is not None and not any(expected in p for p in problems):
                failures.append(f"{name}: expected a problem containing {expected!r}, got {problems}")
            else:
                print(f"check_report self-test: {name}: {'passes' if expected is None else 'fails as it should'}")
    return failures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", help="the report.html to check")
    parser.add_argument("--width", type=int, default=800, help="the window width in CSS pixels (default 800)")
    parser.add_argument("--self-test", action="store_true", help="check the checks on pages made to fail them")
    args = parser.parse_args()
    if not args.self_test and not args.report:
        parser.error("give REPORT.html or --self-test")
    chromium = find_chromium()
    if chromium is None:
        print("check_report: chromium is not installed (scripts/setup.sh installs Debian's chromium)", file=sys.stderr)
        return 2
    browser = Browser(chromium)
    try:
        if args.self_test:
            failures = self_test(browser, args.width)
            for f in failures:
                print(f"check_report self-test: FAILED: {f}", file=sys.stderr)
            return 1 if failures else 0
        if not Path(args.report).is_file():
            print(f"check_report: {args.report}: no such file", file=sys.stderr)
            return 2
        problems, m = check(browser, args.report, args.width)
    finally:
        browser.close()
    for p in problems:
        print(f"check_report: {args.report}: {p}", file=sys.stderr)
    if not problems:
        print(f"check_report: {args.report}: no console errors, {len(m['images'])} figures loaded, "
              f"{len(m['tables'])} tables within {m['clientWidth']} px, page {m['scrollWidth']} px wide")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
