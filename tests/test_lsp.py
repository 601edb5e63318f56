"""The language server, driven for real over stdio with pytest-lsp."""

from __future__ import annotations

import ast
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from tests.plugin_pack import TYPO_PACK, make_pack, subprocess_env
from tests.test_cli import BAD

pytestmark = pytest.mark.slow  # drives a language server in a subprocess

SITE = make_pack(Path(tempfile.mkdtemp(prefix="fiscallint-lsp-site-")), "xtpack", TYPO_PACK)
DIAGNOSTICS = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS
DOC = BAD + "\n本单位银行帐户余额 10.00 万元。\n"  # FL204 on line 4; XT101 (with a fix) on line 8
SHARE = "2024年度支出合计 500.00 万元，其中：基本支出 400.00 万元，占本年支出 70%；项目支出 100.00 万元，占本年支出 20%。\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    (tmp_path / "fiscallint.toml").write_text('select = ["FL204", "FL101", "XT"]\n', encoding="utf-8")
    return tmp_path


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[sys.executable, "-m", "fiscallint", "lsp"], server_env=subprocess_env(SITE)))
async def client(lsp_client: LanguageClient, workspace: Path):
    lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)(lambda params: None)
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=workspace.as_uri(),
        workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="ws")],
    ))
    yield
    await lsp_client.shutdown_session()


async def open_doc(client: LanguageClient, path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    uri = path.as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
    ))
    await client.wait_for_notification(DIAGNOSTICS)
    return uri


def codes(client: LanguageClient, uri: str) -> list[str]:
    return sorted(str(d.code) for d in client.diagnostics[uri])


async def actions_for(client: LanguageClient, uri: str, code: str) -> list:
    """The code actions offered for the document's one diagnostic of ``code``."""
    (found,) = [d for d in client.diagnostics[uri] if d.code == code]
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri), range=found.range, context=types.CodeActionContext(diagnostics=[found]),
    ))
    return actions


@pytest.mark.asyncio
async def test_diagnostics_on_open(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "r.txt", DOC)
    assert codes(client, uri) == ["FL204", "XT101"]
    (fl204,) = [d for d in client.diagnostics[uri] if d.code == "FL204"]
    assert fl204.source == "fiscallint" and fl204.severity == types.DiagnosticSeverity.Error
    assert fl204.range == types.Range(types.Position(3, 3), types.Position(3, 9))
    assert "120.00 + 100.00 = 220.00" in fl204.message
    assert fl204.code_description is not None and fl204.code_description.href.endswith("#fl204")
    assert fl204.related_information and fl204.related_information[0].location.uri == uri


@pytest.mark.asyncio
async def test_quick_fix_then_edit_clears_the_diagnostic(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "r.txt", DOC)
    actions = await actions_for(client, uri, "XT101")
    titles = [a.title for a in actions]
    assert any("账户" in t for t in titles) and any("ignore this finding" in t for t in titles)
    fix = next(a for a in actions if a.edit is not None)
    (change,) = fix.edit.document_changes
    (edit,) = change.edits
    assert edit.new_text == "账户"
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text)],
    ))
    await client.wait_for_notification(DIAGNOSTICS)
    assert codes(client, uri) == ["FL204"]


INFERRED = "2024年度一般公共预算财政拨款支出 500.00 万元，主要用于以下方面：\n\n1.一般公共服务（类）支出 400.00 万元，占 60%。\n"


@pytest.mark.asyncio
async def test_display_only_fix_is_listed_disabled_without_an_edit(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "r.txt", INFERRED)
    actions = await actions_for(client, uri, "FL101")
    (shown,) = [a for a in actions if "display only" in a.title]
    assert "80%" in shown.title and shown.edit is None and shown.command is None
    assert shown.disabled is not None and shown.disabled.reason
    assert not any(isinstance(a, types.CodeAction) and a.edit is not None for a in actions)


@pytest.mark.asyncio
async def test_ignore_action_adds_to_the_baseline(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "r.txt", DOC)
    actions = await actions_for(client, uri, "FL204")
    ignore = next(a for a in actions if a.title.startswith("FL204") and "ignore" in a.title)
    command = ignore.command
    if isinstance(command, str):  # the test client decodes Command | CodeAction as a Command
        command = types.Command(**ast.literal_eval(command))
    assert command.command == "fiscallint.ignoreFinding"
    await client.workspace_execute_command_async(types.ExecuteCommandParams(command.command, command.arguments))
    await client.wait_for_notification(DIAGNOSTICS)
    assert codes(client, uri) == ["XT101"]
    assert "FL204" in (workspace / "fiscallint-baseline.json").read_text(encoding="utf-8")


@pytest.mark.asyncio
async def test_hover_shows_the_parsed_claim(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "s.txt", SHARE)
    assert "FL101" in codes(client, uri)
    column = SHARE.index("400.00") + 2
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, column)))
    assert hover is not None
    text = hover.contents.value
    assert "share" in text and "400.00" in text and "70" in text and "FL101" in text


@pytest.mark.asyncio
async def test_config_change_is_picked_up(client: LanguageClient, workspace: Path) -> None:
    uri = await open_doc(client, workspace / "r.txt", DOC)
    assert "FL204" in codes(client, uri)
    (workspace / "fiscallint.toml").write_text('select = ["XT"]\n', encoding="utf-8")
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[
        types.FileEvent(uri=(workspace / "fiscallint.toml").as_uri(), type=types.FileChangeType.Changed)
    ]))
    await client.wait_for_notification(DIAGNOSTICS)
    assert codes(client, uri) == ["XT101"]


@pytest.mark.asyncio
async def test_garbage_and_bad_config_never_crash_the_server(client: LanguageClient, workspace: Path) -> None:
    (workspace / "fiscallint.toml").write_text("nonsense = 1\n", encoding="utf-8")
    garbage = "公开03表\n单位：万元\n\t\t|||\n合计 ９９.\n" + "（" * 500 + "\n201\t\n"
    uri = await open_doc(client, workspace / "g.md", garbage)
    assert uri in client.diagnostics
    assert any("unknown key 'nonsense'" in m.message for m in client.messages)
    hover = await client.text_document_hover_async(types.HoverParams(types.TextDocumentIdentifier(uri), types.Position(0, 0)))
    assert hover is None


@pytest.mark.asyncio
async def test_csv_and_html_reports_get_diagnostics_too(client: LanguageClient, workspace: Path) -> None:
    share = "一、支出情况\n\n" + SHARE
    uri = await open_doc(client, workspace / "s.csv", share)
    assert codes(client, uri) == ["FL101"]
    uri = await open_doc(client, workspace / "s.HTML", "<html><body><p>" + SHARE.strip() + "</p></body></html>\n")
    assert codes(client, uri) == ["FL101"]
