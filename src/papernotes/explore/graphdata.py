"""The paper graph as the graph view draws it: nodes (papers, notes, topics, queues, authors,
venues), undirected edges, positions, and the JSON files the browser loads (one global file, one
small file per page).

Only the published graph is read (`Site.graph` holds no private note, paper or title; the
site's author and venue directory is built from it and the library), so a private note cannot
reach a graph file. Other parts of papernotes can still add nodes through `extra` (`ExtraNode`).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import unquote

from papernotes.explore.layout import around, layout, radial
from papernotes.pages import Site, topic_src
from papernotes.pages.links import paper_target
from papernotes.pages.people import author_src, venue_src
from papernotes.render import page_url
from papernotes.rewrite import anchor_above
from papernotes.topics import topic_key

if TYPE_CHECKING:
    from papernotes.explore.reading import ReadRecord

KINDS = ("paper", "note", "topic", "queue", "author", "venue")
STATUSES = ("", "read", "reading", "to-read")
LABEL_LIMIT = 80
LOCAL_NODE_LIMIT = 48
LOCAL_BYTES_LIMIT = 10_000
LOCAL_EDGE_LIMIT = 200
DATA_DIR = "_papernotes/graph"


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    kind: str
    label: str
    url: str | None
    """Site URL relative to the site root (`Papers/Latte/`, `""` for home), with its #anchor."""
    year: int | None = None
    status: str | None = None
    topics: tuple[str, ...] = ()
    cluster: str = ""


@dataclass(frozen=True, slots=True)
class ExtraNode:
    """A node another part of papernotes adds (an author, a venue) and the node ids it joins."""

    node: Node
    neighbours: tuple[str, ...]


@dataclass(slots=True)
class ExploreGraph:
    nodes: list[Node] = field(default_factory=list)
    index: dict[str, int] = field(default_factory=dict)
    edges: set[tuple[int, int]] = field(default_factory=set)
    page_node: dict[str, int] = field(default_factory=dict)
    """The node of each published note's page, by note key (a paper's note is its paper's node)."""
    positions: list[tuple[int, int]] = field(default_factory=list)

    def add(self, node: Node) -> int:
        found = self.index.get(node.id)
        if found is None:
            found = self.index[node.id] = len(self.nodes)
            self.nodes.append(node)
        return found

    def join(self, a: str, b: str) -> None:
        first, second = self.index.get(a), self.index.get(b)
        if first is not None and second is not None and first != second:
            self.edges.add((min(first, second), max(first, second)))

    def sorted_edges(self) -> list[tuple[int, int]]:
        return sorted(self.edges)


@dataclass(slots=True)
class KeptGraph:
    """The last build's graph data, kept between `mkdocs serve` rebuilds of one vault: the force
    layout is run again only when the nodes or their clusters change (a node added or gone, a
    paper's first topic changed), not when only edges do: one new link would otherwise move
    every node, and so remake most local graphs. Under `mkdocs serve` node positions can
    therefore differ from a clean build's (every other byte of the data is the same, nodes and
    edges included); a clean build, and any rebuild that lays the graph out again, places them
    as always. A page's local graph is made again only when a node it shows changed (its data,
    position or neighbours) or a topic was renamed."""

    layout: tuple[list[int], list[tuple[int, int]], list[tuple[int, int]]] | None = None
    """(clusters, edges, positions) of the last layout."""
    nodes: list[Node] = field(default_factory=list)
    positions: list[tuple[int, int]] = field(default_factory=list)
    adjacency: list[list[int]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    local: dict[int, tuple[frozenset[int], tuple[tuple[int, ...], ...], str]] = field(default_factory=dict)
    """Centre node -> (the nodes its local graph could show, their angular order around it, the
    file's text). Positions reach a local graph only through that order (`layout.radial`)."""
    rings: dict[int, tuple[tuple[int, ...], ...]] = field(default_factory=dict)
    """Centre node -> its two rings as its local graph was made from them (`_neighbourhood`):
    the only thing the order of a node's neighbours decides there."""
    made_from: tuple[object, object] | None = None
    """The site (the object) and options the last graph files were made from, and ..."""
    files: list[str] = field(default_factory=list)
    records: tuple[Site, list[ReadRecord]] | None = None
    """The site the Reading records were read from, and those records (`reading.read_records`)."""
    """... their site paths: the same site object (`publish.KeptSite`) makes the same files."""


def _root(topic: str) -> str:
    return topic.split("/", 1)[0]


def _url(site: Site, src: str, anchor: str = "") -> str:
    return page_url(src, site.links.use_directory_urls).removeprefix("./") + (f"#{anchor}" if anchor else "")


def _paper_nodes(site: Site, graph: ExploreGraph) -> None:
    for pid, paper in sorted(site.graph.papers.items()):
        target = paper_target(site, paper)
        if target is None:
            continue
        key, anchor = target
        topics = tuple(sorted(site.graph.topic_keys(pid)))
        cluster = _root(topics[0]) if topics else posixpath.dirname(key).split("/", 1)[0]
        graph.add(Node(f"p:{pid}", "paper", paper.title, _url(site, site.src_of(key), anchor), paper.year,
                       paper.status, topics, cluster))
        if paper.note and paper.note in site.links.published:
            graph.page_node.setdefault(paper.note, graph.index[f"p:{pid}"])


def _note_nodes(site: Site, graph: ExploreGraph, topic_pages: bool) -> None:
    for key in sorted(site.links.published):
        if key in graph.page_node:
            continue
        note = site.graph.notes[key]  # type: ignore[index]
        topics = tuple(sorted({t for t in (_topic(site, tag) for tag in note.tags) if t}))
        cluster = _root(topics[0]) if topics else posixpath.dirname(key).split("/", 1)[0]
        graph.page_node[key] = graph.add(Node(f"n:{key}", "note", note.title, _url(site, site.src_of(key)),
                                              None, None, topics, cluster))
    if topic_pages:
        for key, topic in sorted(site.graph.topics.items()):
            graph.add(Node(f"t:{key}", "topic", topic.name, _url(site, topic_src(topic)), None, None, (key,),
                           _root(key)))


def _topic(site: Site, tag: str) -> str | None:
    key = topic_key(tag)
    return key if key in site.graph.topics else None


def _edges(site: Site, graph: ExploreGraph) -> None:
    def node_of(key: str) -> str | None:
        index = graph.page_node.get(key)
        return graph.nodes[index].id if index is not None else None

    for edge in site.graph.edges:
        source = node_of(edge.source)
        if source is None or edge.kind == "queue":
            continue
        target = f"p:{edge.target}" if edge.target in site.graph.papers else node_of(edge.target)
        if target:
            graph.join(source, target)
    for node in list(graph.nodes):
        for topic in node.topics:
            if node.kind != "topic":
                graph.join(node.id, f"t:{topic}")
    for key, found in site.graph.topics.items():
        if found.parent:
            graph.join(f"t:{key}", f"t:{found.parent}")
    for queue in site.graph.queues:
        note = site.graph.notes.get(queue.path)
        if note is None or queue.path not in site.links.published:
            continue
        queue_id = f"q:{queue.path}#{queue.line}"
        owner = graph.nodes[graph.page_node[queue.path]]
        url = _url(site, site.src_of(queue.path), anchor_above(note, queue.line))
        graph.add(Node(queue_id, "queue", queue.name, url, cluster=owner.cluster))
        graph.join(queue_id, owner.id)
        for item in queue.items:
            if item.paper:
                graph.join(queue_id, f"p:{item.paper}")


def people_nodes(site: Site, graph: ExploreGraph) -> list[ExtraNode]:
    """Each author and venue of the directory joined to its papers that have a node; one whose
    papers are all library-only (no node) is left out. Its cluster is its first paper's."""
    found: list[ExtraNode] = []
    for prefix, kind, groups, src in (("a", "author", site.directory.authors, author_src),
                                      ("v", "venue", site.directory.venues, venue_src)):
        for slug, group in sorted(groups.items()):
            papers = tuple(sorted({f"p:{pid}" for pid in group.papers if f"p:{pid}" in graph.index}))
            if papers:
                cluster = graph.nodes[graph.index[papers[0]]].cluster
                found.append(ExtraNode(Node(f"{prefix}:{slug}", kind, group.name, _url(site, src(slug)),
                                            cluster=cluster), papers))
    return found


def build(site: Site, *, topic_pages: bool = True, extra: Iterable[ExtraNode] = (),
          kept: KeptGraph | None = None) -> ExploreGraph:
    graph = ExploreGraph()
    _paper_nodes(site, graph)
    _note_nodes(site, graph, topic_pages)
    _edges(site, graph)
    people = people_nodes(site, graph) if topic_pages else []  # their pages are generated pages
    for added in (*people, *extra):  # and whatever another part of papernotes contributes
        graph.add(added.node)
        for neighbour in added.neighbours:
            graph.join(added.node.id, neighbour)
    clusters: dict[str, int] = {}
    cluster_ids = [clusters.setdefault(node.cluster, len(clusters)) for node in graph.nodes]
    edges = graph.sorted_edges()
    if kept is not None and kept.layout is not None and kept.layout[0] == cluster_ids and \
            [node.id for node in kept.nodes] == [node.id for node in graph.nodes]:
        graph.positions = kept.layout[2]  # only edges changed (`KeptGraph`): the map stays still
    else:
        graph.positions = layout(cluster_ids, edges)
    if kept is not None:
        kept.layout = (cluster_ids, edges, graph.positions)
    return graph


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def _topic_table(graph: ExploreGraph, site: Site) -> tuple[list[str], dict[str, int]]:
    """Topic names by index, roots first by size: the first ones get the distinct colours."""
    counts: dict[str, int] = defaultdict(int)
    for node in graph.nodes:
        for topic in node.topics:
            counts[topic] += 1
    keys = sorted(counts, key=lambda k: (-counts[k] if "/" not in k else 1, k))
    names = [site.graph.topics[k].name if k in site.graph.topics else k for k in keys]
    return names, {k: i for i, k in enumerate(keys)}


def global_json(graph: ExploreGraph, site: Site) -> str:
    """Columns rather than objects: about 60 bytes a node gzipped."""
    names, topic_index = _topic_table(graph, site)
    nodes = graph.nodes
    return _dumps({
        "v": 1, "kinds": KINDS, "statuses": STATUSES, "topicNames": names,
        "label": [node.label[:LABEL_LIMIT] for node in nodes],
        "kind": [KINDS.index(node.kind) for node in nodes],
        "url": [node.url for node in nodes],
        "xy": [value for position in graph.positions for value in position],
        "year": [node.year or 0 for node in nodes],
        "status": [STATUSES.index(node.status or "") for node in nodes],
        "topics": [[topic_index[t] for t in node.topics] for node in nodes],
        "edges": [value for edge in graph.sorted_edges() for value in edge],
    })


def _adjacency(graph: ExploreGraph) -> list[list[int]]:
    """Each node's neighbours, closest kinds and biggest hubs first (the order local graphs keep)."""
    adjacency: list[list[int]] = [[] for _ in graph.nodes]
    for a, b in graph.edges:
        adjacency[a].append(b)
        adjacency[b].append(a)
    degree = [len(neighbours) for neighbours in adjacency]
    topic = [node.kind in ("topic", "author", "venue") for node in graph.nodes]  # groups after papers
    for neighbours in adjacency:
        neighbours.sort(key=lambda node: (topic[node], -degree[node], node))
    return adjacency


def _neighbourhood(centre: int, adjacency: Sequence[Sequence[int]]) -> list[list[int]]:
    """Hop 1 then hop 2, notes and papers before topics, hubs first: a topic of 500 papers is
    shown but its papers come after the neighbours of closer nodes, within the node limit."""
    first = [node for node in adjacency[centre] if node != centre][:LOCAL_NODE_LIMIT]
    seen = {centre, *first}
    room = LOCAL_NODE_LIMIT - len(first)
    second: list[int] = []
    for via in first:
        if len(second) >= room:
            break
        for node in adjacency[via]:
            if node not in seen:
                seen.add(node)
                second.append(node)
                if len(second) >= room:
                    break
    return [first, second]


def local_json(graph: ExploreGraph, site: Site, centre: int, adjacency: Sequence[Sequence[int]],
               neighbour_sets: Sequence[frozenset[int]] | None = None) -> str:
    """At most LOCAL_BYTES_LIMIT bytes: the farthest nodes go first when labels are long."""
    return _local_file(graph, site, centre, adjacency, neighbour_sets)[2]


def _order(graph: ExploreGraph, centre: int, rings: Sequence[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """The nodes of each ring in their angular order around the centre."""
    positions = graph.positions
    return tuple(tuple(node for node, _ in around(positions[centre], [(n, positions[n]) for n in ring]))
                 for ring in rings)


def _local_file(graph: ExploreGraph, site: Site, centre: int, adjacency: Sequence[Sequence[int]],
                neighbour_sets: Sequence[frozenset[int]] | None = None, *, kept: bool = False
                ) -> tuple[frozenset[int], tuple[tuple[int, ...], ...], str]:
    """`local_json`, with what the file is made from (when it is `kept`): the centre and its two
    rings (whose neighbours, degrees and data are all the file reads), and their angular order
    (`_order`)."""
    rings = _neighbourhood(centre, adjacency)
    shown = frozenset((centre, *rings[0], *rings[1])) if kept else frozenset()
    order = _order(graph, centre, rings) if kept else ()
    sets = neighbour_sets if neighbour_sets is not None else [frozenset(n) for n in adjacency]
    while True:
        text = _local_text(graph, site, centre, adjacency, rings, sets)
        size = len(text.encode("utf-8"))
        if size <= LOCAL_BYTES_LIMIT or not (rings[0] or rings[1]):
            return shown, order, text
        ring = rings[1] if rings[1] else rings[0]
        keep = len(rings[0]) + len(rings[1])
        cut = max(1, keep - int(keep * LOCAL_BYTES_LIMIT / size * 0.95))
        del ring[max(0, len(ring) - cut):]


def _local_text(graph: ExploreGraph, site: Site, centre: int, adjacency: Sequence[Sequence[int]],
                rings: Sequence[Sequence[int]], neighbour_sets: Sequence[frozenset[int]]) -> str:
    order = [centre, *rings[0], *rings[1]]
    local = {node: index for index, node in enumerate(order)}
    spots = radial(graph.positions[centre], [[(n, graph.positions[n]) for n in ring] for ring in rings])
    topics: dict[str, int] = {}
    rows = []
    for index, node in enumerate(order):
        item = graph.nodes[node]
        x, y = spots.get(node, (0, 0))
        hop = 0 if index == 0 else (1 if index <= len(rings[0]) else 2)
        rows.append([item.label[:LABEL_LIMIT], KINDS.index(item.kind), item.url, x, y, hop, len(adjacency[node]),
                     item.year or 0, STATUSES.index(item.status or ""),
                     [topics.setdefault(t, len(topics)) for t in item.topics[:1]]])
    edges = []
    members = set(order)
    for index, node in enumerate(order):  # set intersections: a hub's 1,000 neighbours cost nothing
        edges += [(index, local[other]) for other in members.intersection(neighbour_sets[node]) if local[other] > index]
    edges = _kept_edges(sorted(edges), len(rings[0]))
    names = [site.graph.topics[k].name if k in site.graph.topics else k for k in topics]
    return _dumps({"v": 1, "kinds": KINDS, "statuses": STATUSES, "topicNames": names, "nodes": rows,
                   "edges": [value for edge in edges for value in edge]})


def _kept_edges(edges: list[tuple[int, int]], first_ring: int) -> list[tuple[int, int]]:
    """The centre's edges, one edge bringing each farther node in, then others up to a limit:
    in a densely linked vault the edges, not the nodes, would fill the local file."""
    kept = {edge for edge in edges if edge[0] == 0}
    reached: set[int] = set()
    for a, b in edges:
        if b > first_ring and b not in reached and a <= first_ring:
            reached.add(b)
            kept.add((a, b))
    for edge in edges:
        if len(kept) >= LOCAL_EDGE_LIMIT:
            break
        kept.add(edge)
    return sorted(kept)


@lru_cache(maxsize=2**16)  # every page's, on every `mkdocs serve` rebuild
def data_path(folder: str, url: str) -> str:
    """Where a page's local graph file lives: in `folder` itself, named by a hash of the page's
    site path (`Papers/Latte/` -> `<folder>/5c0f…e1.json`; the page names its file in
    `data-graph`). A folder per page, as the page's own path would give, costs the build a new
    folder besides each new file (a thousand at 1,000 notes); a name made flat from the path
    could pass the file system's limit on a name's length."""
    path = unquote(url.split("#", 1)[0])
    return f"{folder}/{hashlib.blake2b(path.encode('utf-8'), digest_size=10).hexdigest()}.json"


def _changed_nodes(graph: ExploreGraph, adjacency: list[list[int]], names: dict[str, str],
                   kept: KeptGraph | None) -> set[int] | None:
    """Nodes whose data or set of neighbours differ from the kept build's; None: all of them.
    (Neighbours only in another order, as after a neighbour's new link, change a local graph
    only through its rings, compared on their own.)"""
    if kept is None or names != kept.names:
        return None
    old_nodes, old_adjacency = kept.nodes, kept.adjacency
    count = len(old_nodes)
    return {index for index, node in enumerate(graph.nodes)
            if index >= count or node != old_nodes[index] or (
                adjacency[index] != old_adjacency[index] and set(adjacency[index]) != set(old_adjacency[index]))}


def graph_files(site: Site, *, topic_pages: bool = True, extra: Iterable[ExtraNode] = (),
                kept: KeptGraph | None = None) -> dict[str, str]:
    """`global.json` and one local file per published note, by site path. `kept`: the last
    build's (`KeptGraph`), updated to this one's."""
    return dict(graph_file_items(site, topic_pages=topic_pages, extra=extra, kept=kept))


def graph_file_items(site: Site, *, topic_pages: bool = True, extra: Iterable[ExtraNode] = (),
                     kept: KeptGraph | None = None) -> Iterator[tuple[str, str]]:
    """`graph_files` one (site path, text) at a time: a writer holds one local file, not all
    of them (one a published note: ~50 MB at 5,000 notes). `kept` (`mkdocs serve`) is updated
    to this build's once the last file is taken."""
    graph = build(site, topic_pages=topic_pages, extra=extra, kept=kept)
    yield f"{DATA_DIR}/global.json", global_json(graph, site)
    adjacency = _adjacency(graph)
    sets = [frozenset(neighbours) for neighbours in adjacency]
    names = {key: topic.name for key, topic in site.graph.topics.items()}
    changed = _changed_nodes(graph, adjacency, names, kept)
    old = kept.positions if kept is not None else []
    moved = {index for index, (now, then) in enumerate(zip(graph.positions, old, strict=False)) if now != then}
    local: dict[int, tuple[frozenset[int], tuple[tuple[int, ...], ...], str]] = {}
    rings: dict[int, tuple[tuple[int, ...], ...]] = {}
    for key in sorted(site.links.published):
        centre = graph.page_node[key]
        found = kept.local.get(centre) if kept is not None and changed is not None else None
        if found is not None and not found[0].isdisjoint(changed):  # type: ignore[arg-type]
            found = None  # a node it shows changed (its data, or which its neighbours are)
        if kept is not None:
            rings[centre] = tuple(tuple(ring) for ring in _neighbourhood(centre, adjacency))
            if found is not None and rings[centre] != kept.rings.get(centre):
                found = None  # the rings are made of other nodes, or in another order
        if found is not None and not found[0].isdisjoint(moved) and _order(graph, centre, rings[centre]) != found[1]:
            found = None
        if found is None:
            found = _local_file(graph, site, centre, adjacency, sets, kept=kept is not None)
        if kept is not None:
            local[centre] = found
        yield data_path(f"{DATA_DIR}/local", _url(site, site.src_of(key))), found[2]
    if kept is not None:
        kept.nodes, kept.positions, kept.adjacency, kept.names, kept.local = (graph.nodes, graph.positions,
                                                                               adjacency, names, local)
        kept.rings = rings
