"""`python -m facereel`: the `facereel` command, for an environment whose scripts folder is not on PATH."""

import sys

from facereel.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
