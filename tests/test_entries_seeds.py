"""Inline entries of the five seed notes: exact counts, and every field of a sample per seed.

Expectations were written by reading the seeds (`../shared/seeds`), not from the recognisers.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import pytest

from papernotes.entries import EntryContext, recognise_entries
from papernotes.markdown import make_parser
from papernotes.model import NoteKey, NoteMeta, Paper
from tests.conftest import seed_path

pytestmark = pytest.mark.seeds

SUPIR_FILE = (
    "2024_01_Arxiv_Scaling-Up-to-Excellence--Practicing-Model-Scaling-for-Photo-Realistic-Image-Restoration-In-the-Wild"
)


def _split(text: str) -> tuple[str, int, NoteMeta]:
    """Body, its first file line, and the Dendron `created` date: a test-only frontmatter split."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return text, 1, NoteMeta()
    end = lines.index("---", 1)
    created = None
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        if key.strip() == "created" and value.strip().isdigit():
            moment = datetime.fromtimestamp(int(value) / 1000, UTC)
            created = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    return "\n".join(lines[end + 1 :]), end + 2, NoteMeta(created=created)


@cache
def _papers(prefix: str) -> tuple[Paper, ...]:
    path = seed_path(f"{prefix}_")
    body, body_line, meta = _split(path.read_text(encoding="utf-8"))
    context = EntryContext(NoteKey(f"seeds/{path.name}"), body_line, meta)
    return tuple(recognise_entries(make_parser().parse(body), context))


def papers(prefix: str) -> tuple[Paper, ...]:
    seed_path(f"{prefix}_")  # skips, or fails under CI, where the seed is missing
    return _papers(prefix)


def at(prefix: str, line: int) -> Paper:
    found = [paper for paper in papers(prefix) if paper.sources[0].line == line]
    assert len(found) == 1, f"{len(found)} entries at line {line}"
    return found[0]


def check(paper: Paper, **expected: object) -> None:
    """Every field named, plus the defaults for the ones not named."""
    defaults: dict[str, object] = {
        "venue": None,
        "year": None,
        "month": None,
        "authors": (),
        "links": (),
        "arxiv": None,
        "doi": None,
        "status": None,
        "short_name": "",
        "attributes": (),
    }
    for name, value in {**defaults, **expected}.items():
        if name == "kind":
            assert paper.sources[0].kind == value
        elif name == "summary_start":
            assert paper.summary.startswith(str(value)), paper.summary
        else:
            assert getattr(paper, name) == value, f"{name}: {getattr(paper, name)!r}"
    assert paper.anchor == ""


@pytest.mark.parametrize(
    ("prefix", "count"),
    [("000", 0), ("001", 286 + 93), ("002", 12), ("003", 64), ("004", 13)],
)
def test_entry_count(prefix: str, count: int) -> None:
    assert len(papers(prefix)) == count


def test_kinds_per_seed() -> None:
    kinds = {paper.sources[0].kind for paper in papers("001")}
    assert kinds == {"reading-log", "bold-title-list"}
    assert sum(paper.sources[0].kind == "bold-title-list" for paper in papers("001")) == 93
    assert {paper.sources[0].kind for paper in papers("003")} == {"survey-list"}
    assert {paper.sources[0].kind for paper in papers("004")} == {"daily-section"}
    lines = [paper.sources[0].line for paper in papers("001")]
    assert lines == sorted(lines)
    name = seed_path("001_").name
    assert all(paper.sources[0].path == f"seeds/{name}" for paper in papers("001"))


# --- seed 001: reading log (first half) -------------------------------------------------------


def test_001_reading_log_linked_with_colab_and_blog() -> None:
    check(
        at("001", 35),
        kind="reading-log",
        title="Lenet-5",
        year=1998,
        tags=("Classification",),
        links=(
            ("blog", "https://deep-learning-study.tistory.com/368"),
            (
                "code",
                "https://github.com/Seonghoon-Yu/paper-implement-in-pytorch/blob/master/"
                "Classification/LeNet_5(1998).ipynb",
            ),
            ("blog", "https://deep-learning-study.tistory.com/503"),
        ),
    )


def test_001_reading_log_with_lead_text_and_pdf() -> None:
    check(
        at("001", 41),
        kind="reading-log",
        title="Knowledge Distillation",
        year=2014,
        tags=("Classification",),
        arxiv="1503.02531",
        links=(
            ("blog", "https://deep-learning-study.tistory.com/699"),
            (
                "code",
                "https://github.com/Seonghoon-Yu/Paper_Review_and_Implementation_in_PyTorch/blob/master/"
                "Classification/Knowledge_distillation(2014).ipynb",
            ),
            ("blog", "https://deep-learning-study.tistory.com/700"),
            ("paper", "https://arxiv.org/abs/1503.02531"),
        ),
    )


def test_001_reading_log_unlinked_forms() -> None:
    check(
        at("001", 216),
        kind="reading-log",
        title="Dynamic Head, Unifying Object Detection Heads with Attention",
        year=2021,
        tags=("Object Detection",),
        arxiv="2106.08322",
        links=(("paper", "https://arxiv.org/abs/2106.08322"),),
    )
    check(
        at("001", 226),
        kind="reading-log",
        title="DINO, DETR with Imporved DeNoising Anchor Boxes for End-to-End Object Detection",
        short_name="DINO",
        year=2022,
        tags=("Object Detection",),
        arxiv="2203.03605",
        links=(("paper", "https://arxiv.org/abs/2203.03605"),),
    )
    # `(2102)` marks a paper but is no year.
    check(
        at("001", 206),
        kind="reading-log",
        title="Localization Distillation for Dense Object Detection",
        tags=("Object Detection",),
    )


def test_001_reading_log_bare_url_doi_and_video() -> None:
    check(
        at("001", 358),
        title="MAST",
        year=2020,
        tags=("Video SSL",),
        arxiv="2002.07793",
        links=(
            ("blog", "https://deep-learning-study.tistory.com/836"),
            ("paper", "https://arxiv.org/abs/2002.07793"),
        ),
    )
    check(
        at("001", 428),
        title="STA-TSN: Spatial-Temporal Attention Temporal Segment Network for action recognition in video",
        tags=("Video Recognition - Two Stream CNNs",),
        doi="10.1371/journal.pone.0265115",
        links=(("paper", "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0265115"),),
    )
    check(
        at("001", 442),
        title="TimeSformer",
        year=2021,
        tags=("Video Recognition - Transformer",),
        arxiv="2102.05095",
        links=(
            ("blog", "https://deep-learning-study.tistory.com/848"),
            ("paper", "https://arxiv.org/abs/2102.05095"),
            ("other", "https://youtu.be/xSf40PZjTxQ"),
        ),
    )


def test_001_not_papers() -> None:
    titles = {paper.title for paper in papers("001")}
    assert "Classification" not in titles  # table of contents
    assert "Resources" not in titles
    assert not any("파이토치로 구현하기" in title for title in titles)  # tutorials
    assert "Implementation of Denoising Diffusion Probabilistic Model in Pytorch" not in titles
    assert "What are Diffusion Models?" not in titles  # Introductory Posts: website only
    assert "Generative Modeling by Estimating Gradients of the Data Distribution" in titles  # the paper
    assert not [paper for paper in papers("001") if paper.sources[0].line in (651, 656)]


# --- seed 001: bold-title list (diffusion half) -----------------------------------------------


def test_001_bold_title_full_entry() -> None:
    paper = at("001", 687)
    check(
        paper,
        kind="bold-title-list",
        title="Deep Unsupervised Learning using Nonequilibrium Thermodynamics",
        venue="ICML",
        year=2015,
        month=3,
        authors=("Jascha Sohl-Dickstein", "Eric A. Weiss", "Niru Maheswaranathan", "Surya Ganguli"),
        tags=("Must-read papers",),
        arxiv="1503.03585",
        links=(
            ("paper", "https://arxiv.org/abs/1503.03585"),
            ("code", "https://github.com/Sohl-Dickstein/Diffusion-Probabilistic-Models"),
        ),
        summary_start="Diffusion의 시작. Reverse diffusion process를",
    )
    assert len(paper.summary) <= 201


def test_001_bold_title_sup_marks_and_oral() -> None:
    check(
        at("001", 699),
        title="Improved Denoising Diffusion Probabilistic Models",
        venue="ICLR",
        year=2021,
        month=2,
        authors=("Alex Nichol", "Prafulla Dhariwal"),
        tags=("Must-read papers",),
        arxiv="2102.09672",
        links=(
            ("paper", "https://arxiv.org/abs/2102.09672"),
            ("code", "https://github.com/openai/improved-diffusion"),
        ),
        summary_start="사실 필수로 읽어야 하는 논문까지는 아님.",
    )
    # ICLR 2021 (Oral), first posted 26 Nov 2020: the month belongs to another year.
    check(
        at("001", 723),
        title="Score-Based Generative Modeling through Stochastic Differential Equations",
        venue="ICLR",
        year=2021,
        authors=(
            "Yang Song",
            "Jascha Sohl-Dickstein",
            "Diederik P. Kingma",
            "Abhishek Kumar",
            "Stefano Ermon",
            "Ben Poole",
        ),
        tags=("Must-read papers",),
        arxiv="2011.13456",
        links=(
            ("paper", "https://arxiv.org/abs/2011.13456"),
            ("code", "https://github.com/yang-song/score_sde"),
        ),
        attributes=(("presentation", "Oral"),),
        summary_start="Score-based 와 DDPM을 SDE로",
    )


def test_001_bold_title_submissions() -> None:
    check(
        at("001", 784),
        title="DiffEdit: Diffusion-based semantic image editing with mask guidance",
        year=2022,
        month=10,
        authors=("Guillaume Couairon", "Jakob Verbeek", "Holger Schwenk", "Matthieu Cord"),
        tags=("Stable Diffusion Freeze",),
        arxiv="2210.11427",
        links=(("paper", "https://arxiv.org/abs/2210.11427"),),
        attributes=(("submitted_to", "ICLR 2023"),),
        summary_start="Reference text와 query text가",
    )
    check(
        at("001", 1036),
        title="TEXT-GUIDED DIFFUSION IMAGE STYLE TRANSFER WITH CONTRASTIVE LOSS FINE-TUNING",
        year=2022,
        month=9,
        tags=("Image Editing",),
        links=(("paper", "https://openreview.net/forum?id=iJ_E0ZCy8fi"),),
        attributes=(("submitted_to", "ICLR 2023"),),
        summary_start="CLIP (global + directional)",
    )


def test_001_bold_title_code_only_and_authors_as_list() -> None:
    check(
        at("001", 761),
        title="Adding Conditional Control to Text-to-Image Difusion Models",
        authors=("Lvmin Zhang", "Maneesh Agrawala"),
        tags=("Stable Diffusion Freeze",),
        links=(("code", "https://github.com/lllyasviel/ControlNet"),),
        summary_start="어떤 condition 이든 학습할 수 있는 ControlNet 을 제안.",
    )
    # `* Authors *\` opens a list after a lone bold title: the list continues the entry.
    check(
        at("001", 1067),
        title="MasaCtrl: Tuning-Free Mutual Self-Attention Control for Consistent Image Synthesis and Editing",
        venue="arXiv",
        year=2023,
        month=4,
        authors=("Mingdeng Cao", "Xintao Wang", "Zhongang Qi", "Ying Shan", "Xiaohu Qie", "Yinqiang Zheng"),
        tags=("Image Editing",),
        arxiv="2304.08465",
        links=(("paper", "https://arxiv.org/abs/2304.08465"),),
        summary_start="Plug&play upgrade version",
    )


def test_001_bold_title_broken_markup() -> None:
    check(
        at("001", 1172),
        title="Latent-Shift: Latent Diffusion with Temporal Shift for Efficient Text-to-Video Generation",
        venue="arXiv",
        year=2023,
        month=4,
        authors=("Jie An", "Songyang Zhang", "Harry Yang", "Sonal Gupta", "Jia-Bin Huang", "Jiebo Luo", "Xi Yin"),
        tags=("Video Generation and Editing",),
        arxiv="2304.08477",
        links=(
            ("paper", "https://arxiv.org/pdf/2304.08477.pdf"),
            ("project", "https://latent-shift.github.io/"),
        ),
        summary_start="T2I model로 T2V model을 학습.",
    )
    check(
        at("001", 875),
        title="Soft Diffusion: Score Matching for General Corruptions",
        venue="arXiv",
        year=2022,
        month=9,
        authors=("Giannis Daras", "Mauricio Delbracio", "Hossein Talebi", "Alexandros G. Dimakis", "Peyman Milanfar"),
        tags=("Image Generation",),
        arxiv="2209.05442",
        links=(("paper", "https://arxiv.org/abs/2209.05442"),),
        summary_start="gaussian noise말고 blur까지",
    )
    check(
        at("001", 1018),
        title="Palette: Image-to-Image Diffusion Models",
        venue="NeurlPS",  # the author's spelling is kept
        year=2022,
        authors=(
            "Chitwan Saharia",
            "William Chan",
            "Huiwen Chang",
            "Chris A. Lee",
            "Jonathan Ho",
            "Tim Salimans",
            "David J. Fleet",
            "Mohammad Norouzi",
        ),
        tags=("Image Editing",),
        arxiv="2111.05826",
        links=(("paper", "https://arxiv.org/abs/2111.05826"),),
        summary_start="별거 안하고 그냥 튜닝해서",
    )


# --- seed 002: 《》 headings and the first-heading paper ------------------------------------


def test_002_first_heading_paper() -> None:
    check(
        at("002", 1),
        kind="paper-heading",
        title="Learning Transferable Visual Models From Natural Language Supervision",
        short_name="CLIP",
        venue="ICML",
        year=2021,
        tags=(),
        arxiv="2103.00020",
        links=(
            ("other", "https://openai.com/research/clip"),
            ("paper", "https://arxiv.org/abs/2103.00020"),
            ("code", "https://github.com/openai/CLIP"),
        ),
    )


def test_002_bracket_headings_with_venues() -> None:
    check(
        at("002", 21),
        kind="bracket-heading",
        title="DreamBooth: Fine Tuning Text-to-Image Diffusion Models for Subject-Driven Generation",
        venue="CVPR",
        year=2023,
        tags=(),
        links=(
            ("paper", "https://ieeexplore.ieee.org/document/10204880/authors#authors"),
            ("project", "https://dreambooth.github.io"),
        ),
    )
    # No venue of its own: the enclosing `# CVPR-2023`.
    check(
        at("002", 36),
        kind="bracket-heading",
        title="Run, Don't Walk: Chasing Higher FLOPS for Faster Neural Networks",
        venue="CVPR",
        year=2023,
        tags=(),
        links=(
            ("paper", "https://ieeexplore.ieee.org/document/10203371"),
            ("code", "https://github.com/JierunChen/FasterNet"),
        ),
    )
    check(
        at("002", 55),
        title="Scaling up GANs for Text-to-Image Synthesis",
        venue="CVPR",
        year=2023,
        tags=(),
        links=(("paper", "https://ieeexplore.ieee.org/document/10205294/references#references"),),
    )


def test_002_bracket_headings_year_and_short_name() -> None:
    check(
        at("002", 133),
        title="BERT: Pre-training of Deep Bidirectional Transformers for Language Understanding",
        year=2019,
        tags=(),
        arxiv="1810.04805",
        links=(
            ("paper", "https://arxiv.org/abs/1810.04805"),
            ("code", "https://github.com/google-research/bert"),
        ),
    )
    check(
        at("002", 139),
        title="Discovering the Hidden Vocabulary of DALLE-2",
        venue="arXiv",
        tags=(),
        arxiv="2206.00169",
        links=(
            (
                "paper",
                "extension://bfdogplmndidlpjfhoijckpakkdjkkil/pdf/viewer.html?"
                "file=https%3A%2F%2Farxiv.org%2Fpdf%2F2206.00169.pdf",
            ),
        ),
    )
    check(
        at("002", 143),
        title="Hierarchical Text-Conditional Image Generation with CLIP Latents",
        short_name="DALLE2",
        venue="arXiv",
        tags=(),
        arxiv="2204.06125",
        links=(
            ("paper", "https://ar5iv.labs.arxiv.org/html/2204.06125?_immersive_translate_auto_translate=0"),
        ),
    )


def test_002_not_papers() -> None:
    titles = {paper.title for paper in papers("002")}
    assert not titles & {"Paper template", "Stability-AI", "Google AI", "Arxiv", "CVPR-2023", "FasterNet"}


# --- seed 003: Typora survey list ----------------------------------------------------------


def test_003_survey_entry_in_blockquote() -> None:
    check(
        at("003", 16),
        kind="survey-list",
        title="GAN Inversion: A Survey",
        venue="CVPR&TPAMI",
        year=2021,
        month=1,
        tags=("image prior",),
        arxiv="2101.05278",
        links=(
            ("paper", "https://arxiv.org/abs/2101.05278"),
            ("code", "https://github.com/weihaox/GAN-Inversion"),
        ),
    )


def test_003_survey_entry_with_pdf_note_and_authors() -> None:
    check(
        at("003", 37),
        title="Paint by Example: Exemplar-based Image Editing with Diffusion Models",
        venue="CVPR",
        year=2022,
        month=11,
        authors=(
            "Binxin Yang",
            "Shuyang Gu",
            "Bo Zhang",
            "Ting Zhang",
            "Xuejin Chen",
            "Xiaoyan Sun",
            "Dong Chen",
            "Fang Wen",
        ),
        tags=("image prior",),
        arxiv="2211.13227",
        links=(
            ("paper", "http://arxiv.org/abs/2211.13227v1"),
            ("code", "https://github.com/Fantasy-Studio/Paint-by-Example"),
            ("pdf", "./2022_11_CVPR_Paint-by-Example--Exemplar-based-Image-Editing-with-Diffusion-Models.pdf"),
            ("note", "./2022_11_CVPR_Paint-by-Example--Exemplar-based-Image-Editing-with-Diffusion-Models_Note.md"),
        ),
    )


def test_003_survey_venue_variants_and_short_names() -> None:
    check(
        at("003", 64),
        title="Hierarchical Integration Diffusion Model for Realistic Image Deblurring",
        venue="NeurIPS",
        year=2023,
        month=5,
        tags=("image prior",),
        arxiv="2305.12966",
        attributes=(("presentation", "Spotlight"),),
        links=(
            ("paper", "http://arxiv.org/pdf/2305.12966v4"),
            ("code", "https://github.com/zhengchen1999/HI-Diff"),
            ("note", "2023_05_NIPS_Hierarchical-Integration-Diffusion-Model-for-Realistic-Image-Deblurring_Note.md"),
        ),
    )
    check(
        at("003", 289),
        title="Align your Latents: High-Resolution Video Synthesis with Latent Diffusion Models",
        short_name="VideoLDM",
        venue="CVPR",
        year=2023,
        month=4,
        tags=("Video Diffusion",),
        arxiv="2304.08818",
        attributes=(("marker", "star"), ("marker", "warning")),
        links=(
            ("paper", "https://arxiv.org/abs/2304.08818"),
            ("project", "https://research.nvidia.com/labs/toronto-ai/VideoLDM/"),
            ("code", "https://github.com/srpkdyy/VideoLDM.git"),
            (
                "note",
                "./2023_04_CVPR_Align-your-Latents--High-Resolution-Video-Synthesis-with-Latent-Diffusion-Models"
                "_Note.md",
            ),
        ),
    )
    check(
        at("003", 187),
        title="Scaling Up to Excellence: Practicing Model Scaling for Photo-Realistic Image Restoration In the Wild",
        short_name="SUPIR",
        venue="arXiv",
        year=2024,
        month=1,
        tags=("image prior",),
        arxiv="2401.13627",
        authors=(
            "Fanghua Yu",
            "Jinjin Gu",
            "Zheyuan Li",
            "Jinfan Hu",
            "Xiangtao Kong",
            "Xintao Wang",
            "Jingwen He",
            "Yu Qiao",
            "Chao Dong",
        ),
        links=(
            ("paper", "http://arxiv.org/abs/2401.13627v1"),
            ("code", "https://github.com/Fanghua-Yu/SUPIR"),
            ("project", "https://supir.xpixel.group/"),
            ("pdf", f"./{SUPIR_FILE}.pdf"),
            ("note", f"{SUPIR_FILE}_Note.md"),
        ),
    )
    check(
        at("003", 88),
        title="Exploiting diffusion prior for real-world image super-resolution",
        short_name="StableSR",
        venue="arXiv",
        year=2023,
        month=5,
        tags=("image prior",),
        arxiv="2305.07015",
        attributes=(("marker", "star"),),
        links=(
            ("paper", "https://arxiv.org/pdf/2305.07015.pdf"),
            ("code", "https://github.com/IceClear/StableSR"),
        ),
    )


def test_003_survey_tasks_summary_and_parenthesised_short_name() -> None:
    check(
        at("003", 627),
        title="Latent Consistency Models: Synthesizing High-Resolution Images with Few-Step Inference",
        status="read",
        tags=("Diffusion Acceleration",),
        arxiv="2310.04378",
        authors=("Simian Luo", "Yiqin Tan", "Longbo Huang", "Jian Li", "Hang Zhao"),
        links=(
            ("paper", "https://arxiv.org/abs/2310.04378"),
            ("project", "https://latent-consistency-models.github.io/"),
        ),
    )
    check(
        at("003", 644),
        title="Adversarial Diffusion Distillation",
        status="to-read",
        short_name="ADD",
        venue="arXiv",
        year=2023,
        month=11,
        tags=("Diffusion Acceleration",),
        arxiv="2311.17042",
        authors=("Axel Sauer", "Dominik Lorenz", "Andreas Blattmann", "Robin Rombach"),
        links=(
            ("paper", "http://arxiv.org/abs/2311.17042v1"),
            ("code", "https://github.com/Stability-AI/generative-models"),
            ("pdf", "./2023_11_Arxiv_Adversarial-Diffusion-Distillation.pdf"),
            ("note", "./2023_11_Arxiv_Adversarial-Diffusion-Distillation_Note.md"),
        ),
    )
    check(
        at("003", 26),
        title="InstructPix2Pix: Learning to Follow Image Editing Instructions",
        venue="CVPR",
        year=2022,
        month=11,
        tags=("image prior",),
        arxiv="2211.09800",
        links=(("paper", "https://arxiv.org/abs/2211.09800"),),
        summary="融合多模态输入",
    )
    check(
        at("003", 690),
        title="Scalable Diffusion Models with Transformers",
        short_name="DiT",
        tags=("VideoArc",),
        links=(("code", "https://github.com/facebookresearch/DiT"),),
    )


def test_003_no_prose_quotes() -> None:
    titles = {paper.title for paper in papers("003")}
    assert "Adding conditional control to text-to-image diffusion models" not in titles
    assert "Meta-Learning-Based Degradation Representation for Blind Super-Resolution" not in titles
    assert not [paper for paper in papers("003") if paper.status is not None and paper.venue == "MICCAI"]


# --- seed 004: Dendron daily note ----------------------------------------------------------


def test_004_daily_sections() -> None:
    read_on = (("read_on", "2023-12-07"),)
    check(
        at("004", 10),
        kind="daily-section",
        title="FoodFusion: A Latent Diffusion Model for Realistic Food Image Generation",
        tags=("image_generation",),
        attributes=read_on,
        summary_start="食物图片的生成对于一些应用场景，比如饮食评估，是非常有用的。",
    )
    check(
        at("004", 34),
        title="KANDINSKY 3.0 TECHNICAL REPORT",
        tags=("image_generation",),
        attributes=read_on,
        summary_start="文本到图像生成是一种利用自然语言描述来创造逼真的图像的技术",
    )
    check(
        at("004", 57),
        title="Customization Assistant for Text-to-image Generation",
        tags=("Customization", "MLLM"),
        attributes=read_on,
        summary_start="这篇论文是关于文本到图像生成的",
    )
    check(
        at("004", 82),
        title=(
            "F3-Pruning: A Training-Free and Generalized Pruning Strategy towards Faster and Finer "
            "Text-to-Video Synthesis"
        ),
        tags=("video_generation", "Video", "Video_efficient"),
        attributes=read_on,
        summary_start="文本到视频合成（T2V）是一种根据文本描述生成视频的技术",
    )
    check(
        at("004", 196),
        title="DreamComposer: Controllable 3D Object Generation via Multi-View Conditions",
        tags=("_3D_generation",),
        attributes=read_on,
        summary_start="三维物体生成是计算机视觉和图形学中的一个重要研究课题",
    )
    check(
        at("004", 250),
        title="MagicAnimate: Temporally Consistent Human Image Animation using Diffusion Model",
        tags=("video_generation", "Video"),
        attributes=read_on,
        summary_start="人体图像动画是指利用计算机技术将静态的人体图像变成动态的视频",
    )
    assert all(len(paper.summary) <= 201 for paper in papers("004"))
