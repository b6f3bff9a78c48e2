"""Compiled templates kept between builds (`papernotes.template_cache`): a second build in a new
process compiles no template and writes the same site as a build without the store; the key
follows everything the compiled code depends on (a filter folded at compile time, whitespace
settings); a folder others may write, or a damaged file, is never run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from papernotes.template_cache import TemplateCache, described, environment_signature, template_cache
from tests.test_search import files_of

VAULT = {
    "index.md": "# Home\n\nSee [[Sora]].\n",
    "Papers/Sora.md": "---\nyear: 2024\ntags: [video]\n---\n# Sora\n\nLike [[Latte]]. Also [[Missing]].\n",
    "Papers/Latte.md": "# Latte\n\nText with `code`.\n",
}

# counts the templates compiled in this process, then builds the site named on the command line
_BUILD = """
import sys, jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config
compiled = []
original = jinja2.Environment.compile
def counted(self, source, name=None, filename=None, *args, **kwargs):
    compiled.append(name)
    return original(self, source, name, filename, *args, **kwargs)
jinja2.Environment.compile = counted
build(load_config(sys.argv[1]))
print(len(compiled))
"""


def _build(tmp_path: Path, name: str, cache: str) -> tuple[Path, int]:
    docs = tmp_path / "docs"
    for path, text in VAULT.items() if not docs.exists() else ():  # once: the feed shows the files' times
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    site = tmp_path / name
    config = tmp_path / f"{name}.yml"
    config.write_text(f"site_name: Cached\ndocs_dir: {docs}\nsite_dir: {site}\n"
                      "theme:\n  name: material\n  font: false\nplugins:\n  - papernotes:\n      search: none\n",
                      encoding="utf-8")
    env = dict(os.environ, PAPERNOTES_CACHE=cache, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-c", _BUILD, str(config)], env=env, capture_output=True,
                          text=True, check=True)
    return site, int(done.stdout.split()[-1])


def test_a_second_build_compiles_nothing_and_writes_the_same_site(tmp_path: Path) -> None:
    store = tmp_path / "store"
    first, compiled_first = _build(tmp_path, "first", str(store))
    kept = {path.name: path.stat().st_mtime_ns for path in (store / "templates").iterdir()}
    second, compiled_second = _build(tmp_path, "second", str(store))
    plain, compiled_plain = _build(tmp_path, "plain", "off")
    assert compiled_first == compiled_plain > 20  # Material's templates and papernotes' own
    assert compiled_second == 0
    assert len(kept) == compiled_first
    # every template was read back (none written again: the keys are the same in a new process)
    assert {path.name: path.stat().st_mtime_ns for path in (store / "templates").iterdir()} == kept
    ours, theirs = files_of(second), files_of(plain)
    assert sorted(ours) == sorted(theirs)
    assert [path for path in ours if ours[path] != theirs[path]] == []
    assert files_of(first) == theirs


def _environment(cache: jinja2.BytecodeCache, templates: dict[str, str], **settings: object) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates), bytecode_cache=cache, **settings)  # type: ignore[arg-type]


def test_a_filter_folded_at_compile_time_is_part_of_the_key(tmp_path: Path) -> None:
    template = {"t.html": '{{ "Word" | shout }}'}
    (tmp_path / "jinja").mkdir()
    (tmp_path / "ours").mkdir()
    plain = jinja2.FileSystemBytecodeCache(str(tmp_path / "jinja"))
    loud = _environment(plain, template)
    loud.filters["shout"] = str.upper
    assert loud.get_template("t.html").render() == "WORD"
    quiet = _environment(plain, template)
    quiet.filters["shout"] = str.lower
    assert quiet.get_template("t.html").render() == "WORD"  # Jinja's own cache: the other filter's code
    ours = TemplateCache(str(tmp_path / "ours"))
    for shout, expected in ((str.upper, "WORD"), (str.lower, "word"), (str.upper, "WORD")):
        environment = _environment(ours, template)
        environment.filters["shout"] = shout
        assert environment.get_template("t.html").render() == expected


def test_whitespace_settings_and_the_source_are_part_of_the_key(tmp_path: Path) -> None:
    cache = TemplateCache(str(tmp_path))
    source = {"t.html": "{% if true %}\n  x\n{% endif %}\n"}
    assert _environment(cache, source).get_template("t.html").render() == "\n  x\n"
    assert _environment(cache, source, trim_blocks=True).get_template("t.html").render() == "  x\n"
    assert _environment(cache, source).get_template("t.html").render() == "\n  x\n"
    assert _environment(cache, {"t.html": "changed"}).get_template("t.html").render() == "changed"
    assert len(list(tmp_path.iterdir())) == 2  # one file per name and settings: the changed source replaced its own


def test_the_signature_is_the_same_in_every_process_and_follows_closures() -> None:
    script = ("from papernotes.render import environment; from papernotes.template_cache import "
              "environment_signature as s; print(s(environment()))")
    signatures = {subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                 check=True, env=dict(os.environ, PYTHONHASHSEED=str(seed))).stdout
                  for seed in (1, 2)}
    assert len(signatures) == 1

    def made(suffix: str):  # type: ignore[no-untyped-def]
        return lambda value: value + suffix

    assert described(made("!")) != described(made("?"))
    assert described(made("!")) == described(made("!"))
    environment = jinja2.Environment()
    before = environment_signature(environment)
    environment.filters["mine"] = made("!")
    assert environment_signature(environment) != before


def test_an_unsafe_folder_and_the_store_turned_off_give_no_cache(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert template_cache(shared) is None  # others could plant code in it
    shared.chmod(0o700)
    assert isinstance(template_cache(shared), TemplateCache)
    (tmp_path / "file").write_text("", encoding="utf-8")
    assert template_cache(tmp_path / "file") is None
    monkeypatch.setenv("PAPERNOTES_CACHE", "off")
    assert template_cache() is None
    monkeypatch.setenv("PAPERNOTES_CACHE", str(tmp_path / "store"))
    made = template_cache()
    assert made is not None and Path(made.directory) == tmp_path / "store" / "templates"
    assert (tmp_path / "store" / "templates").stat().st_mode & 0o077 == 0


def test_a_damaged_file_is_compiled_again_and_a_read_only_folder_is_left_alone(tmp_path: Path) -> None:
    cache = TemplateCache(str(tmp_path))
    source = {"t.html": "{{ 1 + 1 }}"}
    assert _environment(cache, source).get_template("t.html").render() == "2"
    (kept,) = tmp_path.iterdir()
    magic = kept.read_bytes()[:20]
    kept.write_bytes(magic[:12] + b"\x80\x04garbage")  # Jinja's magic cut short, then no pickle
    assert _environment(cache, source).get_template("t.html").render() == "2"
    kept.write_bytes(kept.read_bytes()[:30])  # cut inside the checksum
    assert _environment(cache, source).get_template("t.html").render() == "2"
    if os.geteuid() != 0:  # root writes anywhere
        tmp_path.chmod(0o500)
        try:
            assert _environment(cache, {"u.html": "{{ 3 }}"}).get_template("u.html").render() == "3"
        finally:
            tmp_path.chmod(0o700)


class _Shout:
    def loud(self, value: str) -> str:
        return value.upper()


def test_described_names_what_a_filter_is_without_addresses() -> None:
    import functools
    import json

    assert described(_Shout().loud) == described(_Shout().loud) != described(_Shout.loud)
    assert described(functools.partial(json.dumps, indent=2)) != described(functools.partial(json.dumps, indent=4))
    assert described(json) == "module(json)"
    assert described(str.upper) != described(str.lower)
    assert described({"b": 1, "a": {2, 1}}) == described({"a": {1, 2}, "b": 1})
    assert "0x" not in described([object(), _Shout(), [[[[[[[[1]]]]]]]]])
