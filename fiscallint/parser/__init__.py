"""The parser: source text → classified lines → document grammar → AST (:mod:`.document`),
with the table builder (:mod:`.tables`), the claims grammar's builder (:mod:`.claims`), the
performance tables (:mod:`.performance`) and the grammar loader (:mod:`.grammar_files`). It is the
only package that imports Lark or reads a report's lines; everything after it reads the AST.
"""

from .document import parse_source

__all__ = ["parse_source"]
