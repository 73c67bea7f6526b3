"""Lets `python -m nicepick` behave exactly like the console script."""

from nicepick.cli import main

if __name__ == "__main__":
    main()
