"""Forms of the directory's pages: finding a service, editing one, an organization and its members.

The prices, hours and places of the service form are in service_forms.py; service_editor.py puts them together.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from sanshe.directory.models import Organization, Service
from sanshe.directory.selectors import ServiceFilter
from sanshe.people.models import RoleKind
from sanshe.places.models import Community
from sanshe.places.picker import CommunityField
from sanshe.taxonomy.choices import CachedTermChoices
from sanshe.taxonomy.models import TaxonomyTerm


class TermChoiceField(forms.ModelChoiceField):
    iterator = CachedTermChoices

    def label_from_instance(self, obj):
        return obj.label


class ServiceSearchForm(forms.Form):
    """The filters of 找服务. Every field is optional; a bad value is ignored, not an error page."""

    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    domain = TermChoiceField(
        label=_("服务领域"), required=False, queryset=TaxonomyTerm.objects.domains(), empty_label=_("全部领域")
    )
    target_group = TermChoiceField(
        label=_("服务对象"),
        required=False,
        queryset=TaxonomyTerm.objects.target_groups(),
        empty_label=_("全部人群"),
    )
    community = CommunityField(label=_("服务社区"), required=False, empty_label=_("全部社区"))
    free = forms.BooleanField(label=_("只看免费"), required=False)

    def criteria(self) -> ServiceFilter:
        self.is_valid()
        data = self.cleaned_data
        return ServiceFilter(
            text=data.get("q") or "",
            domain=_pk(data.get("domain")),
            target_group=_pk(data.get("target_group")),
            community=_pk(data.get("community")),
            free_only=bool(data.get("free")),
        )

    @property
    def has_filters(self) -> bool:
        """Whether any filter beyond the search words is set (then the filters start unfolded)."""
        return any(self.cleaned_data.get(name) for name in self.fields if name != "q")


def _pk(row):
    return row.pk if row is not None else None


class TermCheckboxes(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return obj.label


# The page in the order a worker fills it in; prices, hours and places come between.
ABOUT_FIELDS = [
    "name",
    "alternate_name",
    "description",
    "status",
    "domains",
    "target_groups",
    "service_area",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "application_process",
]
FEE_FIELDS = ["fees_description"]
CONTACT_FIELDS = ["capacity_per_week", "capacity_taken", "phone", "email", "url", "assured_date", "assurer_email"]
SERVICE_FORM_FIELDS = ABOUT_FIELDS + FEE_FIELDS + CONTACT_FIELDS


class ServiceForm(forms.ModelForm):
    """Validates a service; saving goes through directory.services, never form.save()."""

    domains = TermCheckboxes(label=_("服务领域"), required=False, queryset=TaxonomyTerm.objects.domains())
    target_groups = TermCheckboxes(label=_("服务对象"), required=False, queryset=TaxonomyTerm.objects.target_groups())
    service_area = forms.ModelMultipleChoiceField(
        label=_("服务社区"),
        required=False,
        queryset=Community.objects.order_by("sort_key"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = SERVICE_FORM_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "application_process": forms.Textarea(attrs={"rows": 3}),
            "fees_description": forms.Textarea(attrs={"rows": 2}),
            "eligibility_description": forms.Textarea(attrs={"rows": 2}),
            "assured_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
        }

    def service_data(self) -> dict:
        """The cleaned values in the shape directory.services expects."""
        return {name: self.cleaned_data[name] for name in SERVICE_FORM_FIELDS}


# What an organization may say about itself; registration, rating and kind are set by operators.
ORGANIZATION_FORM_FIELDS = ["name", "alternate_name", "description", "contact_name", "phone", "email", "website"]


class OrganizationForm(forms.ModelForm):
    """Validates an organization's own details; saving goes through directory.services.update_organization."""

    class Meta:
        model = Organization
        fields = ORGANIZATION_FORM_FIELDS
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def organization_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ORGANIZATION_FORM_FIELDS}


class MemberForm(forms.Form):
    """Invite someone to work for an organization; they join when they accept (people.services)."""

    login = forms.CharField(
        label=_("用户名或手机号码"),
        max_length=150,
        help_text=_("填写对方的11位手机号码或用户名。对方在“我的账户”里接受邀请后才会加入。"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "none", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label=_("角色"),
        choices=[
            (RoleKind.ORG_STAFF, RoleKind.ORG_STAFF.label),
            (RoleKind.SOCIAL_WORKER, RoleKind.SOCIAL_WORKER.label),
            (RoleKind.ORG_ADMIN, RoleKind.ORG_ADMIN.label),
        ],
        initial=RoleKind.ORG_STAFF,
        help_text=_("管理员可以修改机构资料、删除服务和管理成员；工作人员和社工可以发布和修改服务。"),
    )
