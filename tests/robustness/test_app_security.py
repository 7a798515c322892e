"""The web app on a user's machine: Host allow-list, Origin/CSRF checks, --auth, weights only from
--weights-dir, no CORS, and a decompression bomb answered with 413 in bounded memory."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from bad_inputs import png_bomb
from starlette.testclient import TestClient

from facereel.app.server import create_app
from facereel.cli import main as cli_main
from facereel.errors import InputError

ORIGIN = "http://127.0.0.1"
EVIL = "http://evil.example"


@pytest.fixture(scope="module")
def bomb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return png_bomb(tmp_path_factory.mktemp("bomb") / "bomb.png")


def _client(tmp_path: Path, **options: object) -> TestClient:
    return TestClient(create_app(tmp_path / "work", max_upload_bytes=2 * 2**20, **options), base_url=ORIGIN)


def _form(portrait: Path, **fields: str) -> dict:
    return {"files": {"portrait": (portrait.name, portrait.read_bytes(), "image/png")},
            "data": {"driving_kind": "preset", "preset": "blink", **fields}}


def _jobs(client: TestClient) -> list:
    return client.get("/api/jobs").json()


def test_foreign_host_is_refused(tmp_path: Path) -> None:
    """DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends Host: evil.example."""
    with _client(tmp_path) as client:
        for path in ("/", "/api/jobs", "/api/session"):
            answer = client.get(path, headers={"host": "evil.example:7860"})
            assert answer.status_code == 403 and "evil.example" in answer.json()["detail"]
        assert client.get("/api/jobs", headers={"host": "localhost:7860"}).status_code == 200
        assert client.get("/api/jobs").status_code == 200


def test_state_changes_need_same_origin_and_the_csrf_token(tmp_path: Path, portrait_png: Path) -> None:
    with _client(tmp_path) as client:
        token = client.get("/api/session").json()["csrf"]
        # a cross-site form post (a CORS simple request) with or without the token, and no token at all
        for headers in ({"origin": EVIL}, {"origin": EVIL, "x-csrf-token": token}, {"referer": f"{EVIL}/page"},
                        {"origin": "null", "x-csrf-token": token}, {}, {"origin": ORIGIN, "x-csrf-token": "guess"}):
            answer = client.post("/api/jobs", headers=headers, **_form(portrait_png))
            assert answer.status_code == 403, (headers, answer.text)
        assert _jobs(client) == [] and list((tmp_path / "work" / "jobs").iterdir()) == []
        for method, url in (("POST", "/api/jobs/x/cancel"), ("DELETE", "/api/jobs/x")):
            assert client.request(method, url, headers={"origin": EVIL}).status_code == 403
        answer = client.post("/api/jobs", headers={"origin": ORIGIN, "x-csrf-token": token}, **_form(portrait_png))
        assert answer.status_code == 201, answer.text
        client.post(f"/api/jobs/{answer.json()['id']}/cancel", headers={"x-csrf-token": token})


def test_no_cors_headers_even_for_a_preflight(tmp_path: Path) -> None:
    with _client(tmp_path) as client:
        answers = [client.options("/api/jobs", headers={"origin": EVIL, "access-control-request-method": "POST",
                                                        "access-control-request-headers": "x-csrf-token"}),
                   client.get("/api/session", headers={"origin": EVIL})]
        for answer in answers:
            assert not [name for name in answer.headers if name.lower().startswith("access-control-")]


def test_auth_token_is_required_when_set(tmp_path: Path) -> None:
    secret = "0123456789abcdef0123"
    with _client(tmp_path, host="0.0.0.0", auth=secret) as client:
        for headers in ({}, {"authorization": "Bearer wrong-token-wrong-token"}):
            assert client.get("/api/jobs", headers=headers).status_code == 401
            assert client.get("/", headers=headers).status_code == 401
        assert client.get("/api/jobs", headers={"authorization": f"Bearer {secret}"}).status_code == 200
        page = client.get(f"/?token={secret}")  # the address printed at start: sets an HttpOnly cookie
        assert page.status_code == 200 and "HttpOnly" in page.headers["set-cookie"]
        assert client.get("/api/jobs").status_code == 200  # the cookie now
    with _client(tmp_path, host="0.0.0.0", auth=secret) as client:
        assert client.get("/api/jobs", headers={"host": "192.168.1.5:7860"}).status_code == 401


def test_cli_refuses_other_addresses_without_auth(capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main.main(["app", "--host", "0.0.0.0"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--auth" in err
    with pytest.raises(InputError, match="--weights-dir"):
        create_app(Path("unused"), weights_dirs=(Path("/no/such/folder"),))


def test_cli_address_that_cannot_be_listened_on_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """A port in use, an address not of this machine, a name that does not resolve: exit 2 and one line, before
    the server starts (uvicorn said it in its own log format and exited 3)."""
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = str(taken.getsockname()[1])
        for argv, problem in ((["--port", port], "Address already in use"),
                              (["--host", "192.0.2.1", "--auth", "t" * 16, "--port", port], "Cannot assign"),
                              (["--host", "no-such-host.invalid", "--auth", "t" * 16], "cannot listen on")):
            code = cli_main.main(["app", *argv])
            err = capsys.readouterr().err
            assert code == 2 and err.count("\n") == 1 and problem in err, err


def test_weights_only_from_weights_dir(tmp_path: Path, portrait_png: Path) -> None:
    release = tmp_path / "weights" / "SkyReels-A1"
    (release / "checkpoint-100").mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with _client(tmp_path, weights_dirs=(release,)) as client:
        token = client.get("/api/session").json()["csrf"]
        assert client.get("/api/choices").json()["weights"] == ["SkyReels-A1", "SkyReels-A1/checkpoint-100"]
        for weights in (str(elsewhere), str(release), "../elsewhere", "~/x", "Skywork/SkyReels-A1",
                        "SkyReels-A1/../elsewhere"):
            answer = client.post("/api/jobs", headers={"x-csrf-token": token},
                                 **_form(portrait_png, engine="a1", weights=weights))
            assert answer.status_code == 400 and "not offered" in answer.json()["detail"], (weights, answer.text)
        assert _jobs(client) == [] and list((tmp_path / "work" / "jobs").iterdir()) == []
    with _client(tmp_path) as client:
        token = client.get("/api/session").json()["csrf"]
        answer = client.post("/api/jobs", headers={"x-csrf-token": token},
                             **_form(portrait_png, engine="a1", weights="SkyReels-A1"))
        assert answer.status_code == 400 and "--weights-dir" in answer.json()["detail"]


def _rss_peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise AssertionError("no VmHWM")


def _rss_now_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise AssertionError("no VmRSS")


def test_bomb_image_is_refused_with_413_in_bounded_memory(tmp_path: Path, bomb: Path) -> None:
    assert bomb.stat().st_size < 2 * 2**20
    with _client(tmp_path) as client:
        token = client.get("/api/session").json()["csrf"]
        Path("/proc/self/clear_refs").write_text("5")  # restart the peak-RSS counter (VmHWM) from now
        before = _rss_now_kib()
        answer = client.post("/api/jobs", headers={"x-csrf-token": token}, **_form(bomb))
        grown_mib = (_rss_peak_kib() - before) / 1024
        assert answer.status_code == 413, answer.text
        assert "bomb.png" in answer.json()["detail"] and "too large" in answer.json()["detail"]
        assert _jobs(client) == [] and list((tmp_path / "work" / "jobs").iterdir()) == []
    print(f"peak RSS growth while refusing a 12000x12000 16-bit PNG bomb: {grown_mib:.0f} MiB")
    assert grown_mib < 100  # the samples alone are 275 MiB


def test_unparseable_keyframes_are_a_400(tmp_path: Path, portrait_png: Path) -> None:
    """Keyframes JSON nested past the parser's recursion limit, or with an integer too long to convert, typed
    or uploaded: a one-line 400 (the form caught only JSON syntax errors), and no job."""
    deep = "[" * 100_000 + "]" * 100_000
    long_int = '{"keyframes": [{"time": 1' + "0" * 5000 + "}]}"
    with _client(tmp_path) as client:
        headers = {"origin": ORIGIN, "x-csrf-token": client.get("/api/session").json()["csrf"]}
        portrait = {"portrait": (portrait_png.name, portrait_png.read_bytes(), "image/png")}
        for text in (deep, long_int):
            for files, data in (({}, {"keyframes": text}),
                                ({"driving": ("k.json", text.encode(), "application/json")}, {})):
                answer = client.post("/api/jobs", headers=headers, files={**portrait, **files},
                                     data={"driving_kind": "keyframes", **data})
                assert answer.status_code == 400 and "not usable JSON" in answer.json()["detail"], answer.text
        assert _jobs(client) == []
