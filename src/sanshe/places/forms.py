"""The form of a community's profile page."""

from django import forms
from django.core.exceptions import ValidationError

from sanshe.places.models import Community
from sanshe.places.services import PROFILE_FIELDS, check_profile


class CommunityProfileForm(forms.ModelForm):
    """A community's figures; places.services.update_community_profile saves them."""

    class Meta:
        model = Community
        fields = list(PROFILE_FIELDS)
        widgets = {name: forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}) for name in PROFILE_FIELDS}

    def clean(self):
        data = super().clean()
        try:
            check_profile(data)
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.add_error(field, messages)
        return data

    def _post_clean(self):
        """Skip the model's own validation: the service validates the row (and its constraints) when it saves."""

    def profile_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in PROFILE_FIELDS}
