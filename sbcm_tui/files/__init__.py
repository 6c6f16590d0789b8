"""Bytes, folders and caches: case files on disk, the save lifecycle, protocol scripts, paths.

Everything that touches the disk lives here: reading and validating a case file, writing it
crash-safely, the summary cache of a folder, the one open case and its saves, where folders are.
"""
