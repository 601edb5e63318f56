"""The parser: source text → classified lines → document grammar → AST (:mod:`.document`),
with the table builder (:mod:`.tables`), the claims grammar's builder (:mod:`.claims`), the
performance tables (:mod:`.performance`) and the grammar loader (:mod:`.grammar_files`). It is the
only package that imports Lark or reads a report's lines; everything after it reads the AST.
"""

from .document import parse_source

__all__ = ["parse_source", "prepare"]


def prepare() -> None:
    """Build the grammars' parsers now instead of on the first parse (the command line does it
    while a PDF is being read in another process)."""
    from .claims import claims_parser
    from .document import document_parser

    document_parser()
    list(claims_parser().lex(""))  # the lexer's patterns are compiled on first use
