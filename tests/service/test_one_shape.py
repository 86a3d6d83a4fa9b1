"""One JSON shape of a recommendation: the CLI's ``recommend --json`` is the API's
answer to the same request, field for field, in either language.

Only the envelopes differ, by nature of the request: the CLI names the province it
resolved (``province``); the API echoes its query (``query``, with the declared-edit
version), ``k`` and the ``text_tags`` of a text it was given; both carry the same
``notes``.
"""

from __future__ import annotations

import json

import pytest

from service.cli import main as cli
from service.cli import match as cli_match

REQUEST_SPECIFIC = {"cli": {"province"}, "api": {"query", "k", "text_tags"}}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    ("argv", "params"),
    [
        (["--k", "12"], {"k": 12}),
        (
            [
                "--k",
                "9",
                "--country",
                "JP",
                "--country",
                "KR",
                "--max-per-country",
                "5",
            ],
            {"k": 9, "country": ["JP", "KR"], "max_per_country": 5},
        ),
        (
            ["--k", "40", "--include-existing", "--level", "admin1"],
            {"k": 40, "include_existing": "true", "level": "admin1"},
        ),
    ],
)
def test_cli_json_is_the_api_answer(
    client, service_engine, monkeypatch, capsys, argv, params, lang
):
    monkeypatch.setattr(cli_match, "_engine", lambda weights=None: service_engine)
    assert cli.main(["recommend", "vn:48", "--json", "--lang", lang, *argv]) == 0
    from_cli = json.loads(capsys.readouterr().out)
    response = client.get(
        "/v1/localities/vn:48/recommendations",
        params=params,
        headers={"Accept-Language": lang},
    )
    assert response.status_code == 200, response.text
    from_api = response.json()
    assert set(from_cli) - REQUEST_SPECIFIC["cli"] == (
        set(from_api) - REQUEST_SPECIFIC["api"]
    )
    assert from_cli["weights_version"] == from_api["weights_version"]
    assert from_cli["notes"] == from_api["notes"]
    assert from_cli["province"] == {
        "id": from_api["query"]["locality_id"],
        "name": from_api["query"]["name"],
    }
    assert len(from_cli["results"]) == len(from_api["results"]) > 0
    for mine, theirs in zip(from_cli["results"], from_api["results"], strict=True):
        assert list(mine) == list(theirs)  # the same fields in the same order
        for field in mine:
            assert mine[field] == theirs[field], field
    labels = from_cli["results"][0]["contributions"][0]
    assert labels["label_en"] and labels["label_vi"]


def test_flags_carry_code_params_and_the_message_in_the_language(client):
    said = {}
    for lang in ("en", "vi"):
        data = client.get(
            "/v1/localities/vn:48/recommendations",
            params={"k": 60, "include_existing": "true"},
            headers={"Accept-Language": lang},
        ).json()
        said[lang] = {
            (f["code"], f["message"]) for r in data["results"] for f in r["flags"]
        }
        assert all(
            set(f) == {"code", "params", "message"}
            for r in data["results"]
            for f in r["flags"]
        )
    assert ("already_partner", "already a partner") in said["en"]
    assert ("already_partner", "đã là đối tác") in said["vi"]
    # no header: English, as before the header was read
    plain = client.get(
        "/v1/localities/vn:48/recommendations",
        params={"k": 60, "include_existing": "true"},
    ).json()
    assert {
        (f["code"], f["message"]) for r in plain["results"] for f in r["flags"]
    } == (said["en"])
