"""Shapes of paper notes session 9's new-user trial left as found (session 10, branch names10):
look-alike fixtures, written for these tests."""

from __future__ import annotations

from tests.test_recognise_unseen_vaults9 import MakeVault, graph_of, paper_of

# --- a venue inside the date field, or in a status field ---------------------------------------------

_DATED = """# {name}：{gloss}

> **论文**：*{title}*
>
> **作者**：Ada Obi, Ben Tran
>
> {date_label}：{date}
>
> {status}🔗 [arXiv](https://arxiv.org/abs/{arxiv})

## 一句话总结

灯塔。
"""


def test_a_venue_inside_the_date_field_or_a_status_field(make_vault: MakeVault) -> None:
    numbers = iter(range(1, 10))

    def note(date: str, status: str = "", label: str = "**发布时间**") -> str:
        n = next(numbers)  # one paper each: its own title and arXiv id
        return _DATED.format(name="LNH", gloss="灯塔网络", title=f"Lantern Networks for Harbour Lights {n}",
                             date_label=label, date=date, status=status, arxiv=f"2509.0123{n}")
    graph = graph_of(make_vault, {
        "papers/a.md": note("2025年9月（CVPR 2026）"),
        "papers/b.md": note("2026年（**AAAI 2026**）", label="发布时间"),
        "papers/c.md": note("2025 年 06 月（arXiv 2506.01103）"),
        "papers/d.md": note("2025年6月", status="**发表状态**：已录用 — ICML 2026（PMLR 第 306 卷）\n>\n> "),
        "papers/e.md": note("2025年6月", status="**发表状态**：未录用\n>\n> "),
    })
    found = {key[7:8]: (paper_of(graph, key).venue, paper_of(graph, key).year) for key in
             ("papers/a.md", "papers/b.md", "papers/c.md", "papers/d.md", "papers/e.md")}
    assert found == {"a": ("CVPR", 2025), "b": ("AAAI", 2026), "c": (None, 2025), "d": ("ICML", 2025),
                     "e": (None, 2025)}
