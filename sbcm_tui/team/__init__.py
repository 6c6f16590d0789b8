"""The team layer: case folders shared through git, merged on the case model, never by text.

``merge`` is the three-way merge of one case; ``git`` runs the git command line; ``sync``
commits, fetches, merges and pushes a folder; ``identity`` is who the worker is on the team.
"""
