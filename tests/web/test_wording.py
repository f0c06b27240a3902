"""Django's own words said the residents' way, once for every form (sanshe.web.wording)."""

from django import forms
from django.utils import translation

from sanshe.needs.models import Need
from sanshe.places.models import Community


class _NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["for_whom", "community"]


class _Short(forms.Form):
    name = forms.CharField(max_length=5)
    age = forms.IntegerField(max_value=130)
    community = forms.ModelChoiceField(queryset=Community.objects.none(), required=False)


def test_an_empty_choice_reads_please_choose_never_dashes(db):
    html = str(_NeedForm()) + str(_Short())
    assert "请选择" in html and "---------" not in html


def test_length_and_range_refusals_say_what_to_do():
    form = _Short({"name": "王奶奶的女儿", "age": "200"})
    assert not form.is_valid()
    assert form.errors["name"] == ["最多写 5 个字，现在有 6 个字，请删短一些。"]
    assert form.errors["age"] == ["不能超过 130，请改小一些。"]
    assert "确保" not in str(form.errors)


def test_the_same_words_in_english():
    with translation.override("en"):
        form = _Short({"name": "abcdefg", "age": "1", "community": ""})
        form.is_valid()
        assert "Please choose" in str(form["community"])
        assert form.errors["name"] == ["At most 5 characters; this has 7. Please shorten it."]


def test_the_error_summary_counts_every_thing_to_fix():
    from django.template.loader import render_to_string

    form = _Short({"name": "王奶奶的女儿", "age": "abc"})
    form.is_valid()
    form.add_error(None, "申请总额超过了单笔上限。")
    html = render_to_string("web/_error_summary.html", {"form": form})
    assert "有 3 处需要修改" in html
