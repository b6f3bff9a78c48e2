"""Deterministic synthetic Obsidian vaults of paper notes, for benchmarks and large-vault tests.

    python benchmarks/generate_vault.py --notes 5000 --seed 1 --out benchmarks/out/vault

Every wikilink the generator writes resolves: targets are generated notes, and heading and
block fragments name headings and `^block` ids that the target note really has. Code blocks and
inline code carry decoys (`[[not a link]]`, `#not-a-tag`) that a correct parser must ignore.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import struct
import sys
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

GENERATOR_VERSION = 3  # bump when the output changes, so cached vaults are regenerated
STAMP = ".generated.json"  # hidden: vault walkers skip it

FOLDERS = (
    "papers/nlp", "papers/nlp/transformers", "papers/nlp/retrieval", "papers/cv",
    "papers/cv/diffusion", "papers/cv/detection", "papers/rl", "papers/rl/offline",
    "papers/systems", "papers/systems/compilers", "papers/theory", "surveys", "surveys/2023",
    "读书笔记", "读书笔记/大模型", "논문", "논문/비전", "projects/alpha", "projects/alpha/drafts",
    "archive/2021",
)

EN_WORDS = (
    "the model attention layer token sparse dense retrieval memory gradient loss training data "
    "scale latent diffusion policy reward agent graph kernel compiler benchmark baseline we "
    "propose method results show improves over prior work efficient robust context window "
    "encoder decoder objective contrastive pretraining fine-tuning inference throughput latency "
    "distillation quantization pruning routing expert mixture alignment preference human "
    "feedback sample noise schedule variance estimator bound theorem proof convergence rate"
).split()
ZH_WORDS = (
    "模型 注意力 稀疏 检索 记忆 梯度 损失 训练 数据 规模 扩散 策略 奖励 图 编译器 基准 我们 提出 "
    "方法 结果 表明 改进 高效 鲁棒 上下文 编码器 解码器 目标 对比 预训练 微调 推理 吞吐 延迟 蒸馏 "
    "量化 剪枝 路由 专家 对齐 偏好 反馈 噪声 方差 收敛"
).split()
KO_WORDS = (
    "모델 주의 희소 검색 메모리 기울기 손실 학습 데이터 규모 확산 정책 보상 그래프 컴파일러 "
    "벤치마크 우리는 제안한다 방법 결과 개선 효율적 강건한 문맥 인코더 디코더 목표 대조 사전학습 "
    "미세조정 추론 처리량 지연 증류 양자화 가지치기 전문가 정렬 선호 피드백 잡음 분산 수렴"
).split()
TITLE_WORDS = (
    "Sparse Attention Routing Latent Diffusion Retrieval Augmented Memory Efficient Scalable "
    "Contrastive Policy Offline Graph Neural Compiler Kernel Mixture Experts Alignment Preference "
    "Quantized Distilled Robust Long Context Vision Language Agents Planning Reward Models"
).split()
ZH_TITLE_WORDS = "稀疏注意力 扩散模型 检索增强 高效推理 对比学习 离线强化学习 图神经网络 大模型对齐".split()
HEADINGS = (
    "Motivation", "Method", "Experiments", "Results", "Limitations", "Related Work",
    "Key Ideas", "Open Questions", "方法", "实验结果", "核心思想", "동기", "실험", "결론",
)
VENUES = ("NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ACL", "EMNLP", "AAAI", "OSDI", "arXiv")
TAGS = (
    "ml/nlp", "ml/nlp/transformers", "ml/cv/diffusion", "ml/rl", "systems/compilers", "theory",
    "to-read", "survey", "idea", "深度学习", "대규모모델",
)
SURNAMES = ("Vaswani", "Ho", "Lewis", "Schulman", "Chen", "Wang", "Kim", "Park", "Li", "Zhang")
GIVEN = ("Ashish", "Jonathan", "Patrick", "John", "Wei", "Yuxin", "Minjoon", "Jiwoo", "Hao", "Lin")
FIELDS = ("NLP / transformers", "CV / diffusion", "RL / offline", "systems / compilers", "theory")
SNIPPET = '''```python
def forward(x, mask=None):
    # [[not a link]] and #not-a-tag live in code, never in the graph
    scores = x @ x.T / x.shape[-1] ** 0.5
    return scores.softmax(-1)
```'''


def tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built by hand so the generator needs no imaging library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


@dataclass(slots=True)
class PlannedNote:
    """What other notes may link to, decided before any note is written."""

    index: int
    folder: str
    name: str
    title: str
    alias: str
    headings: list[str]
    blocks: list[str]
    year: int

    @property
    def key(self) -> str:
        return f"{self.folder}/{self.name}.md"

    @property
    def image(self) -> str:
        return f"img-{self.index}.png"


@dataclass(slots=True)
class Stats:
    notes: int = 0
    words: int = 0
    wikilinks: int = 0  # `[[...]]` and `![[...]]` outside code, as the parser should find them
    by_form: dict[str, int] = field(default_factory=dict)

    def count(self, form: str) -> None:
        self.wikilinks += 1
        self.by_form[form] = self.by_form.get(form, 0) + 1


def plan_notes(count: int, seed: int) -> list[PlannedNote]:
    planned = []
    for index in range(count):
        rng = random.Random(f"{seed}:plan:{index}")
        if rng.random() < 0.1:
            name = f"{rng.choice(ZH_TITLE_WORDS)} {index:05d}"
        else:
            name = " ".join(rng.sample(TITLE_WORDS, rng.randint(2, 4))) + f" {index:05d}"
        words = name.rsplit(" ", 1)[0]
        initials = "".join(word[0] for word in words.split() if word.isascii())
        alias = f"{initials or 'ZH'}-{index}"
        # `ACRONYM: Long Title`, as papers are named; the acronym keeps titles unique, so that
        # papernotes does not merge two notes into one paper.
        title = f"{alias}: {words} for {rng.choice(TITLE_WORDS)} {rng.choice(TITLE_WORDS)}"
        headings = rng.sample(HEADINGS, rng.randint(3, 6))
        blocks = [f"b{index}x{n}" for n in range(rng.randint(1, 2))]
        planned.append(PlannedNote(index, FOLDERS[index % len(FOLDERS)], name, title,
                                   alias, headings, blocks, rng.randint(2015, 2025)))
    return planned


def wikilink(rng: random.Random, target: PlannedNote, stats: Stats) -> str:
    """One link to `target`, in one of the forms Obsidian users write."""
    roll = rng.random()
    if roll < 0.35:
        form, text = "plain", f"[[{target.name}]]"
    elif roll < 0.55:
        form, text = "folder-alias", f"[[{target.folder}/{target.name}|{target.alias}]]"
    elif roll < 0.75:
        form, text = "heading", f"[[{target.name}#{rng.choice(target.headings)}]]"
    elif roll < 0.85:
        form, text = "block", f"[[{target.name}#^{rng.choice(target.blocks)}]]"
    elif roll < 0.93:
        form, text = "embed", f"![[{target.image}|300]]"
    else:
        form, text = "by-alias", f"[[{target.alias}]]"
    stats.count(form)
    return text


def sentence(rng: random.Random) -> tuple[str, int]:
    """One sentence of English, Chinese or Korean prose, and its word count."""
    roll = rng.random()
    length = rng.randint(6, 18)
    if roll < 0.65:
        words = rng.choices(EN_WORDS, k=length)
        text = " ".join(words).capitalize()
        if rng.random() < 0.15:
            text += f" with `{rng.choice(EN_WORDS)}[[x]]`"
        if rng.random() < 0.1:
            text += " where $\\mathcal{L} = -\\log p(x)$"
        return text + ".", length
    if roll < 0.85:
        return "".join(rng.choices(ZH_WORDS, k=length)) + "。", length
    return " ".join(rng.choices(KO_WORDS, k=length)) + ".", length


def paragraph(rng: random.Random, links: list[str], stats: Stats, block: str | None = None) -> str:
    """A few sentences; the given links are woven in, then a `^block` id when asked."""
    parts = []
    for _ in range(rng.randint(3, 7)):
        text, words = sentence(rng)
        stats.words += words
        parts.append(text)
        if rng.random() < 0.08:
            parts.append(f"#{rng.choice(TAGS)}")
    for link in links:
        parts.insert(rng.randint(0, len(parts)), f"see {link}")
    text = " ".join(parts)
    return f"{text} ^{block}" if block else text


def frontmatter(note: PlannedNote, rng: random.Random) -> str:
    year = note.year
    authors = [f"{rng.choice(GIVEN)} {rng.choice(SURNAMES)}" for _ in range(rng.randint(1, 5))]
    lines = [
        "---",
        f"title: {json.dumps(note.title, ensure_ascii=False)}",
        f"year: {year}",
        f"venue: {rng.choice(VENUES)} {year}",
        "tags:",
        *(f"  - {tag}" for tag in rng.sample(TAGS, rng.randint(1, 4))),
        "authors:",
        *(f"  - {json.dumps(author)}" for author in authors),
        f"aliases: [{json.dumps(note.alias)}]",
        f"arxiv: {year % 100:02d}{rng.randint(1, 12):02d}.{note.index:05d}",  # unique per note
        "---",
    ]
    return "\n".join(lines)


def note_text(note: PlannedNote, plan: Sequence[PlannedNote], seed: int, stats: Stats) -> str:
    rng = random.Random(f"{seed}:note:{note.index}")
    targets = [plan[i] for i in (rng.randrange(len(plan)) for _ in range(rng.randint(1, 11)))]
    links = [f"![[{note.image}|300]]"] + [wikilink(rng, target, stats) for target in targets]
    stats.count("embed")
    word_goal = rng.randint(300, 1500)
    words_before = stats.words
    sections = [frontmatter(note, rng), f"# {note.title}", ""]
    blocks = list(note.blocks)
    heading_index = 0
    while stats.words - words_before < word_goal or heading_index < len(note.headings) or blocks:
        if heading_index < len(note.headings):
            sections += [f"## {note.headings[heading_index]}", ""]
            heading_index += 1
        take = links[: rng.randint(0, 3)] if heading_index < len(note.headings) else links
        links = links[len(take):]
        sections += [paragraph(rng, take, stats, blocks.pop() if blocks else None), ""]
        if heading_index == 2:
            sections += [SNIPPET, ""]
        if heading_index == 3 and rng.random() < 0.7:
            sections += [
                "- [ ] re-run the ablation with `seed=1`",
                f"- [x] summarise {rng.choice(TAGS)} results",
                "- [ ] compare with the baseline #to-read",
                "",
            ]
    if links:
        sections += [paragraph(rng, links, stats), ""]
    return "\n".join(sections)


def home_text(plan: Sequence[PlannedNote], seed: int, stats: Stats) -> str:
    rng = random.Random(f"{seed}:home")
    lines = ["# Home", "", "Everything I am reading, and a table of what each paper does.", "",
             "## Reading queue", ""]
    for target in rng.sample(list(plan), min(200, len(plan))):
        box = "x" if rng.random() < 0.4 else " "
        if rng.random() < 0.8:
            link = f"[[{target.name}]]"
            stats.count("plain")
        else:
            link = f"[[{target.folder}/{target.name}|{target.alias}]]"
            stats.count("folder-alias")
        lines.append(f"- [{box}] {link}")
    lines += ["", "## Summary", "",
              "| paper | year | field and direction | key design | contribution |",
              "| --- | --- | --- | --- | --- |"]
    for note in plan:
        stats.count("plain")
        design = " ".join(rng.choices(EN_WORDS, k=5))
        contribution = "".join(rng.choices(ZH_WORDS, k=4))
        lines.append(f"| [[{note.name}]] | {note.year} | {rng.choice(FIELDS)} "
                     f"| {design} | {contribution} |")
    return "\n".join(lines) + "\n"


def generate(out: Path, notes: int, seed: int) -> Stats:
    """Write a vault of `notes` paper notes plus `Home.md` into `out` (emptied first)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    plan = plan_notes(notes, seed)
    stats = Stats(notes=notes + 1)
    png = tiny_png()
    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    for note in plan:
        (out / note.key).write_text(note_text(note, plan, seed, stats), encoding="utf-8")
        (out / note.folder / note.image).write_bytes(png)
    (out / "Home.md").write_text(home_text(plan, seed, stats), encoding="utf-8")
    stamp = {"version": GENERATOR_VERSION, "notes": notes, "seed": seed, "words": stats.words,
             "wikilinks": stats.wikilinks, "by_form": stats.by_form}
    (out / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return stats


def cached(out: Path, notes: int, seed: int) -> dict[str, object]:
    """The vault's stamp, generating the vault first unless `out` already holds this one."""
    stamp_path = Path(out) / STAMP
    if stamp_path.exists():
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if (stamp.get("version"), stamp.get("notes"), stamp.get("seed")) == (
                GENERATOR_VERSION, notes, seed):
            return dict(stamp)
    generate(out, notes, seed)
    return dict(json.loads(stamp_path.read_text(encoding="utf-8")))


def check(out: Path) -> list[str]:
    """Load the vault with papernotes and list every link problem (there should be none)."""
    from papernotes.graph import build_graph
    from papernotes.loader import load_vault

    vault = load_vault(out)
    graph = build_graph(vault.notes, vault.attachments)
    return [f"{d.path}:{d.line}: {d.code}: {d.message}" for d in graph.diagnostics
            if d.code in {"broken-link", "ambiguous-link", "missing-heading", "missing-block"}]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000, help="paper notes (Home.md is extra)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (emptied first)")
    parser.add_argument("--check", action="store_true",
                        help="load the vault with papernotes and fail on unresolved links")
    args = parser.parse_args(argv)
    stats = generate(args.out, args.notes, args.seed)
    print(f"{args.out}: {stats.notes} notes, {stats.words} words, {stats.wikilinks} wikilinks "
          f"{json.dumps(stats.by_form)}")
    if args.check:
        problems = check(args.out)
        for problem in problems[:20]:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} link problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
