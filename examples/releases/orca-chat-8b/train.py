# SPDX-License-Identifier: MIT
"""Fine-tunes Llama 3.1 8B Instruct on OpenOrca (illustrative example)."""

import sys


def main(argv):
    print("training OrcaChat-8B with", argv)


if __name__ == "__main__":
    main(sys.argv[1:])
