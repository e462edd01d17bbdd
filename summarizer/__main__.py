"""`python -m summarizer`: the same command line as the `summarizer` script."""

from .cli import main

if __name__ == "__main__":
    main()
