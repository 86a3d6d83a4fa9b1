"""``partner-match evaluate --projects``: the JSON shape, the table, a bad file."""

import json

import pytest

from service.cli import match as cli_match
from service.cli.main import main

TSV = (
    "foreign_locality\tforeign_country\tforeign_level\tforeign_iso3166_2\t"
    "foreign_geonames_id\tvn_province_2025\tsectors\turl\n"
    "Yokohama\tJP\tcity (designated)\tJP-14\tgn:1848354\tHuế\twater\thttps://x.test/1\n"
    "Kitaazumi-gun\tJP\tcounty\tJP-20\t\tBắc Ninh\theritage_tourism\thttps://x.test/2\n"
)


@pytest.fixture
def projects(tmp_path, monkeypatch, engine):
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: engine)
    path = tmp_path / "projects.tsv"
    path.write_text(TSV, encoding="utf-8")
    return path


def test_json_has_both_arms_lift_and_baselines(projects, capsys):
    assert main(["evaluate", "--projects", str(projects), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["n_cases"] == 2 and data["n_unresolved"] == 1
    assert set(data["methods"]) == {
        "model",
        "random",
        "popularity",
        "country_prior",
        "distance",
        "text_similarity",
    }
    assert set(data["methods"]["model"]) == {"focus", "no_focus", "lift"}
    assert data["ranks"][0]["partner"] == "gn:1848354"


def test_table_lists_the_unresolved(projects, capsys):
    assert main(["evaluate", "--projects", str(projects)]) == 0
    out = capsys.readouterr().out
    assert "2 cases (1 unresolved" in out and "Kitaazumi-gun" in out
    assert "recall@10" in out


def test_a_missing_file_is_one_sentence(tmp_path, monkeypatch, engine, capsys):
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: engine)
    assert main(["evaluate", "--projects", str(tmp_path / "none.tsv")]) == 1
    assert "does not exist" in capsys.readouterr().err


def test_two_files_count_a_shared_project_once_and_parts_split_them(
    projects, tmp_path, capsys
):
    from matcher.project_evaluation import is_held_out

    other = tmp_path / "other.tsv"
    extra = "Kobe\tJP\tcity\tJP-28\tgn:1859171\tAn Giang\twater\thttps://x.test/3\n"
    other.write_text(TSV + extra, encoding="utf-8")
    args = ["evaluate", "--projects", str(projects), "--projects", str(other)]
    assert main([*args, "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n_cases"] == 3
    pairs = [("Yokohama", "Huế"), ("Kitaazumi-gun", "Bắc Ninh"), ("Kobe", "An Giang")]
    held = sum(is_held_out(f, p) for f, p in pairs)
    counts = {}
    for part in ("tuning", "held-out"):
        assert main([*args, "--part", part, "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["part"] == part
        counts[part] = data["n_cases"]
    assert counts == {"tuning": 3 - held, "held-out": held}
