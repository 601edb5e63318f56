"""fiscallint: a linter for Chinese government fiscal disclosures (部门预算 / 部门决算公开)."""

__version__ = "0.1.0"
