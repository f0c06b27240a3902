"""A Django "hello world", served by gunicorn the way `sanshe serve` is: the yardstick of bench/pages.py.

gunicorn bench.hello:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    SECRET_KEY="hello-world-bench-only",
    MIDDLEWARE=[],
)


def hello(request):
    return HttpResponse("hello world")


urlpatterns = [path("", hello)]
application = get_wsgi_application()
