"""Summary tables whose paper cells cite the paper (`BadNets (Gu et al., 2017)`), and a
`Paper / Framework` column, in a concept note of look-alike rows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from papernotes.graph import build_graph
from papernotes.loader import load_vault
from papernotes.tables import CitedName, cited_name

CONCEPT = """# Lamp poisoning

## Known attacks

|Paper|Attack|Key Idea|
|---|---|---|
|**GlowNets (Obi et al., 2017)**|Backdoor|Hides a trigger in the light.|
|**"The Dim Bulb Hypothesis" (Tran & Li, 2019)**|Pruning|A smaller lamp shines as well.|
|**Flicker backdoors (2021)**|Rare-sample triggers|Only rare flickers.|
|**Byzantine lamps**|Random updates|Destabilises the grid.|

## Frameworks

|Paper / Framework|Contribution|
|---|---|
|**“Lamp Unlearning: Forgetting Bulbs Quickly” (NeurIPS 2021)**|First framework.|
|**Shen et al., 2022 – "LampEraser"**|Tracks updates.|
"""


@pytest.mark.parametrize(("text", "expected"), [
    ("GlowNets (Obi et al., 2017)", CitedName("GlowNets", 2017, None, ("Obi",))),
    ('"The Dim Bulb Hypothesis" (Tran & Li, 2019)', CitedName("The Dim Bulb Hypothesis", 2019, None, ("Tran", "Li"))),
    ("SNIP (2019)", CitedName("SNIP", 2019, None, ())),
    ("“Lamp Unlearning” (NeurIPS 2021)", CitedName("Lamp Unlearning", 2021, "NeurIPS", ())),
    ('Shen et al., 2022 – "LampEraser"', CitedName("LampEraser", 2022, None, ("Shen",))),
    ('Dim "bulbs" of the grid', None),  # quotes without a year are not a citation
    ("Byzantine lamps", None),
    ("Lamps (the 2020 ones, mostly from the north of the town)", None),
])
def test_cited_names(text: str, expected: CitedName | None) -> None:
    assert cited_name(text) == expected


def test_cited_rows_are_papers_and_an_uncited_row_among_them_is_not(
        make_vault: Callable[[dict[str, str]], Path]) -> None:
    vault = load_vault(make_vault({"concepts/Lamp poisoning.md": CONCEPT}))
    graph = build_graph(vault.notes, vault.attachments)
    found = sorted((p.sources[0].line, p.title, p.year, p.venue, p.authors) for p in graph.papers.values())
    assert found == [
        (7, "GlowNets", 2017, None, ("Obi",)),
        (8, "The Dim Bulb Hypothesis", 2019, None, ("Tran", "Li")),
        (9, "Flicker backdoors", 2021, None, ()),
        (16, "Lamp Unlearning: Forgetting Bulbs Quickly", 2021, "NeurIPS", ()),
        (17, "LampEraser", 2022, None, ("Shen",)),
    ]
