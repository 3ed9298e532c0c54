# SPDX-License-Identifier: MIT OR Apache-2.0
# SPDX-FileCopyrightText: 2024 The Lantern Project Authors
"""Counts the lines of each file given on the command line."""

import sys


def count_lines(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return sum(1 for _ in f)


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(f"{count_lines(name):8d} {name}")
