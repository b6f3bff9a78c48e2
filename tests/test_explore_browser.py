"""The graph view, link previews and the feed in headless Chromium, on the built notes/ site:
nodes are drawn (WebGL, and the 2D fallback), a click opens a node's page, previews show on
hover, focus and tap, and the feed parses. A 5,000-node global graph is timed."""

from __future__ import annotations

import json
import math
import shutil
import struct
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest

from papernotes.explore.layout import layout
from tests.browser import launch, require_chromium, serve
from tests.ci import import_playwright
from tests.test_explore import atom
from tests.test_site_build import REPO, build_site

pytestmark = pytest.mark.browser

require_chromium()

playwright_api = import_playwright(allow_module_level=True)

NO_WEBGL = """
const original = HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
  return /webgl/.test(kind) ? null : original.call(this, kind, ...rest);
};
"""


def coloured_pixels(png: bytes) -> int:
    """Pixels of a PNG screenshot with a clear colour (nodes), not white, grey or black (page,
    edges, text). A small PNG reader: 8-bit RGB or RGBA, as Chromium writes them."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    position, chunks, header = 8, [], b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        data = png[position + 8:position + 8 + length]
        if kind == b"IHDR":
            header = data
        elif kind == b"IDAT":
            chunks.append(data)
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    size = 4 if colour == 6 else 3
    raw = zlib.decompress(b"".join(chunks))
    stride = width * size
    previous = bytearray(stride)
    count = 0
    for row in range(height):
        kind, line = raw[row * (stride + 1)], bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                guess = left + up - corner
                best = min((abs(guess - left), 0, left), (abs(guess - up), 1, up), (abs(guess - corner), 2, corner))
                line[i] = (line[i] + best[2]) & 255
        for i in range(0, stride, size):
            r, g, b = line[i], line[i + 1], line[i + 2]
            count += max(r, g, b) - min(r, g, b) > 60
        previous = line
    return count


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(REPO / "notes", tmp_path_factory.mktemp("explore-browser") / "site")


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        chromium = launch(p)
        yield chromium
        chromium.close()


def _watch(page):  # type: ignore[no-untyped-def]
    page.requests, page.errors = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    return page


def _offline_and_clean(page) -> None:  # type: ignore[no-untyped-def]
    outside = [url for url in page.requests if urlparse(url).hostname not in ("127.0.0.1", None)
               and not url.startswith("data:")]
    assert outside == [] and page.errors == []


@pytest.fixture()
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    page = _watch(context.new_page())
    yield page
    _offline_and_clean(page)
    context.close()


@pytest.fixture()
def page_2d(browser):  # type: ignore[no-untyped-def]
    """A browser where WebGL is unavailable (as on some locked-down machines)."""
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    context.add_init_script(NO_WEBGL)
    page = _watch(context.new_page())
    yield page
    _offline_and_clean(page)
    context.close()


def open_graph(page, url: str, selector: str = "#pn-graph-global") -> None:  # type: ignore[no-untyped-def]
    page.goto(url)
    page.locator(selector).scroll_into_view_if_needed()
    page.wait_for_selector(f"{selector}[data-ready]", timeout=30_000)


def lone_node(page, selector: str = "#pn-graph-global") -> dict[str, object]:  # type: ignore[no-untyped-def]
    """A paper node on screen whose nearest other node is farthest: a click lands on it alone."""
    return page.evaluate("""(selector) => {
      const container = document.querySelector(selector), view = container.pnGraph;
      const box = container.querySelector('.pn-graph-canvas').getBoundingClientRect();
      const count = view.nodes.length, spots = [];
      for (let i = 0; i < count; i++) spots.push(view.renderer.screen(i));
      let best = null, room = -1;
      for (let i = 0; i < count; i++) {
        const node = view.nodes[i], p = spots[i];
        if (node.kind !== 'paper' || node.url === null || node.url.includes('#')) continue;
        if (p.left < box.left + 30 || p.left > box.right - 30) continue;
        if (p.top < box.top + 30 || p.top > box.bottom - 30) continue;
        let nearest = Infinity;
        for (let j = 0; j < count; j++) {
          if (j !== i) nearest = Math.min(nearest, Math.hypot(spots[j].left - p.left, spots[j].top - p.top));
        }
        if (nearest > room) {
          room = nearest;
          best = {x: p.left, y: p.top, url: node.url, label: node.label, room: nearest};
        }
      }
      return best;
    }""", selector)


@pytest.mark.parametrize("renderer", ["webgl", "2d"])
def test_global_graph_draws_nodes(renderer: str, page, page_2d, base_url: str) -> None:  # type: ignore[no-untyped-def]
    tab = page if renderer == "webgl" else page_2d
    open_graph(tab, base_url + "graph/?graph-renderer=webgl" if renderer == "webgl" else base_url + "graph/")
    assert tab.get_attribute("#pn-graph-global", "data-renderer") == renderer
    assert coloured_pixels(tab.locator("#pn-graph-global .pn-graph-canvas").screenshot()) > 500


@pytest.mark.parametrize("renderer", ["webgl", "2d"])
def test_hovering_a_node_previews_it_and_clicking_opens_its_page(renderer: str, page, page_2d,  # type: ignore[no-untyped-def]
                                                                 base_url: str) -> None:
    tab = page if renderer == "webgl" else page_2d
    open_graph(tab, base_url + "graph/?graph-renderer=webgl" if renderer == "webgl" else base_url + "graph/")
    assert tab.get_attribute("#pn-graph-global", "data-renderer") == renderer
    node = lone_node(tab)
    assert node is not None and node["room"] > 8
    tab.mouse.move(node["x"], node["y"])
    tab.wait_for_selector(".pn-popover:not([hidden])")
    assert tab.inner_text(".pn-popover-title") == node["label"]
    tab.mouse.click(node["x"], node["y"])
    tab.wait_for_url(lambda url: unquote(url).endswith(unquote(str(node["url"]))))
    tab.go_back()
    tab.wait_for_url(lambda url: "/graph/" in url)


def test_search_focuses_a_node_and_filters_hide_nodes(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_graph(page, base_url + "graph/")
    page.fill(".pn-graph-search", "Latte")
    page.click(".pn-graph-results button")
    assert page.evaluate("() => document.querySelector('#pn-graph-global').pnGraph.nodes["
                         "document.querySelector('#pn-graph-global').pnGraph.active].label").startswith("Latte")
    visible = "() => { const v = document.querySelector('#pn-graph-global').pnGraph; " \
              "return v.nodes.filter((n, i) => !v.style(i).hidden).length }"
    before = page.evaluate(visible)
    page.locator(".pn-graph-kinds label", has_text="topics").locator("input").uncheck()
    assert 0 < page.evaluate(visible) < before


def test_local_graph_on_a_note_page_switches_between_one_and_two_hops(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    open_graph(page, base_url + "Diffusion/DDPM/", ".pn-local-graph")
    assert coloured_pixels(page.locator(".pn-local-graph .pn-graph-canvas").screenshot()) > 100
    visible = "() => { const v = document.querySelector('.pn-local-graph').pnGraph; " \
              "return v.nodes.filter((n, i) => !v.style(i).hidden).length }"
    two = page.evaluate(visible)
    page.select_option(".pn-local-graph select", "1")
    assert 1 < page.evaluate(visible) < two


def test_hovering_or_focusing_a_link_shows_its_preview(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(base_url + "Diffusion/DDPM/")
    link = page.locator(".md-content a", has_text="Classifier-Free Diffusion Guidance").first
    link.hover()
    page.wait_for_selector(".pn-popover:not([hidden])")
    assert page.inner_text(".pn-popover-title") == "Classifier-Free Diffusion Guidance"
    assert "2021" in page.inner_text(".pn-popover-meta")
    page.keyboard.press("Escape")
    page.wait_for_selector(".pn-popover", state="hidden")
    link.focus()
    page.wait_for_selector(".pn-popover:not([hidden])")
    assert link.get_attribute("aria-describedby") == "pn-popover"


def test_on_a_phone_a_tap_previews_and_a_second_tap_follows(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 800}, has_touch=True, is_mobile=True)
    page = _watch(context.new_page())
    page.goto(base_url + "Diffusion/DDPM/")
    link = page.locator(".md-content a", has_text="Classifier-Free Diffusion Guidance").first
    link.scroll_into_view_if_needed()
    link.tap()
    page.wait_for_selector(".pn-popover:not([hidden])")
    assert page.url == base_url + "Diffusion/DDPM/"
    link.tap()
    page.wait_for_url(lambda url: "Classifier" in unquote(url))
    page.go_back()
    page.wait_for_url(base_url + "Diffusion/DDPM/")
    _offline_and_clean(page)
    context.close()


def test_the_feed_parses_and_every_page_links_it(page, base_url: str) -> None:  # type: ignore[no-untyped-def]
    for path in ("", "graph/", "Diffusion/DDPM/"):
        page.goto(base_url + path)
        href = page.evaluate("() => document.querySelector('link[rel=alternate][type=\"application/atom+xml\"]').href")
        assert href == base_url + "feed.xml"
    with urllib.request.urlopen(base_url + "feed.xml", timeout=10) as response:
        feed = atom(response.read().decode("utf-8"))
    assert len(feed.findall("{http://www.w3.org/2005/Atom}entry")) > 5


def synthetic_global(nodes: int) -> dict[str, object]:
    """A global graph file of `nodes` nodes, three edges each, laid out as the build does."""
    edges = sorted({(min(i, j), max(i, j)) for i in range(nodes) for j in ((i * 7 + 1) % nodes,
                   (i * 13 + 5) % nodes, (i + 1) % nodes) if i != j})
    clusters = [i % 40 for i in range(nodes)]
    positions = layout(clusters, edges)
    return {"v": 1, "kinds": ["paper", "note", "topic", "queue", "author", "venue"],
            "statuses": ["", "read", "reading", "to-read"], "topicNames": [f"topic {i}" for i in range(40)],
            "label": [f"Paper number {i} on a topic" for i in range(nodes)], "kind": [i % 3 == 0 for i in range(nodes)],
            "url": ["Diffusion/DDPM/" for i in range(nodes)], "xy": [v for p in positions for v in p],
            "year": [2000 + i % 25 for i in range(nodes)], "status": [i % 4 for i in range(nodes)],
            "topics": [[i % 40] for i in range(nodes)], "edges": [v for e in edges for v in e]}


@pytest.fixture(scope="module")
def big_url(site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    big = tmp_path_factory.mktemp("explore-5000") / "site"
    shutil.copytree(site, big)
    data = synthetic_global(5000)
    data["kind"] = [int(k) for k in data["kind"]]  # type: ignore[attr-defined]
    (big / "_papernotes/graph/global.json").write_text(json.dumps(data), encoding="utf-8")
    with serve(big) as url:
        yield url


def frame_times(page) -> list[float]:  # type: ignore[no-untyped-def]
    """Frame intervals (requestAnimationFrame) while the graph is dragged and zoomed."""
    page.evaluate("""() => { window.pnFrames = []; let last = performance.now();
      const tick = (now) => {
        window.pnFrames.push(now - last);
        last = now;
        if (window.pnFrames.length < 400) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick); }""")
    box = page.locator("#pn-graph-global .pn-graph-canvas").bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for step in range(30):
        page.mouse.move(x + 200 * math.sin(step / 5), y + 100 * math.cos(step / 5))
    page.mouse.up()
    for step in range(20):
        page.mouse.wheel(0, -120 if step < 10 else 120)
    return page.evaluate("() => window.pnFrames.slice(1)")


@pytest.mark.parametrize("renderer", ["", "webgl"])
def test_a_5000_node_global_graph_is_drawn_and_follows_dragging(renderer: str, page, big_url: str) -> None:  # type: ignore[no-untyped-def]
    """Left to choose, the view draws a big graph on a 2D canvas where WebGL is software
    (SwiftShader here); forced to WebGL, SwiftShader draws it. Either way it becomes
    interactive and draws frames while dragged and zoomed. How quickly (the targets:
    interactive within 2 s, median frame <= 33 ms) is measured by
    `benchmarks/bench_graph_view.py`, not here: a timed test fails on a loaded machine."""
    open_graph(page, big_url + "graph/" + (f"?graph-renderer={renderer}" if renderer else ""))
    assert page.get_attribute("#pn-graph-global", "data-renderer") == (renderer or "2d")
    ready = int(page.get_attribute("#pn-graph-global", "data-ready") or 0)  # ms since navigation start
    frames = sorted(frame_times(page))
    median = frames[len(frames) // 2]
    print(f"\n5,000 nodes, {renderer or 'auto (2d)'}: interactive after {ready} ms, median frame {median:.1f} ms "
          f"over {len(frames)} frames")
    assert coloured_pixels(page.locator("#pn-graph-global .pn-graph-canvas").screenshot()) > 500
    assert ready > 0 and median > 0 and len(frames) >= 10  # it was drawn again and again while moved
