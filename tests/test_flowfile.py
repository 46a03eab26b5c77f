"""Flow files: parsing, validation with file:line messages, ${ENV} secrets, paths. No browser."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from uxcheck.cli import main
from uxcheck.errors import InvalidFileError
from uxcheck.flowfile import load_flow_file, parse_flow_file

GOOD = """\
base_url: https://bank.test
devices: [desktop]
packs: [banking]
suppress:
  - {rule: small-text, selector: footer, reason: "legal fine print, reviewed"}
flows:
  - name: review statement
    steps:
      - goto: /accounts
      - click: Statements
      - click: {role: link, name: "October 2026"}
      - click: {selector: "#more"}
      - fill: {label: "Card number", value: "${CARD_NUMBER}"}
      - fill: {selector: "#amount", value: 12.00}
      - select: {label: "Period", option: "Last month"}
      - check: {label: "Paperless statements"}
      - press: Enter
      - wait_for: {text: "Statement period"}
      - expect_text: "Closing balance"
      - audit: statement page
      - click: {text: "Submit payment", allow_writes: true}
      - click: Back
        audit: false
"""


def parse(text: str, env: dict[str, str] | None = None, base_dir: Path | None = None):
    return parse_flow_file(textwrap.dedent(text), "flows.yaml", env=env or {}, base_dir=base_dir)


def error_of(text: str, env: dict[str, str] | None = None) -> InvalidFileError:
    with pytest.raises(InvalidFileError) as info:
        parse(text, env)
    return info.value


def test_every_step_type_parses_with_its_line():
    loaded = parse(GOOD, env={"CARD_NUMBER": "4929123456781234"})
    flow = loaded.flows[0]
    kinds = [s.kind for s in flow.steps]
    assert kinds == ["goto", "click", "click", "click", "fill", "fill", "select", "check", "press", "wait_for",
                     "expect_text", "audit", "click", "click"]
    assert [s.line for s in flow.steps][:3] == [9, 10, 11]
    assert flow.base_url == "https://bank.test" and loaded.devices == ["desktop"] and loaded.packs == ["banking"]
    assert flow.steps[5].value == "12.00"  # as written, not the float 12.0
    assert flow.steps[6].value == "Last month"
    assert flow.steps[12].allow_writes is True and flow.steps[11].allow_writes is False
    assert flow.steps[13].audit is False
    assert flow.steps[11].name == "statement page"
    assert loaded.suppress[0].rule == "small-text" and loaded.suppress[0].reason


def test_step_names_describe_the_step_or_use_the_audit_name():
    flow = parse(GOOD, env={"CARD_NUMBER": "4929123456781234"}).flows[0]
    names = [s.name or s.describe() for s in flow.steps]
    assert names[:4] == ["goto /accounts", "click Statements", "click October 2026", "click #more"]
    assert names[11] == "statement page"


def test_env_values_are_secrets_never_shown():
    secret = "4929123456781234"
    loaded = parse(GOOD, env={"CARD_NUMBER": secret})
    assert loaded.secrets == [secret]
    fill = loaded.flows[0].steps[4]
    assert fill.value == secret and fill.secret
    assert secret not in fill.describe() and secret not in repr(fill) and secret not in repr(loaded.flows[0])


def test_env_in_base_url_is_configuration_not_a_secret():
    loaded = parse("""\
        base_url: ${PORTAL}
        flows:
          - name: a
            steps:
              - goto: /x
        """, env={"PORTAL": "http://127.0.0.1:8123"})
    assert loaded.flows[0].base_url == "http://127.0.0.1:8123"
    assert loaded.secrets == []


@pytest.mark.parametrize("text, line, words", [
    ("flows:\n  - name: a\n    steps:\n      - goto: [unclosed\n", 5, "not valid YAML"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - clik: Statements\n", 5, "unknown step 'clik'"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - fill: {label: Amount}\n", 5, "fill needs `value:`"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - fill: Amount\n", 5, "fill needs a mapping"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - select: {label: Period}\n", 5, "select needs `option:`"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - click: {selector: '#x', wait: 3}\n", 5,
     "unknown key 'wait'"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - click: {text: Pay, allow_writes: 'yes'}\n", 5,
     "allow_writes must be true or false"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - click: [a, b]\n", 5, "must be a text or a mapping"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - click: {}\n", 5, "needs an element"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n        click: X\n", 4, "one step per list item"),
    ("flows:\n  - steps:\n      - goto: https://x.test\n", 2, "needs `name:`"),
    ("flows:\n  - name: a\n", 2, "needs `steps:`"),
    ("flows:\n  - name: a\n    steps: []\n", 3, "at least one step"),
    ("flows:\n  - name: a\n    steps:\n      - click: X\n", 4, "must start with a `goto:`"),
    ("flows:\n  - name: a\n    steps:\n      - goto: /relative\n", 4, "no base_url"),
    ("base_url: ftp://x\nflows:\n  - name: a\n    steps:\n      - goto: /x\n", 1, "base_url must be an http(s) URL"),
    ("devices: 3\nflows:\n  - name: a\n    steps:\n      - goto: https://x.test\n", 1, "devices"),
    ("colour: blue\nflows: []\n", 1, "unknown key 'colour'"),
    ("base_url: https://x.test\n", 1, "missing `flows:`"),
    ("", 1, "empty"),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n  - name: a\n    steps:\n      - goto: https://x.test\n",
     5, "two flows are named 'a'"),
    ("suppress:\n  - {rule: small-text}\nflows:\n  - name: a\n    steps:\n      - goto: https://x.test\n", 2, "reason"),
])
def test_invalid_files_name_the_line_and_what_is_expected(text, line, words):
    err = error_of(text)
    assert err.line == line, str(err)
    assert words in str(err)
    assert str(err).startswith(f"flows.yaml:{line}: ")


def test_missing_environment_variable_names_it_and_the_line():
    err = error_of("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n"
                   "      - fill: {label: Passcode, value: \"${BANK_PASSCODE}\"}\n")
    assert err.line == 5 and "BANK_PASSCODE" in str(err) and "not set" in str(err)


def test_storage_state_is_relative_to_the_flow_file(tmp_path):
    (tmp_path / "auth").mkdir()
    (tmp_path / "auth" / "state.json").write_text(json.dumps({"cookies": [], "origins": []}))
    flow_file = tmp_path / "flows.yaml"
    flow_file.write_text("storage_state: auth/state.json\nflows:\n  - name: a\n    steps:\n      - goto: https://x.test\n")
    loaded = load_flow_file(flow_file, env={})
    assert loaded.storage_state == str(tmp_path / "auth" / "state.json")
    assert loaded.flows[0].storage_state == loaded.storage_state
    flow_file.write_text("storage_state: nope.json\nflows:\n  - name: a\n    steps:\n      - goto: https://x.test\n")
    with pytest.raises(InvalidFileError) as info:
        load_flow_file(flow_file, env={})
    assert info.value.line == 1 and "nope.json" in str(info.value)


def test_a_missing_flow_file_is_a_usage_error(tmp_path):
    with pytest.raises(InvalidFileError):
        load_flow_file(tmp_path / "missing.yaml")


@pytest.mark.parametrize("text, line", [
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - clik: Statements\n", 5),
    ("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - fill: {label: A, value: \"${UXCHECK_NOT_SET_X}\"}\n", 5),
    ("flows: [\n", 2),
])
def test_cli_exits_2_with_file_line_problem_and_no_traceback(tmp_path, capsys, text, line):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code = main(["run", str(path), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{path}:{line}: " in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()  # nothing ran


def test_cli_subprocess_prints_no_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("flows:\n  - name: a\n    steps:\n      - goto: https://x.test\n      - tap: Pay\n")
    proc = subprocess.run([sys.executable, "-m", "uxcheck.cli", "run", str(path)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert proc.returncode == 2
    assert f"{path}:5: unknown step 'tap'" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_demo_flow_file_is_valid_and_uses_every_step_type():
    from uxcheck.cli import _demo_flow_file

    flows = _demo_flow_file("http://127.0.0.1:9")
    assert flows and all(f.base_url == "http://127.0.0.1:9" for f in flows)
    kinds = {s.kind for f in flows for s in f.steps}
    assert kinds == {"goto", "click", "fill", "select", "check", "press", "wait_for", "expect_text", "audit"}
    assert any(s.allow_writes for f in flows for s in f.steps)
    assert any(s.audit is False for f in flows for s in f.steps)
    assert len({f.name for f in flows}) == len(flows)


def test_redaction_covers_the_forms_a_secret_takes_in_urls_and_html():
    from uxcheck.runner import redact

    secret = "p@ss w0rd&1"
    results = {"url": "https://bank.test/search?q=p%40ss+w0rd%261", "html": "<input value=\"p@ss w0rd&amp;1\">",
               "path": "https://bank.test/p%40ss%20w0rd%261", "text": ["typed p@ss w0rd&1"]}
    out = json.dumps(redact(results, [secret]))
    for form in ("p@ss w0rd&1", "p%40ss+w0rd%261", "p@ss w0rd&amp;1", "p%40ss%20w0rd%261"):
        assert form not in out
    assert out.count("[secret]") == 4
