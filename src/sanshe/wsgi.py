import os

from django.core.wsgi import get_wsgi_application
from django.db import connections
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sanshe.settings")
application = get_wsgi_application()

# Every app's URLs and the API's schemas now, not on the first request; under `sanshe serve`
# (gunicorn --preload) once in the master, shared by the workers it forks.
get_resolver().url_patterns  # noqa: B018 - loading is the point
connections.close_all()  # none may be shared with the forked workers
