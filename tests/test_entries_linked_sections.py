"""Sections opened by their paper's link (a week's reading, the works behind a library), written here."""

from __future__ import annotations

from papernotes.entries import EntryContext, linked_sections, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta

CONTEXT = EntryContext(NoteKey("diffusion.lattice_works.md"), 1, NoteMeta())
TEXT = """# 几篇工作

## LatticeCam: 多机位同步视频生成

https://arxiv.org/abs/2412.01234, ICLR 2025

数据集。

### PipeLattice
[Paper](https://link.zhihu.com/?target=https%3A//arxiv.org/pdf/1806.01234.pdf) 和[解读](https://zhuanlan.zhihu.com/p/1)。

## 医疗格点综述
[A Survey of Lattices in Healthcare: Techniques and Opportunities](https://arxiv.org/abs/2501.01234)

### 变种

[rank-stabilized Lattice](https://arxiv.org/pdf/2312.01234) 提出，缩放因子部分使用新的方法，能提高稳定性。

## Ref and Tag

https://arxiv.org/abs/2412.09999

## Tools

[code](https://github.com/o/lattice)
"""


def test_sections_opened_by_a_paper_link() -> None:
    papers = recognise_entries(make_parser().parse(TEXT), CONTEXT)
    assert [(p.title, p.sources[0].line, p.sources[0].kind, p.year, p.venue, p.arxiv) for p in papers] == [
        ("LatticeCam", 3, linked_sections.CONVENTION, 2025, "ICLR", "2412.01234"),
        ("PipeLattice", 9, linked_sections.CONVENTION, None, None, "1806.01234"),
        ("A Survey of Lattices in Healthcare: Techniques and Opportunities", 12, linked_sections.CONVENTION, None,
         None, "2501.01234"),
    ]  # a sentence that starts with a link cites it; `Ref and Tag` is generic; code is not a paper


def test_the_numbers_of_a_talks_sections_are_not_in_the_titles() -> None:
    text = (
        "# 格点学习串讲\n\n"
        "## 10.LatticeOL\n[Paper](https://arxiv.org/abs/2006.01234)\n\n"
        "## 3.1 C4D\nhttps://arxiv.org/abs/1412.01234\n\n"
        "## 2.2.Beyond-Short-Lattices （使用LSTM做融合）\n[论文](https://arxiv.org/abs/1503.01234)\n\n"
        "## 3 Body Lattices\nhttps://arxiv.org/abs/1703.01234\n"
    )
    papers = recognise_entries(make_parser().parse(text), CONTEXT)
    assert [p.title for p in papers] == [
        "LatticeOL", "C4D", "Beyond-Short-Lattices （使用LSTM做融合）", "3 Body Lattices"]
