"""Headless Chromium for the browser tests: load a page from disk with the network off.

The page under test is copied with a probe script added (the page itself has none) that
measures layout, colours and loaded resources and writes them into the DOM as JSON, which
``--dump-dom`` then prints. Headless Chromium will not make a window narrower than 500 px, so
narrower viewports are an iframe of that width (``srcdoc``, so the probe can report to its parent).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html import escape, unescape
from pathlib import Path
from typing import Any

import pytest

#: Flags for a quiet, offline, throw-away Chromium: no sandbox (containers), no GPU, no QUIC,
#: no first-run, background, update or sync traffic, and every host name unresolvable. Every
#: request goes to a proxy on this machine (by default a closed port), so nothing leaves it.
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
)
NO_PROXY = "http://127.0.0.1:9"
#: Hosts Chromium itself calls whatever the page (account and Google services checks), even with
#: the flags above; through the proxy they go nowhere. A request from the page to any other host counts.
BROWSER_OWN_HOSTS = frozenset({"www.google.com", "accounts.google.com", "clients2.google.com", "redirector.gvt1.com"})

PROBE = r"""<script>
(function () {
  var vw = document.documentElement.clientWidth, over = [], pairs = [];
  document.body.querySelectorAll('*').forEach(function (el) {
    var r = el.getBoundingClientRect();
    if (r.width && (r.right > vw + 0.5 || r.left < -0.5))
      over.push(el.tagName + ': ' + (el.textContent || '').slice(0, 60));
  });
  function background(el) {
    for (; el; el = el.parentElement) {
      var c = getComputedStyle(el).backgroundColor;
      if (c && c !== 'transparent' && c !== 'rgba(0, 0, 0, 0)') return c;
    }
    return 'rgb(255, 255, 255)';
  }
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    var node = walker.currentNode, el = node.parentElement;
    if (!node.textContent.trim() || el.closest('script, title, desc')) continue;
    var svg = el instanceof SVGElement, cs = getComputedStyle(el);
    pairs.push({text: node.textContent.trim().slice(0, 40), color: svg ? cs.fill : cs.color,
                background: background(svg ? el.closest('svg').parentElement : el),
                size: parseFloat(cs.fontSize), weight: parseInt(cs.fontWeight, 10)});
  }
  var out = {innerWidth: innerWidth, clientWidth: vw, scrollWidth: document.documentElement.scrollWidth,
             overflow: over, pairs: pairs, dom: document.documentElement.outerHTML,
             resources: performance.getEntriesByType('resource').map(function (e) { return e.name; })};
  var host = window.parent !== window ? parent.document : document, pre = host.createElement('pre');
  pre.id = 'probe';
  pre.textContent = JSON.stringify(out);
  host.body.appendChild(pre);
})();
</script>"""


def chromium_path() -> str:
    """The Chromium binary; skips the test where there is none, but fails under CI
    (``CROWDSKILLS_REQUIRE_BROWSER=1``, set by ``.ci/run``)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CROWDSKILLS_REQUIRE_BROWSER"):
        pytest.fail("chromium is required here (CROWDSKILLS_REQUIRE_BROWSER is set) but not installed")
    pytest.skip("chromium is not installed (Debian: apt-get install chromium); the browser tests need it")


def run(page: Path, workdir: Path, *args: str, width: int = 1280, height: int = 1000,
        proxy: str = NO_PROXY) -> str:
    """Run headless Chromium on ``page`` with a new empty profile, sending any request to
    ``proxy``; return its standard output."""
    profile = workdir / f"profile-{len(list(workdir.glob('profile-*')))}"
    profile.mkdir(parents=True)
    cmd = [chromium_path(), *FLAGS, f"--proxy-server={proxy}", f"--user-data-dir={profile}",
           f"--window-size={width},{height}",
           *args, page.resolve().as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def framed(html: str, workdir: Path, *, width: int, height: int) -> Path:
    """A page showing ``html`` in an iframe viewport ``width`` px wide, at the top left."""
    page = workdir / f"framed-{width}-{len(list(workdir.glob('framed-*')))}.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>frame</title>'
        "<style>html, body { margin: 0; } iframe { border: 0; display: block; }</style></head><body>"
        f'<iframe title="page" style="width: {width}px; height: {height}px" srcdoc="{escape(html, quote=True)}">'
        "</iframe></body></html>", encoding="utf-8")
    return page


def probe(page: Path, workdir: Path, *, width: int, proxy: str = NO_PROXY) -> tuple[dict[str, Any], str]:
    """Measurements of ``page`` in a viewport ``width`` px wide (``dom`` holds the DOM Chromium built
    from it), and the DOM of the frame around it."""
    html = page.read_text(encoding="utf-8")
    assert html.count("</body>") == 1
    wrapper = framed(html.replace("</body>", PROBE + "</body>"), workdir, width=width, height=800)
    dom = run(wrapper, workdir, "--dump-dom", width=max(width, 500), height=800, proxy=proxy)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.DOTALL)
    assert found, "the probe did not run"
    return json.loads(unescape(found.group(1))), unescape(dom)


def rgb(css: str) -> tuple[float, float, float, float]:
    """A computed CSS colour (``rgb(r, g, b)`` or ``rgba(r, g, b, a)``) as numbers."""
    nums = [float(x) for x in re.findall(r"[\d.]+", css)]
    return nums[0], nums[1], nums[2], nums[3] if len(nums) > 3 else 1.0


def contrast(fg: str, bg: str) -> float:
    """WCAG 2 contrast ratio of two computed CSS colours (the foreground's alpha blended over the background)."""
    f, b = rgb(fg), rgb(bg)
    mixed = [f[i] * f[3] + b[i] * (1 - f[3]) for i in range(3)]

    def luminance(c: list[float] | tuple[float, ...]) -> float:
        lin = [x / 255 / 12.92 if x / 255 <= 0.04045 else ((x / 255 + 0.055) / 1.055) ** 2.4 for x in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    hi, lo = sorted((luminance(mixed), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG, from its IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")
