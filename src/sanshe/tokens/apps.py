from django.utils.translation import gettext_lazy as _

from sanshe.common import contributions


class TokensConfig(contributions.SansheApp):
    """Personal access tokens: other systems call the API as a person, within the scopes they were given."""

    name = "sanshe.tokens"
    verbose_name = _("接口令牌")
    urls = "sanshe.tokens.urls"
