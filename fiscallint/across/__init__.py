"""Checks across reports: a facts store of every indexed report, and the identities that pair them.

``identity`` reads who a report is about (unit, level, kind, year); ``figures`` reads its typed
facts from the AST; ``store`` keeps both in SQLite; ``pairs`` decides which reports are the same
unit or a department and its unit; ``index`` fills the store from files.
"""
