"""Tests for the ``screen`` and ``screen-eval`` commands (JSON shape, errors)."""

import io
import json
import sys

import pytest

from features.errors import PartnerMatchError
from service.cli import screen as cli_screen
from service.cli.main import build_parser


def run(argv):
    """Like ``service.cli.main.main`` for the screening commands."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except PartnerMatchError as exc:
        print(f"partner-match: error: {exc}", file=sys.stderr)
        return 1


@pytest.fixture
def components(monkeypatch, engine, tagger):
    """The CLI uses the session's engine and tagger instead of loading its own."""
    monkeypatch.setattr(cli_screen, "_load_components", lambda: (engine, tagger))


LETTER = (
    "Dear Chairman,\n"
    "On behalf of the City of Toulouse, we propose a project on wastewater treatment.\n"
    "Toulouse operates modern wastewater treatment plants. We seek partners in "
    "agriculture and food processing.\n"
    "Budget: EUR 200,000. Contact: Ms. Anne Roux (a.roux@example.org) before "
    "30 June 2026. Our partnership with the former Quang Nam province continues.\n"
)


def test_screen_json_shape(tmp_path, capsys, components):
    path = tmp_path / "letter.txt"
    path.write_text(LETTER, encoding="utf-8")
    assert run(["screen", str(path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert {"party", "offers", "seeks", "provinces", "concreteness", "flags"} <= set(
        payload
    )
    assert {"id", "name", "country", "confidence"} <= set(payload["party"])
    assert payload["party"]["id"] == "gn:2972315"
    assert len(payload["provinces"]) == 34
    for p in payload["provinces"]:
        assert {"id", "name", "score", "contributions", "needs_met", "flags"} <= set(p)
        assert abs(p["score"] - sum(c["value"] for c in p["contributions"])) < 1e-9
    c = payload["concreteness"]
    assert c["level"] in ("vague", "moderate", "concrete")
    assert {x["name"] for x in c["contributions"]} >= {
        "budgets_amounts",
        "contact_persons",
    }
    assert abs(c["score"] - sum(x["value"] for x in c["contributions"])) < 1e-9
    assert all(set(f) == {"code", "params", "message"} for f in payload["flags"])
    assert "old_province" in {f["code"] for f in payload["flags"]}
    assert "water" in {o["sector"] for o in payload["offers"]}


def test_screen_sender_hint_and_text_output(monkeypatch, capsys, components):
    stdin = io.TextIOWrapper(io.BytesIO(LETTER.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(["screen", "-", "--sender", "Toulouse", "--country", "FR"]) == 0
    out = capsys.readouterr().out
    assert "Party: Toulouse (gn:2972315, FR), confidence 1.00" in out
    assert "Provinces by fit:" in out and " 34. " in out
    provinces = out.split("Provinces by fit:")[1]
    assert "Meets the sender's needs +" in provinces
    assert "Meets our needs" not in provinces and "needs_met" not in provinces


def test_uncertain_party_points_to_the_sender_option(monkeypatch, capsys, components):
    text = (
        "The cities of Toulouse, Lyon and Bordeaux would like to cooperate with a "
        "Vietnamese province on wastewater treatment and vocational training.\n"
    )
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(["screen", "-"]) == 0
    out = capsys.readouterr().out
    assert "! [uncertain_party] the party Toulouse (gn:2972315)" in out
    assert "name the sender to be sure (--sender NAME)" in out


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"", "the text is empty"),
        (b"https://example.org/news/123.html\n", "the text is only a web address"),
        (b"x" * 10_000_000, "the text is too large"),
        (b"\x00\x01\x02binary", "the input looks binary"),
        ("Hội An".encode("utf-16"), "the input"),
        ("Coopération".encode("latin-1"), "the input is not valid UTF-8"),
    ],
    ids=["empty", "url", "10MB", "binary", "utf-16", "latin-1"],
)
def test_screen_bad_input_is_one_line(tmp_path, capsys, components, data, start):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    assert run(["screen", str(path)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"partner-match: error: {start}")


def test_screen_eval_json(tmp_path, capsys, components):
    """Two letters of the test set, copied with their expectations (the whole set
    is measured in tests/matcher/test_screening.py)."""
    letters = cli_screen.DEFAULT_LETTERS
    expected = json.loads((letters / "expected.json").read_text(encoding="utf-8"))
    chosen = [e for e in expected if e["file"].startswith(("vi_01", "en_06"))]
    for item in chosen:
        (tmp_path / item["file"]).write_bytes((letters / item["file"]).read_bytes())
    (tmp_path / "expected.json").write_text(json.dumps(chosen), encoding="utf-8")
    assert run(["screen-eval", "--folder", str(tmp_path), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["n_letters"] == 2
    assert payload["totals"] == {
        "party": 2, "offers": 2, "seeks": 2, "concreteness": 2, "old_province": 2,
    }  # fmt: skip
    assert all(set(r["passed"]) == set(payload["totals"]) for r in payload["letters"])


def test_a_letter_naming_no_sector_asks_instead_of_ranking(
    monkeypatch, capsys, components
):
    text = "Kumamoto Prefecture wishes to deepen friendship with a Vietnamese province."
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert run(["screen", "-", "--lang", "vi"]) == 0
    out = capsys.readouterr().out
    provinces = out.split("Provinces by fit:")[1]
    assert provinces.strip().startswith("hãy hỏi bên gửi muốn hợp tác")
    assert "  1. " not in provinces
    assert "Party: Kumamoto" in out and "Concreteness:" in out
