"""Deterministic synthetic Obsidian vaults of paper notes, for benchmarks and large-vault tests.

    python benchmarks/generate_vault.py --notes 5000 --seed 1 --out benchmarks/out/vault
    python benchmarks/generate_vault.py --notes 5000 --shape realistic --broken 0.3 --out /tmp/v

Every link the generator means to resolve resolves: targets are generated notes, and heading and
block fragments name headings and `^block` ids that the target note really has; the broken links
a `Shape` asks for are counted, so a check knows how many to expect. Code blocks and inline code
carry decoys (`[[not a link]]`, `#not-a-tag`) that a correct parser must ignore. The default
shape (`kind`) writes the same bytes as before shapes existed; the others draw their extra
choices from a separate random stream.
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
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

GENERATOR_VERSION = 4  # bump when the output changes, so cached vaults are regenerated
STAMP = ".generated.json"  # hidden: vault walkers skip it

DEEP_PARTS = ("2023", "2024", "q1", "q4", "reading-group", "week-07", "drafts", "old", "公开课", "세미나")
WANTED = ("ideas", "open problems", "reading list", "todo", "meeting notes", "glossary", "proofs",
          "datasets", "baselines", "related work", "想法", "아이디어")
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


@dataclass(frozen=True, slots=True)
class Shape:
    """What a vault holds beyond its size. The defaults are the original, kind vault; PRESETS
    names the calibrated ones (benchmarks/README.md, "Calibration")."""

    broken: float = 0.0  # share of the links in notes (Home.md aside) that match no file
    cjk: float = 0.35  # share of sentences written in Chinese (4/7) or Korean (3/7)
    cjk_bold: float = 0.0  # share of Chinese sentences with **bold** ending on CJK punctuation
    tables: float = 0.0  # share of notes with a results table
    images: int = 0  # Markdown images per note on top of the embed, cycling `![](...)` / `<img>`
    duplicates: float = 0.0  # share of notes named like an earlier note in another folder
    deep: float = 0.0  # share of notes 1-5 folders below the usual 20 (4-8 levels deep)
    large: float = 0.0  # share of notes that are long surveys (evenly spaced): 20,000-40,000 words, 150-300 links


PRESETS = {
    "kind": Shape(),
    "realistic": Shape(broken=0.02, cjk=0.35, cjk_bold=0.3, tables=0.3, images=2, duplicates=0.03,
                       deep=0.15, large=0.002),
}


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
    shared_name: bool = False  # another note has the same name: links write the folder
    large: bool = False

    @property
    def link_name(self) -> str:
        return f"{self.folder}/{self.name}" if self.shared_name else self.name

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
    wikilinks: int = 0  # links outside code (`[[...]]`, `![[...]]`, images), as the parser should find them
    broken: int = 0  # of which match no file, on purpose
    by_form: dict[str, int] = field(default_factory=dict)

    def count(self, form: str) -> None:
        self.wikilinks += 1
        self.by_form[form] = self.by_form.get(form, 0) + 1


def plan_notes(count: int, seed: int, shape: Shape = Shape()) -> list[PlannedNote]:
    planned: list[PlannedNote] = []
    for index in range(count):
        rng = random.Random(f"{seed}:plan:{index}")
        odd = random.Random(f"{seed}:shape:plan:{index}")  # the shape's choices: kind vaults stay as they were
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
        folder = FOLDERS[index % len(FOLDERS)]
        note = PlannedNote(index, folder, name, title, alias, headings, blocks, rng.randint(2015, 2025))
        if odd.random() < shape.deep:
            note.folder += "/" + "/".join(odd.sample(DEEP_PARTS, odd.randint(1, 5)))
        if index and odd.random() < shape.duplicates:
            twin = planned[odd.randrange(index)]
            twin.shared_name = note.shared_name = True
            note.name = twin.name
            if note.folder == twin.folder:
                note.folder += "/copy"
        every = round(1 / shape.large) if shape.large else 0  # evenly: the same share at every size
        note.large = bool(every) and index % every == every // 2
        planned.append(note)
    return planned


def wikilink(rng: random.Random, target: PlannedNote, stats: Stats) -> str:
    """One link to `target`, in one of the forms Obsidian users write."""
    roll = rng.random()
    if roll < 0.35:
        form, text = "plain", f"[[{target.link_name}]]"
    elif roll < 0.55:
        form, text = "folder-alias", f"[[{target.folder}/{target.name}|{target.alias}]]"
    elif roll < 0.75:
        form, text = "heading", f"[[{target.link_name}#{rng.choice(target.headings)}]]"
    elif roll < 0.85:
        form, text = "block", f"[[{target.link_name}#^{rng.choice(target.blocks)}]]"
    elif roll < 0.93:
        form, text = "embed", f"![[{target.image}|300]]"
    else:
        form, text = "by-alias", f"[[{target.alias}]]"
    stats.count(form)
    return text


def broken_link(odd: random.Random, target: PlannedNote, stats: Stats) -> str:
    """A link that matches no file: a misspelt name, a note never written, a missing image."""
    roll = odd.random()
    if roll < 0.45:
        form, text = "broken-typo", f"[[{misspell(odd, target.name)}]]"
    elif roll < 0.9:
        # Few names, linked again and again (a skewed choice), as notes people mean to write are.
        wanted = WANTED[min(int(odd.expovariate(0.4)), len(WANTED) - 1)]
        form, text = "broken-unwritten", f"[[{wanted}]]"
    else:
        form, text = "broken-image", f"![[missing-{odd.randrange(10**6)}.png]]"
    stats.count(form)
    stats.broken += 1
    return text


def misspell(odd: random.Random, name: str) -> str:
    """One or two letters dropped, doubled or swapped for another: still a name no file has."""
    chars = list(name)
    for _ in range(odd.randint(1, 2)):
        letters = [i for i, char in enumerate(chars) if char.isascii() and char.isalpha()]
        at = odd.choice(letters) if letters else len(chars) - 1
        roll = odd.random()
        if roll < 0.4 and len(chars) > 2:
            del chars[at]
        elif roll < 0.7:
            chars.insert(at, chars[at])
        else:
            chars[at] = "q" if chars[at].casefold() != "q" else "z"  # links match case-insensitively
    return "".join(chars) + ("x" if "".join(chars) == name else "")


def bold_cjk(odd: random.Random, words: list[str]) -> str:
    """`**重点，**然后`: bold ending on CJK punctuation, which CommonMark alone leaves as asterisks."""
    at = odd.randrange(1, len(words))
    return "".join(words[:at]) + f"**{words[at]}，**" + "".join(words[at + 1:])


def sentence(rng: random.Random, shape: Shape = Shape(), odd: random.Random | None = None) -> tuple[str, int]:
    """One sentence of English, Chinese or Korean prose, and its word count."""
    roll = rng.random()
    length = rng.randint(6, 18)
    english, chinese = 1 - shape.cjk, 1 - shape.cjk * 3 / 7  # the default 0.35: 65 % English, 20 % Chinese
    if roll < english:
        words = rng.choices(EN_WORDS, k=length)
        text = " ".join(words).capitalize()
        if rng.random() < 0.15:
            text += f" with `{rng.choice(EN_WORDS)}[[x]]`"
        if rng.random() < 0.1:
            text += " where $\\mathcal{L} = -\\log p(x)$"
        return text + ".", length
    if roll < chinese:
        words = rng.choices(ZH_WORDS, k=length)
        if odd is not None and odd.random() < shape.cjk_bold:
            return bold_cjk(odd, words) + "。", length
        return "".join(words) + "。", length
    return " ".join(rng.choices(KO_WORDS, k=length)) + ".", length


def paragraph(rng: random.Random, links: list[str], stats: Stats, block: str | None = None,
              shape: Shape = Shape(), odd: random.Random | None = None) -> str:
    """A few sentences; the given links are woven in, then a `^block` id when asked."""
    parts = []
    for _ in range(rng.randint(3, 7)):
        text, words = sentence(rng, shape, odd)
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


def results_table(odd: random.Random) -> list[str]:
    """A small table of numbers, as papers' results are copied into notes (not a summary table)."""
    rows = ["| method | dataset | score | 备注 |", "| --- | --- | ---: | --- |"]
    for _ in range(odd.randint(3, 8)):
        rows.append(f"| {odd.choice(TITLE_WORDS)} | {odd.choice(EN_WORDS)}-{odd.randint(1, 9)} "
                    f"| {odd.uniform(10, 99):.1f} | {odd.choice(ZH_WORDS)} |")
    return rows + [""]


def image_links(note: PlannedNote, count: int, stats: Stats) -> list[str]:
    found = []
    for number in range(count):
        if number % 2:
            found.append(f'<img src="{note.image}" width="300">')
            stats.count("img-html")
        else:
            found.append(f"![figure {number}]({note.image.replace(' ', '%20')})")
            stats.count("image")
    return found


def note_text(note: PlannedNote, plan: Sequence[PlannedNote], seed: int, stats: Stats,
              shape: Shape = Shape()) -> str:
    rng = random.Random(f"{seed}:note:{note.index}")
    odd = random.Random(f"{seed}:shape:note:{note.index}")
    targets = [plan[i] for i in (rng.randrange(len(plan)) for _ in range(rng.randint(1, 11)))]
    if note.large:
        targets += [plan[odd.randrange(len(plan))] for _ in range(odd.randint(150, 300))]
    # `broken` is a share of all the links the note writes; only links to other notes break.
    breaking = min(1.0, shape.broken * (1 + len(targets) + shape.images) / len(targets))
    links = [f"![[{note.image}|300]]"] + [
        broken_link(odd, target, stats) if odd.random() < breaking else wikilink(rng, target, stats)
        for target in targets]
    stats.count("embed")
    links += image_links(note, shape.images, stats)
    word_goal = rng.randint(300, 1500)
    if note.large:
        word_goal = odd.randint(20_000, 40_000)
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
        sections += [paragraph(rng, take, stats, blocks.pop() if blocks else None, shape, odd), ""]
        if heading_index == 2:
            sections += [SNIPPET, ""]
        if heading_index == 3 and rng.random() < 0.7:
            sections += [
                "- [ ] re-run the ablation with `seed=1`",
                f"- [x] summarise {rng.choice(TAGS)} results",
                "- [ ] compare with the baseline #to-read",
                "",
            ]
        if heading_index == 2 and odd.random() < shape.tables:
            sections += results_table(odd)
    if links:
        sections += [paragraph(rng, links, stats, None, shape, odd), ""]
    return "\n".join(sections)


def home_text(plan: Sequence[PlannedNote], seed: int, stats: Stats) -> str:
    rng = random.Random(f"{seed}:home")
    lines = ["# Home", "", "Everything I am reading, and a table of what each paper does.", "",
             "## Reading queue", ""]
    for target in rng.sample(list(plan), min(200, len(plan))):
        box = "x" if rng.random() < 0.4 else " "
        if rng.random() < 0.8:
            link = f"[[{target.link_name}]]"
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
        lines.append(f"| [[{note.link_name}]] | {note.year} | {rng.choice(FIELDS)} "
                     f"| {design} | {contribution} |")
    return "\n".join(lines) + "\n"


def generate(out: Path, notes: int, seed: int, shape: Shape = Shape()) -> Stats:
    """Write a vault of `notes` paper notes plus `Home.md` into `out` (emptied first)."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    plan = plan_notes(notes, seed, shape)
    stats = Stats(notes=notes + 1)
    png = tiny_png()
    for folder in FOLDERS:
        (out / folder).mkdir(parents=True, exist_ok=True)
    for note in plan:
        (out / note.folder).mkdir(parents=True, exist_ok=True)
        (out / note.key).write_text(note_text(note, plan, seed, stats, shape), encoding="utf-8")
        (out / note.folder / note.image).write_bytes(png)
    (out / "Home.md").write_text(home_text(plan, seed, stats), encoding="utf-8")
    stamp = {"version": GENERATOR_VERSION, "notes": notes, "seed": seed, "words": stats.words,
             "wikilinks": stats.wikilinks, "by_form": stats.by_form, "broken": stats.broken,
             "shape": shape_fields(shape)}
    (out / STAMP).write_text(json.dumps(stamp, indent=1), encoding="utf-8")
    return stats


def shape_fields(shape: Shape) -> dict[str, float]:
    return {item.name: getattr(shape, item.name) for item in fields(Shape)}


def cached(out: Path, notes: int, seed: int, shape: Shape = Shape()) -> dict[str, object]:
    """The vault's stamp, generating the vault first unless `out` already holds this one."""
    stamp_path = Path(out) / STAMP
    if stamp_path.exists():
        stamp = json.loads(stamp_path.read_text(encoding="utf-8"))
        if (stamp.get("version"), stamp.get("notes"), stamp.get("seed"),
                stamp.get("shape", shape_fields(Shape()))) == (
                GENERATOR_VERSION, notes, seed, shape_fields(shape)):
            return dict(stamp)
    generate(out, notes, seed, shape)
    return dict(json.loads(stamp_path.read_text(encoding="utf-8")))


def check(out: Path, broken: int = 0) -> list[str]:
    """Load the vault with papernotes and list every link problem but the `broken` links
    the shape asked for (there should be none)."""
    from papernotes.graph import build_graph
    from papernotes.loader import load_vault

    vault = load_vault(out)
    graph = build_graph(vault.notes, vault.attachments)
    problems = [f"{d.path}:{d.line}: {d.code}: {d.message}" for d in graph.diagnostics
                if d.code in {"ambiguous-link", "missing-heading", "missing-block"}]
    found = sum(1 for pairs in graph.resolutions.values() for link, where in pairs
                if where is None and not link.external)
    if found != broken:
        problems.append(f"{found} broken links, where the generator wrote {broken}")
    return problems


def shape_from(args: argparse.Namespace) -> Shape:
    """The preset named by --shape, with any field given on the command line replaced."""
    changes = {item.name: getattr(args, item.name) for item in fields(Shape)
               if getattr(args, item.name) is not None}
    return replace(PRESETS[args.shape], **changes)


def add_shape_options(parser: argparse.ArgumentParser, default: str = "kind") -> None:
    parser.add_argument("--shape", choices=sorted(PRESETS), default=default,
                        help=f"what the notes hold besides their number (default {default})")
    for item in fields(Shape):
        kind = int if item.type in ("int", int) else float
        parser.add_argument("--" + item.name.replace("_", "-"), dest=item.name, type=kind, default=None,
                            help=f"override the shape's {item.name} (kind: {item.default})")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=1000, help="paper notes (Home.md is extra)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to write (emptied first)")
    parser.add_argument("--check", action="store_true",
                        help="load the vault with papernotes and fail on unresolved links")
    add_shape_options(parser)
    args = parser.parse_args(argv)
    stats = generate(args.out, args.notes, args.seed, shape_from(args))
    print(f"{args.out}: {stats.notes} notes, {stats.words} words, {stats.wikilinks} links "
          f"({stats.broken} broken) {json.dumps(stats.by_form, ensure_ascii=False)}")
    if args.check:
        problems = check(args.out, stats.broken)
        for problem in problems[:20]:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} link problems")
        return 1 if problems else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
