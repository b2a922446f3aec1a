"""Undo for actions that change rows (imports, deck and note changes): the row journal and the
scopes of rows each action may touch."""
