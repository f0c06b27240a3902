"""The `sanshe` command: Django's management commands, with the settings preset.

sanshe demo [--no-serve]   migrate, load the demo city, serve
sanshe serve               production WSGI server (gunicorn) with static files
sanshe import hsds PATH    import HSDS data (a datapackage directory or JSON)
sanshe export hsds DIR     export the directory as HSDS JSON and CSV
sanshe migrate | createsuperuser | ...   any Django management command
"""

import os
import sys


def main(argv=None):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshe.settings")
    from django.core.management import execute_from_command_line

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "sanshe"
    if len(argv) == 1:
        print(__doc__)
        argv.append("help")
    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
