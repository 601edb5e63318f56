"""The parser: source text → classified lines → document grammar → AST (:mod:`.document`),
with the table builder (:mod:`.tables`), the claims grammar's builder (:mod:`.claims`), the
performance tables (:mod:`.performance`) and the grammar loader (:mod:`.grammar_files`). It is the
only package that imports Lark or reads a report's lines; everything after it reads the AST.
"""

from .document import parse_source

__all__ = ["parse_source", "prepare"]


def prepare(patterns: bool = False) -> None:
    """Build the grammars' parsers now instead of on the first parse (the command line does it
    while a PDF is being read in another process); with ``patterns``, compile the regular
    expressions that every parse uses too (those of the line, table, claims and heading
    readers: a few of them go unused by a given document)."""
    from ..patterns import compile_now
    from . import claims, cover, document, heading, lines, tables

    document.document_parser()
    claims.claims_parser().parse_interactive("0").exhaust_lexer()  # its lexer compiles on the first token
    if patterns:
        for module in (lines, tables, claims, heading, cover, document):
            compile_now(module)
