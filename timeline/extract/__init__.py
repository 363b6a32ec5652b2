"""Information extraction from article text (temporal expressions, TimeML tools)."""
