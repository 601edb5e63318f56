"""The language server answers every request, cancels stale lints, and never lets a big
document delay a small one's diagnostics. Driven over stdio with raw JSON-RPC, so that
malformed params reach the server exactly as a faulty client would send them."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from fiscallint import pipeline
from fiscallint.config import Config
from fiscallint.engine import lint_report
from fiscallint.errors import Cancelled
from fiscallint.parser import parse_source
from fiscallint.pipeline import lint_buffer
from fiscallint.registry import all_rules
from fiscallint.source import SourceText

pytestmark = pytest.mark.slow

SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"
FIXTURE = Path(__file__).parent / "fixtures" / "budget-water-2025.txt"
WAIT = 60.0  # seconds before a missing answer fails the test (a hang, not a timing)


class Client:
    """A minimal LSP client: Content-Length framing, a reader thread, messages in arrival order."""

    def __init__(self, root: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "fiscallint", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            cwd=root,
        )
        self.messages: queue.Queue[dict] = queue.Queue()
        self.seen: list[dict] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.request(1, "initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": {}})
        self.notify("initialized", {})

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
                if line.strip() == b"":
                    break
            self.messages.put(json.loads(stream.read(length)))

    def send(self, message: dict) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def notify(self, method: str, params: object) -> None:
        self.send({"method": method, "params": params})

    def request(self, request_id: int, method: str, params: object) -> dict:
        self.send({"id": request_id, "method": method, "params": params})
        return self.wait(lambda m: m.get("id") == request_id and "method" not in m)

    def wait(self, wanted, timeout: float = WAIT) -> dict:
        for message in self.seen:
            if wanted(message):
                return message
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(message)
            if wanted(message):
                return message
        raise AssertionError("no answer from the server")

    def diagnostics(self, uri: str) -> dict:
        return self.wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)

    def open(self, path: Path, text: str) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "plaintext", "version": 1, "text": text}})
        return uri

    def close(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture
def client(tmp_path: Path):
    (tmp_path / "fiscallint.toml").write_text('select = ["FL101", "FL2"]\n', encoding="utf-8")
    client = Client(tmp_path)
    yield client
    client.close()


POSITION = {"line": 0, "character": 0}


@pytest.mark.parametrize(
    ("method", "params"),
    [
        ("textDocument/hover", {"textDocument": {"uri": "file:///x.txt"}, "position": {"line": -1, "character": 0}}),
        ("textDocument/hover", "a string"),
        ("textDocument/hover", None),
        ("textDocument/hover", {"textDocument": {"uri": "file:///x.txt"}}),
        ("textDocument/codeAction", {"textDocument": {"uri": "file:///x.txt"}, "range": "everything"}),
        ("workspace/executeCommand", {"command": "fiscallint.ignoreFinding", "arguments": ["file:///x.txt", "FL101", "p", "seven", "m"]}),
        ("workspace/executeCommand", {"command": "fiscallint.ignoreFinding", "arguments": [1, 2]}),
        # an unsaved buffer's finding went into a baseline in the server's own folder
        ("workspace/executeCommand", {"command": "fiscallint.ignoreFinding", "arguments": ["untitled:Untitled-1", "FL101", "p", 1, "m"]}),
        ("workspace/executeCommand", {"command": "fiscallint.ignoreFinding", "arguments": ["file:///x.txt", "\u0000\n", "p", 1, "m"]}),
    ],
)
def test_invalid_params_get_an_error_response(client: Client, method: str, params: object, tmp_path: Path) -> None:
    answer = client.request(7, method, params)
    assert answer["error"]["code"] == -32602
    assert not (tmp_path / "fiscallint-baseline.json").exists()  # nothing written
    # and the server still serves
    assert "result" in client.request(8, "textDocument/hover", {"textDocument": {"uri": "file:///x.txt"}, "position": POSITION})


def test_small_document_is_not_starved_by_a_big_one(client: Client, tmp_path: Path) -> None:
    """A 2 MB document is linted in its own lane: a small document opened after it gets its
    diagnostics first (the stop itself is tested below, on the pipeline)."""
    unit = FIXTURE.read_text(encoding="utf-8") + "\n十、其他说明\n" + SHARE + "\n"
    big = client.open(tmp_path / "big.txt", unit * (2_000_000 // len(unit.encode("utf-8"))))
    time.sleep(0.5)  # the big lint is running
    small = client.open(tmp_path / "small.txt", SHARE)
    assert client.diagnostics(small)["params"]["diagnostics"][0]["code"] == "FL101"
    published = [m for m in client.seen if m.get("method") == "textDocument/publishDiagnostics"]
    assert [m["params"]["uri"] for m in published] == [small]  # the big one is still being linted
    client.notify("textDocument/didClose", {"textDocument": {"uri": big}})
    assert client.diagnostics(big)["params"]["diagnostics"] == []  # the close clears them


def test_buffer_over_the_bounds_is_a_message_not_a_crash(client: Client, tmp_path: Path) -> None:
    uri = client.open(tmp_path / "many.txt", "a\n" * 300_000)
    message = client.wait(lambda m: m.get("method") == "window/showMessage")
    assert "line bound" in message["params"]["message"]
    assert client.diagnostics(uri)["params"]["diagnostics"] == []


def test_cancellation_stops_the_parse_and_the_rules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = Config(root=tmp_path)
    with pytest.raises(Cancelled):
        lint_buffer(str(tmp_path / "r.txt"), SHARE, config, stop=lambda: True)

    # inside the parse: a long document is stopped in its first lines, and no rule runs
    ruled: list[int] = []
    monkeypatch.setattr(pipeline, "lint_report", lambda *args, **kwargs: ruled.append(1) or [])
    asked: list[int] = []

    def from_the_second_question() -> bool:
        asked.append(1)
        return len(asked) >= 2

    with pytest.raises(Cancelled):
        lint_buffer(str(tmp_path / "r.txt"), SHARE * 5000, config, stop=from_the_second_question)
    assert len(asked) == 2 and not ruled  # asked before parsing, then stopped at the parse's first question
    monkeypatch.undo()

    # between the rules: stopped before the second rule
    report = parse_source(SourceText("r.txt", SHARE, "utf-8", "dump"))
    asked.clear()
    with pytest.raises(Cancelled):
        lint_report(report, list(all_rules().values()), stop=from_the_second_question)
    assert len(asked) == 2

    _, findings = lint_buffer(str(tmp_path / "r.txt"), SHARE, config, stop=lambda: False)
    assert [f.code for f in findings] == ["FL101"]


def test_notifications_out_of_order_and_unknown_documents_are_survived(client: Client, tmp_path: Path) -> None:
    """didChange before didOpen, edits past the end, a close or save of a document never
    opened: the server stays up, and requests about documents it does not know get answers."""
    uri = (tmp_path / "late.txt").as_uri()
    edit = {"range": {"start": {"line": 50, "character": 9}, "end": {"line": 60, "character": 0}}, "text": "x"}
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": SHARE}]})
    client.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": 3}, "contentChanges": [edit]})
    client.notify("textDocument/didClose", {"textDocument": {"uri": (tmp_path / "never.txt").as_uri()}})
    client.notify("textDocument/didSave", {"textDocument": {"uri": (tmp_path / "never.txt").as_uri()}})
    client.notify("$/cancelRequest", {"id": 12345})
    whole = {"start": POSITION, "end": {"line": 3, "character": 0}}
    assert client.request(9, "textDocument/codeAction", {"textDocument": {"uri": uri}, "range": whole, "context": {"diagnostics": []}})["result"] == []
    assert client.request(10, "textDocument/hover", {"textDocument": {"uri": uri}, "position": POSITION})["result"] is None
    opened = client.open(tmp_path / "late.txt", SHARE)
    client.notify("textDocument/didChange", {"textDocument": {"uri": opened, "version": 2}, "contentChanges": [edit]})
    assert client.diagnostics(opened)["params"]["diagnostics"][0]["code"] == "FL101"
