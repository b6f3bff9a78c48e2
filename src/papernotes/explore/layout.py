"""Node positions computed at build time: topic clusters on a spiral, then a bounded force pass.

The browser never simulates: positions ship in the graph data. The work is bounded (a fixed
budget of pair visits, so a 5,000-note vault gets a few iterations and a small one a few
hundred) and deterministic: the same graph gives the same coordinates, byte for byte.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))
BUDGET = 400_000  # node/pair visits for the whole force pass: a few tenths of a second in CPython
MAX_ITERATIONS = 200
GRAVITY = 0.05
SPACING = 10.0  # the distance nodes settle at; coordinates are then scaled to 0..1000


def spiral(count: int, spacing: float) -> list[tuple[float, float]]:
    """Sunflower (phyllotaxis) points: even density, the first ones in the centre."""
    return [(spacing * math.sqrt(i + 0.5) * math.cos(i * GOLDEN_ANGLE),
             spacing * math.sqrt(i + 0.5) * math.sin(i * GOLDEN_ANGLE)) for i in range(count)]


def cluster_start(clusters: Sequence[int], degrees: Sequence[int]) -> list[list[float]]:
    """Each cluster a sunflower of its nodes (hubs in the middle), clusters on a larger sunflower,
    biggest first: a readable map even where the force pass has too few iterations."""
    members: dict[int, list[int]] = defaultdict(list)
    for node, cluster in enumerate(clusters):
        members[cluster].append(node)
    order = sorted(members, key=lambda c: (-len(members[c]), c))
    positions = [[0.0, 0.0] for _ in clusters]
    radius = 0.0
    for index, cluster in enumerate(order):
        nodes = sorted(members[cluster], key=lambda n: (-degrees[n], n))
        size = SPACING * math.sqrt(len(nodes) + 1)
        if index:
            radius += size  # the next ring of clusters, far enough for this one
        angle = index * GOLDEN_ANGLE
        cx, cy = (radius * math.cos(angle), radius * math.sin(angle)) if index else (0.0, 0.0)
        if not index:
            radius = size
        for node, (x, y) in zip(nodes, spiral(len(nodes), SPACING), strict=True):
            positions[node] = [cx + x, cy + y]
    return positions


def force_pass(positions: list[list[float]], edges: Sequence[tuple[int, int]], iterations: int) -> None:
    """Springs along edges, repulsion between nodes in neighbouring grid cells only (no
    all-pairs, no Barnes-Hut): cheap, local, and enough to untangle clusters."""
    count = len(positions)
    for step in range(iterations):
        cooling = 1.0 - step / max(iterations, 1)
        moves = [[0.0, 0.0] for _ in range(count)]
        grid: dict[tuple[int, int], list[int]] = defaultdict(list)
        for node, (x, y) in enumerate(positions):
            grid[(int(x // (2 * SPACING)), int(y // (2 * SPACING)))].append(node)
        for (gx, gy), cell in grid.items():
            near = [other for dx in (-1, 0, 1) for dy in (-1, 0, 1) for other in grid.get((gx + dx, gy + dy), ())]
            for node in cell:
                x, y = positions[node]
                move = moves[node]
                for other in near:
                    if other == node:
                        continue
                    dx, dy = x - positions[other][0], y - positions[other][1]
                    distance2 = dx * dx + dy * dy or 0.01
                    push = SPACING * SPACING / distance2
                    move[0] += dx * push
                    move[1] += dy * push
        for a, b in edges:
            dx = positions[b][0] - positions[a][0]
            dy = positions[b][1] - positions[a][1]
            pull = math.hypot(dx, dy) / (SPACING * 4)
            moves[a][0] += dx * pull
            moves[a][1] += dy * pull
            moves[b][0] -= dx * pull
            moves[b][1] -= dy * pull
        limit = SPACING * cooling
        for node, (mx, my) in enumerate(moves):
            mx -= positions[node][0] * GRAVITY  # towards the middle: lone clusters do not drift off
            my -= positions[node][1] * GRAVITY
            length = math.hypot(mx, my)
            if length > limit:
                mx, my = mx * limit / length, my * limit / length
            positions[node][0] += mx
            positions[node][1] += my


def iterations_for(nodes: int, edges: int) -> int:
    return max(0, min(MAX_ITERATIONS, BUDGET // max(1, nodes * 12 + edges)))


def layout(clusters: Sequence[int], edges: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Integer coordinates in 0..1000 for each node (compact in JSON, stable across builds)."""
    if not clusters:
        return []
    degrees = [0] * len(clusters)
    for a, b in edges:
        degrees[a] += 1
        degrees[b] += 1
    positions = cluster_start(clusters, degrees)
    force_pass(positions, edges, iterations_for(len(clusters), len(edges)))
    xs = [p[0] for p in positions]
    ys = [p[1] for p in positions]
    low_x, low_y = min(xs), min(ys)
    span = max(max(xs) - low_x, max(ys) - low_y) or 1.0
    return [(round((x - low_x) * 1000 / span), round((y - low_y) * 1000 / span)) for x, y in positions]


def radial(centre: tuple[float, float], rings: Sequence[Sequence[tuple[int, tuple[float, float]]]]
           ) -> dict[int, tuple[int, int]]:
    """A local graph: the note in the middle, each hop on its own ring, in the angular order the
    nodes have around it on the global map (so the local view reads like a piece of the global)."""
    placed = {-1: (0, 0)}
    for ring_index, ring in enumerate(rings, start=1):
        ordered = around(centre, ring)
        for slot, (node, _) in enumerate(ordered):
            angle = 2 * math.pi * slot / max(len(ordered), 1) + ring_index * 0.4
            placed[node] = (round(100 * ring_index * math.cos(angle)), round(100 * ring_index * math.sin(angle)))
    del placed[-1]
    return placed


def around(centre: tuple[float, float], ring: Sequence[tuple[int, tuple[float, float]]]
           ) -> list[tuple[int, tuple[float, float]]]:
    """A ring's (node, position) in the angular order they have around `centre`: all that
    `radial` reads of the positions."""
    return sorted(ring, key=lambda item: (math.atan2(item[1][1] - centre[1], item[1][0] - centre[0]), item[0]))
