"""Rule packs: the built-in packs validate and cover every key task in en/de/fr/es; broken pack
files fail with InvalidFileError naming the file and the offending line."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from uxcheck.errors import InvalidFileError
from uxcheck.packs import (BUILTIN, LANGS_REQUIRED, ActivePacks, builtin_pack_dir, load_pack, parse_pack,
                           validate_builtin_coverage)

TASKS_EXPECTED = {
    "generic": {"contact"},  # "help" alone is not a key task: a footer Help link is normal
    "banking": {"statements", "pay_bill", "transfer", "dispute"},
    "retail": {"track_order", "cancel_order", "change_order", "returns"},
}


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_pack_validates_and_covers_required_languages(name):
    path = builtin_pack_dir() / f"{name}.yaml"
    pack = parse_pack(path.read_text(encoding="utf-8"), str(path))
    assert pack.name == name
    assert validate_builtin_coverage(pack) == []
    assert TASKS_EXPECTED[name] <= set(pack.key_tasks)
    for task in pack.key_tasks.values():
        for lang in LANGS_REQUIRED:
            assert task.words.get(lang), f"{name}: {task.id} has no {lang} wordings"


@pytest.mark.parametrize("name", BUILTIN)
def test_builtin_exclusions_never_swallow_a_wording(name):
    """An exclude phrase equal to a wording would silently disable that wording."""
    pack = load_pack(name)
    for task in pack.key_tasks.values():
        words = {w.casefold() for w in task.all_words}
        excluded = {w.casefold() for ws in task.exclude.values() for w in ws}
        assert not words & excluded, f"{name}: {task.id} excludes its own wordings {words & excluded}"


def test_coverage_check_names_missing_languages():
    pack = parse_pack(textwrap.dedent("""\
        pack: thin
        key_tasks:
          statements:
            words: {en: [statements], de: [kontoauszüge]}
        """), "thin.yaml")
    problems = validate_builtin_coverage(pack)
    assert problems == ["thin: key task statements has no wordings in fr, es"]


def test_tasks_merge_wordings_and_exclusions_across_packs():
    base = parse_pack("pack: a\nkey_tasks:\n  contact:\n    words: {en: [contact us]}\n"
                      "    exclude: {en: [contact details]}\n", "a.yaml")
    more = parse_pack("pack: b\nkey_tasks:\n  contact:\n    words: {en: [call us], de: [kontakt]}\n"
                      "    exclude: {en: [contact preferences]}\n", "b.yaml")
    task = ActivePacks([base, more]).tasks()["contact"]
    assert task.words == {"en": ("contact us", "call us"), "de": ("kontakt",)}
    assert task.exclude == {"en": ("contact details", "contact preferences")}


def _error(text: str, tmp_path: Path) -> InvalidFileError:
    path = tmp_path / "my-pack.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    load_pack.cache_clear()
    with pytest.raises(InvalidFileError) as info:
        load_pack(str(path))
    return info.value


def test_bad_yaml_names_file_and_line(tmp_path):
    err = _error("""\
        pack: mine
        key_tasks:
          statements:
            words: {en: [statements}
        """, tmp_path)
    assert err.path.endswith("my-pack.yaml") and err.line == 4
    assert "not valid YAML" in err.problem and "my-pack.yaml:4" in str(err)


def test_unknown_top_level_key_names_its_line(tmp_path):
    err = _error("""\
        pack: mine
        description: ok
        key_task:
          statements: {words: {en: [statements]}}
        """, tmp_path)
    assert err.line == 3 and "unknown key 'key_task'" in err.problem


def test_unknown_key_inside_a_task_names_its_line(tmp_path):
    err = _error("""\
        pack: mine
        key_tasks:
          statements:
            words: {en: [statements]}
            wording: {de: [kontoauszüge]}
        """, tmp_path)
    assert err.line == 5 and "key_tasks.statements" in err.problem and "'wording'" in err.problem


def test_wrong_type_names_its_line(tmp_path):
    err = _error("""\
        pack: mine
        key_tasks:
          statements:
            words:
              en: statements
        """, tmp_path)
    assert err.line == 5 and "key_tasks.statements.words.en must be a list" in err.problem


def test_wrong_type_of_exclude_names_its_line(tmp_path):
    err = _error("""\
        pack: mine
        key_tasks:
          statements:
            words: {en: [statements]}
            exclude: [privacy statement]
        """, tmp_path)
    assert err.line == 5 and "exclude" in err.problem


def test_threshold_of_wrong_type_names_its_line(tmp_path):
    err = _error("""\
        pack: mine
        thresholds:
          buried-link:
            fold_screens: {far: 3}
        """, tmp_path)
    assert err.line == 4 and "thresholds.buried-link.fold_screens" in err.problem


def test_missing_words_names_the_task_line(tmp_path):
    err = _error("""\
        pack: mine
        key_tasks:
          returns:
            description: send an item back
        """, tmp_path)
    assert err.line == 3 and "needs `words:`" in err.problem


def test_buried_link_thresholds_come_from_generic():
    generic = load_pack("generic")
    limits = generic.thresholds["buried-link"]
    assert {"fold_screens", "mobile_fold_screens", "min_font_px", "min_contrast", "max_menu_depth",
            "max_click_depth"} <= set(limits)
    assert ActivePacks([generic]).threshold("buried-link", "min_contrast") == limits["min_contrast"]
