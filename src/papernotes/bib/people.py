"""Authors and venues as identities: `He, Kaiming` = `Kaiming He`, `CVPR'23` = `CVPR 2023` = CVPR."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from papernotes.ids import NAME_PARTICLES, is_known_venue, normalise_venue, title_key, venue_of_full_name
from papernotes.paths import slugify

_CJK_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_ACRONYM_RE = re.compile(r"\(([A-Za-z][A-Za-z&\- ]{1,15}?)[\s\-']*(?:(?:19|20)\d{2})?\)")
_PROCEEDINGS_RE = re.compile(r"^(?:proceedings of (?:the )?|proc\. (?:of )?)", re.IGNORECASE)
_VENUE_NOTE_RE = re.compile(r"(?<!\s)\s*+\((?:oral|poster|spotlight|highlight|workshop)\)\s*+$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Person:
    """An author name split once: `given` may be initials only (`K.`)."""

    given: str
    family: str
    whole: bool = False
    """A name kept as written (CJK, an organisation): never split or matched by initials."""

    @property
    def display(self) -> str:
        return self.family if self.whole or not self.given else f"{self.given} {self.family}"

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in re.split(r"[\s.\-]+", self.given) if part).casefold()

    @property
    def initials_only(self) -> bool:
        parts = [part for part in re.split(r"[\s.\-]+", self.given) if part]
        return bool(parts) and all(len(part) == 1 for part in parts)

    @property
    def key(self) -> str:
        """Same key, same person: family and full given names, case and accents ignored (and the
        space of a CJK name: `宋 爽` is `宋爽`)."""
        if self.whole:
            return _person_key(self.family.replace(" ", "") if _CJK_RE.search(self.family) else self.family, "")
        return _person_key(self.family, self.given)


@lru_cache(maxsize=65536)
def _person_key(family: str, given: str) -> str:
    return _fold(family) + "|" + _fold(given)


def _fold(text: str) -> str:
    if text.isascii():
        return " ".join(text.casefold().replace(".", " ").split())
    text = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().replace(".", " ").split())


@lru_cache(maxsize=65536)
def parse_name(name: str) -> Person:
    """`He, Kaiming`, `Kaiming He`, `K. He`, `van der Maaten, Laurens`; `何恺明` and one-word names
    whole. A Chinese, Japanese or Korean name is whole and family first (see `cjk_name`)."""
    name = " ".join(name.split())
    if _CJK_RE.search(name):
        return Person("", cjk_name(name), whole=True)
    if " " not in name.replace(",", " ").strip():
        return Person("", name.strip(" ,"), whole=True)
    simple = _simple_split(name)
    if simple is not None:
        return simple
    from nameparser import HumanName  # ~0.4 ms a name: kept for particles, suffixes, titles

    human = HumanName(name)
    given = " ".join(part for part in (human.first, human.middle) if part)
    family = " ".join(part for part in (human.last, human.suffix) if part) if human.last else human.suffix
    if not family:
        return Person("", name, whole=True)
    return Person(given, family)


# Common family names, commonest first: what tells `爽 宋` (given first, as a Zotero template writes
# `{{firstName}} {{lastName}}`) from `宋 爽`. Chinese (simplified and traditional) and Korean.
_FAMILY_NAMES = {name: rank for rank, name in enumerate((
    "王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 "
    "袁 潘 于 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 姜 崔 钟 谭 陆 汪 范 金 石 廖 贾 夏 韦 付 方 白 邹 孟 "
    "熊 秦 邱 江 尹 薛 闫 段 雷 侯 龙 史 陶 黎 贺 顾 毛 郝 龚 邵 万 钱 严 覃 武 戴 莫 孔 向 汤 傅 常 温 康 施 "
    "牛 樊 葛 邢 安 齐 易 乔 伍 庞 颜 倪 庄 聂 章 鲁 岳 翟 殷 詹 申 欧 耿 关 兰 焦 俞 左 柳 甘 祝 包 宁 "
    "欧阳 司马 上官 诸葛 东方 皇甫 司徒 慕容 令狐 "
    "張 劉 陳 楊 黃 趙 吳 許 韓 馮 鄧 蕭 葉 蘇 呂 盧 鍾 譚 陸 賈 鄒 龔 錢 嚴 莊 聶 魯 歐 關 蘭 "
    "김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 전 홍 유 고 문 양 손 배 백 허 남 심 노 하 곽 성 "
    "차 주 우 구 민 류 나 진 지 엄 채 원 천 방 공 현 함 변 염 여 추 도 소 석 선 설 마 길 연 위 표 명 기 "
    "남궁 황보 제갈 선우 독고"
).split())}


def cjk_name(name: str) -> str:
    """A Chinese, Japanese or Korean name, family name first as it is written at home: a
    library's `宋, 爽` (family, given) is `宋爽`; `爽 宋` (given first, as a Western template
    writes it) is `宋爽` when its last part is a common family name and its first part is not
    (or a rarer one); any other name is kept as written (`山田 太郎`, `김민수`, `宋爽`)."""
    name = name.strip(" ,")
    family, comma, given = name.partition(",")
    if comma and _CJK_RE.search(family) and _CJK_RE.search(given) and "," not in given:
        return family.strip() + given.strip()
    parts = name.split(" ")
    if len(parts) == 2 and parts[1] in _FAMILY_NAMES and \
            _FAMILY_NAMES.get(parts[0], len(_FAMILY_NAMES)) > _FAMILY_NAMES[parts[1]]:
        return parts[1] + parts[0]
    return name


_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "phd", "ph.d.", "md"}
_TITLES = {"dr", "dr.", "prof", "prof.", "mr", "mr.", "ms", "ms.", "mrs", "mrs."}


_PARTICLES = NAME_PARTICLES | {"bin", "ibn", "al", "el", "st", "st.", "y", "e", "mac", "af", "av"}


def _simple_split(name: str) -> Person | None:
    """The shapes nearly every library uses, without nameparser: `Family, Given`, `Given Family`
    and `Given M. Family` (every word capitalised, no particle: as nameparser splits them, ~100
    times faster; a library's `Hinton, Geoffrey E.` is shown, and read again, as `Geoffrey E. Hinton`)."""
    if name.count(",") == 1:
        family, given = (part.strip() for part in name.split(","))
        if family and given and given.casefold() not in _SUFFIXES and family.casefold() not in _TITLES:
            return Person(given, family)
        return None
    words = name.split(" ")
    if "," in name or {w.casefold() for w in words} & (_SUFFIXES | _TITLES):
        return None
    if len(words) == 2:
        return Person(words[0], words[1])
    if all(word[:1].isupper() for word in words) and not {w.casefold() for w in words} & _PARTICLES:
        return Person(" ".join(words[:-1]), words[-1])
    return None


def stable_key(first_author: str, year: int | None, title: str) -> str:
    """A BibTeX key that stays the same between builds: `he2016deep` (family, year, first title word)."""
    family = parse_name(first_author).family if first_author else ""
    family_part = re.sub(r"[^a-z]", "", _fold(family)) or "anon"
    stop = {"a", "an", "the", "on", "of", "and", "for", "in", "to", "with"}
    words = [word for word in title_key(title).split() if word.isascii() and word not in stop]
    return f"{family_part}{year or ''}{words[0] if words else ''}"


class AuthorIndex:
    """Every author name seen, folded into people: a name written with initials (`K. He`) joins the
    one person with that family name and those initials, and stays apart when two could be meant."""

    def __init__(self, names: Iterable[str]) -> None:
        self.people: dict[str, Person] = {}
        by_family: dict[str, list[Person]] = defaultdict(list)
        abbreviated: list[Person] = []
        for name in dict.fromkeys(names):
            person = parse_name(name)
            if person.key in self.people:
                continue
            self.people[person.key] = person
            if person.initials_only:
                abbreviated.append(person)
            elif not person.whole:
                by_family[_fold(person.family)].append(person)
        self.same_as: dict[str, str] = {}
        self._keys: dict[str, str] = {}
        for person in abbreviated:
            candidates = [full for full in by_family.get(_fold(person.family), [])
                          if full.initials.startswith(person.initials)]
            if len(candidates) == 1:
                self.same_as[person.key] = candidates[0].key

    def key(self, name: str) -> str:
        found = self._keys.get(name)
        if found is None:
            person = parse_name(name)
            found = self._keys[name] = self.same_as.get(person.key, person.key)
        return found

    def display(self, key: str) -> str:
        return self.people[key].display

    def slug(self, key: str) -> str:
        return slugify(self.display(key))


@lru_cache(maxsize=16384)
def venue_name(venue: str) -> str:
    """The venue a paper appeared at, without its year: `CVPR'23`, `CVPR 2023`, `Proceedings of the
    IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)` -> `CVPR`; arXiv is `arXiv`;
    a full name without its acronym as `ids.venue_of_full_name` knows it (`Proceedings of the IEEE
    conference on computer vision and pattern recognition`) -> `CVPR`."""
    text = _VENUE_NOTE_RE.sub("", " ".join(venue.split()))
    if text.lower().startswith(("arxiv", "corr")):
        return "arXiv"
    for match in _ACRONYM_RE.finditer(text):
        if is_known_venue(match.group(1)):
            return normalise_venue(match.group(1))[0]
    full = venue_of_full_name(text)
    if full is not None:
        return full
    name, _ = normalise_venue(_PROCEEDINGS_RE.sub("", text))
    return name


def venue_slug(venue: str) -> str:
    return slugify(venue_name(venue))
