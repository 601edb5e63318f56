"""fiscallint's language server (``fiscallint lsp``), built on pygls and lsprotocol."""
