"""`python -m skytally.cli`: the same as the `skytally` command."""

from skytally.cli import run

if __name__ == "__main__":
    run()
