"""django-ninja's API with its OpenAPI document built once per process, not on every request.

Building the document walks every operation and schema (about a second on a quiet machine); under
load, workers rebuilding it for each request to /api/openapi.json ran into gunicorn's timeout.
The routes are fixed once the URLconf is loaded, so the document is too.
"""

import threading

import ninja


class NinjaAPI(ninja.NinjaAPI):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._schemas = {}
        self._building = threading.Lock()

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        with self._building:  # one thread builds it; the others wait for that one
            if path_prefix not in self._schemas:
                self._schemas[path_prefix] = super().get_openapi_schema(path_prefix=path_prefix)
        return self._schemas[path_prefix]
