"""The language server: the same lint as ``fiscallint check`` (fiscallint.pipeline), on buffers.

Diagnostics are published on open, save and (debounced) change. Each lint runs in a worker
thread, off the event loop and apart from the threads that read the client's messages: small
documents in one lane, documents over ``BIG_DOCUMENT`` characters in another, so a big one
never delays a small one's diagnostics. A newer edit or closing the document cancels the
running lint (it stops within 512 lines of the parse, or at the next paragraph, table or
rule) and a stale result is dropped. Every request is answered: params that cannot be read get
an InvalidParams error response.
Code actions offer each fix (safe ones preferred, unsafe ones saying so; a display-only fix is
listed disabled, with no edit) and "ignore this finding" (which records the finding in the
baseline file). Hover on a claim shows what was parsed.
"""

from __future__ import annotations

import asyncio
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from .. import __version__
from ..ast import BreakdownClaim, Claim, CountBreakdownClaim, ExecutionClaim, Report, ShareClaim
from ..baseline import Baseline, fingerprints
from ..config import CONFIG_FILES, Config, discover, inside, known_code
from ..errors import Cancelled, ConfigError, InputError
from ..findings import Finding
from ..numbers import fmt
from ..pipeline import lint_buffer
from ..source import line_feeds
from .convert import code_points, contains, diagnostic, overlaps, to_range

LINTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".tsv", ".csv")
DEBOUNCE_SECONDS = 0.3
BIG_DOCUMENT = 200_000  # characters: bigger documents are linted in their own lane
IGNORE_COMMAND = "fiscallint.ignoreFinding"


@dataclass
class Linted:
    """The last lint of a document: what the code actions and hovers answer from."""

    version: int | None
    lines: list[str]
    report: Report | None = None
    findings: list[Finding] = field(default_factory=list)
    prints: list[str] = field(default_factory=list)
    notice: str | None = None


class AnsweringProtocol(LanguageServerProtocol):
    """The LSP protocol, answering a request whose params cannot be read with an error
    response (pygls would log it and never answer, leaving the client waiting)."""

    def structure_message(self, data: dict[str, object]) -> object:
        try:
            return super().structure_message(data)
        except JsonRpcException:
            request_id = data.get("id")
            if "method" in data and isinstance(request_id, (int, str)) and not isinstance(request_id, bool):
                error = JsonRpcInvalidParams(f"invalid params for {data['method']}")
                self._send_response(request_id, error=error.to_response_error())
            raise


class FiscalServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("fiscallint", __version__, max_workers=2, protocol_cls=AnsweringProtocol)
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.generation: dict[str, int] = {}
        self.linted: dict[str, Linted] = {}
        self.stops: dict[str, threading.Event] = {}
        self.lanes = {
            "small": ThreadPoolExecutor(1, thread_name_prefix="fiscallint-small"),
            "big": ThreadPoolExecutor(1, thread_name_prefix="fiscallint-big"),
        }

    # --- scheduling -------------------------------------------------------------------

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Lint ``uri`` after ``delay`` seconds, cancelling any run still waiting for it."""
        if not uri_path(uri).lower().endswith(LINTED_SUFFIXES):
            return
        self.cancel(uri)
        self.generation[uri] = self.generation.get(uri, 0) + 1
        self.stops[uri] = threading.Event()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._run(uri, self.generation[uri], delay, self.stops[uri]))

    def shutdown(self) -> None:
        """Stop every lint under way, then the server (a big lint never delays the exit)."""
        for stop in self.stops.values():
            stop.set()
        for lane in self.lanes.values():
            lane.shutdown(wait=False, cancel_futures=True)
        super().shutdown()

    def cancel(self, uri: str) -> None:
        """Stop the run for ``uri``: a waiting one at once, a running lint at its next check."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        stop = self.stops.pop(uri, None)
        if stop is not None:
            stop.set()

    def relint_all(self) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri)

    async def _run(self, uri: str, generation: int, delay: float, stop: threading.Event) -> None:
        try:
            if delay:
                await asyncio.sleep(delay)
            document = self.workspace.get_text_document(uri)
            text, version = document.source, document.version
            lane = self.lanes["big" if len(text) > BIG_DOCUMENT else "small"]
            linted = await asyncio.get_running_loop().run_in_executor(lane, self._lint, uri, text, version, stop)
        except asyncio.CancelledError:
            return
        if linted is None or self.generation.get(uri) != generation:
            return  # cancelled or stale: a newer edit is being linted
        self.pending.pop(uri, None)
        self.linted[uri] = linted
        if linted.notice:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, linted.notice))
        self.text_document_publish_diagnostics(types.PublishDiagnosticsParams(
            uri=uri,
            version=version,
            diagnostics=[diagnostic(f, uri, linted.lines) for f in linted.findings],
        ))

    def _lint(self, uri: str, text: str, version: int | None, stop: threading.Event) -> Linted | None:
        """Lint a buffer (in a lane's thread); None when cancelled. Never raises: failures
        become one diagnostic, a buffer over the bounds a message and no diagnostics."""
        path = uri_path(uri)
        lines = line_feeds(text).split("\n")
        notice = None
        try:
            try:
                config = discover(path)
            except ConfigError as exc:
                notice, config = f"fiscallint: {exc}", default_config(path)
            report, findings = lint_buffer(path, text, config, stop=stop.is_set)
            prints = fingerprints(findings, report)
            baseline = config.baseline_path
            if baseline.is_file():
                kept = set(map(id, Baseline.load(baseline).new_findings(list(zip(findings, prints)))))
                pairs = [(f, p) for f, p in zip(findings, prints) if id(f) in kept]
                findings, prints = [f for f, _ in pairs], [p for _, p in pairs]
            return Linted(version, lines, report, findings, prints, notice)
        except Cancelled:
            return None
        except InputError as exc:
            return Linted(version, lines, notice=f"fiscallint: {path}: {exc}")
        except Exception as exc:  # the server must outlive any input
            from ..ast import Span
            from ..findings import Severity

            crash = Finding("FL000", Severity.ERROR, f"fiscallint 内部错误 (internal error): {type(exc).__name__}: {exc}", Span(1, 1, 1, 1), path=path)
            return Linted(version, lines, None, [crash], [""])



def default_config(path: str) -> Config:
    return Config(root=Path(os.path.dirname(path) or os.getcwd()))


server = FiscalServer()


def uri_path(uri: str) -> str:
    return to_fs_path(uri) or uri


# --- document events ---------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
async def did_open(ls: FiscalServer, params: types.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
async def did_change(ls: FiscalServer, params: types.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE)
async def did_save(ls: FiscalServer, params: types.DidSaveTextDocumentParams) -> None:
    if os.path.basename(uri_path(params.text_document.uri)) in CONFIG_FILES:
        ls.relint_all()
    else:
        ls.schedule(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
async def did_close(ls: FiscalServer, params: types.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    ls.cancel(uri)
    ls.generation[uri] = ls.generation.get(uri, 0) + 1
    ls.linted.pop(uri, None)
    ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
async def watched_changed(ls: FiscalServer, params: types.DidChangeWatchedFilesParams) -> None:
    ls.relint_all()


@server.feature(types.INITIALIZED)
async def initialized(ls: FiscalServer, params: types.InitializedParams) -> None:
    """Ask the client to tell us when a configuration or baseline file changes on disk."""
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in (*CONFIG_FILES, "*baseline*.json")]
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[types.Registration(
            id="fiscallint-config-watch",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )]))
    except Exception as exc:  # a client that says yes but refuses: saving the config still reloads it
        ls.window_log_message(types.LogMessageParams(types.MessageType.Warning, f"fiscallint: no file watching: {exc}"))


# --- code actions ------------------------------------------------------------------------

@server.feature(
    types.TEXT_DOCUMENT_CODE_ACTION,
    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]),
)
def code_action(ls: FiscalServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    uri = params.text_document.uri
    linted = ls.linted.get(uri)
    if linted is None:
        return []
    actions: list[types.CodeAction] = []
    for finding, print_ in zip(linted.findings, linted.prints):
        if not overlaps(finding.span, linted.lines, params.range) or finding.code == "FL000":
            continue
        diag = diagnostic(finding, uri, linted.lines)
        if finding.fix is not None and finding.fix.applies(unsafe=True):
            edit = types.TextEdit(range=to_range(finding.fix.span, linted.lines), new_text=finding.fix.replacement)
            safe = finding.fix.applies(unsafe=False)
            actions.append(types.CodeAction(
                title=f"{finding.code}: {finding.fix.label()} ({'apply the fix' if safe else 'unsafe fix: check which figure is wrong'})",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                is_preferred=safe,
                edit=types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(
                    text_document=types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=linted.version),
                    edits=[edit],
                )]),
            ))
        elif finding.fix is not None:
            actions.append(types.CodeAction(
                title=f"{finding.code}: {finding.fix.label()} (display only: a suggestion, never applied)",
                kind=types.CodeActionKind.QuickFix,
                diagnostics=[diag],
                disabled=types.CodeActionDisabled(reason="仅供参考，不自动修改 (a suggestion to check by hand)"),
            ))
        actions.append(types.CodeAction(
            title=f"{finding.code}: 忽略此项 (ignore this finding: add it to the baseline)",
            kind=types.CodeActionKind.QuickFix,
            diagnostics=[diag],
            command=types.Command(
                title="Ignore this finding",
                command=IGNORE_COMMAND,
                arguments=[uri, finding.code, print_, finding.span.line, finding.message],
            ),
        ))
    return actions


@server.command(IGNORE_COMMAND)
def ignore_finding(ls: FiscalServer, *args: object) -> None:
    """Record one finding in the baseline of its document's configuration, then re-lint."""
    uri, code, print_, line, message = (list(args) + [None] * 5)[:5]
    if not (isinstance(uri, str) and isinstance(code, str) and isinstance(print_, str)
            and isinstance(line, int) and not isinstance(line, bool) and line >= 1 and isinstance(message, (str, type(None)))):
        raise JsonRpcInvalidParams(f"{IGNORE_COMMAND} takes [uri, code, fingerprint, line >= 1, message]")
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if not path:  # an unsaved buffer has no project: its baseline would land in the server's folder
        raise JsonRpcInvalidParams(f"{IGNORE_COMMAND}: {uri!r} is not a file: URI; only a saved file's findings go in a baseline")
    if not known_code(code):
        raise JsonRpcInvalidParams(f"{IGNORE_COMMAND}: {code!r} is not a rule code")
    try:
        config = discover(path)
        target = config.baseline_path
        if not inside(config.root, target):  # a symlink planted since the configuration was read
            raise ConfigError(f"{target}: the baseline is outside {config.root}; not written")
        if target.exists() and os.path.exists(path) and os.path.samefile(target, path):
            raise ConfigError(f"{target}: the baseline is the document itself (a link to it); not written")
        baseline = Baseline.load(target) if target.is_file() else Baseline(target)
    except ConfigError as exc:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"fiscallint: {exc}"))
        return
    from ..ast import Span
    from ..findings import Severity

    stand_in = Finding(code, Severity.INFO, message or "", Span(line, 1, line, 1), path=path)
    baseline.add(stand_in, print_)
    try:
        baseline.write()
    except ConfigError as exc:
        ls.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"fiscallint: {exc}"))
        return
    ls.relint_all()


# --- hover -------------------------------------------------------------------------------

@server.feature(types.TEXT_DOCUMENT_HOVER)
def hover(ls: FiscalServer, params: types.HoverParams) -> types.Hover | None:
    linted = ls.linted.get(params.text_document.uri)
    if linted is None or linted.report is None or params.position.line >= len(linted.lines):
        return None
    line = params.position.line + 1
    column = code_points(linted.lines[line - 1], params.position.character)
    claims = [c for c in linted.report.claims() if contains(c.span, line, column)]
    if not claims:
        return None
    claims.sort(key=lambda c: (c.span.end_line - c.span.line, c.span.end_column - c.span.column))
    spans = [c.span for c in claims]
    notes = [f"- {f.code} {f.message}" for f in linted.findings if any(contains(s, f.span.line, f.span.column) for s in spans)]
    body = "\n\n---\n\n".join(describe(c) for c in claims)
    if notes:
        body += "\n\n---\n\n" + "\n".join(notes)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=body),
        range=to_range(claims[0].span, linted.lines),
    )


def describe(claim: Claim) -> str:
    """What the parser read in a claim: kind, subject, figures by role, and the computation."""
    out = [f"**fiscallint** — {claim.kind}：{claim.subject or '（无主语）'}", ""]
    out += [f"- {role}: `{number.text}`" for role, number in claim.roles()]
    out += [f"- {role}（词）: {word}" for role, word in claim.details() if word != "" and word is not False]
    if isinstance(claim, (BreakdownClaim, CountBreakdownClaim)):
        out += [f"- 分项 {part.subject}: `{part.value.text}`" for part in claim.parts]
    computed = computation(claim)
    if computed:
        out += ["", f"计算：{computed}"]
    return "\n".join(out)


def computation(claim: Claim) -> str | None:
    if isinstance(claim, ShareClaim) and claim.whole is not None and claim.whole.value:
        return f"{claim.part.text} / {claim.whole.text} = {fmt(claim.part.value / claim.whole.value * 100)}%"
    if isinstance(claim, ExecutionClaim) and claim.actual is not None and claim.budget is not None and claim.budget.value:
        return f"{claim.actual.text} / {claim.budget.text} = {fmt(claim.actual.value / claim.budget.value * 100)}%"
    if isinstance(claim, BreakdownClaim) and claim.parts:
        values = [p.value for p in claim.parts]
        total = sum((v.value for v in values), Decimal(0))
        return f"{' + '.join(v.text for v in values)} = {fmt(total)}（总额 {claim.total.text}）"
    return None


def serve() -> None:
    server.start_io()
