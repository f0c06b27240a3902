"""Service domains and target groups, as HSDS taxonomies and taxonomy terms."""

import re

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from sanshe.common.models import NamedModel, PublicModel, URLField


class TaxonomyRole(models.TextChoices):
    DOMAIN = "domain", _("服务领域")
    TARGET_GROUP = "target_group", _("服务对象")
    OTHER = "other", _("其他(导入)")


class Taxonomy(NamedModel):
    """A vocabulary: Sanshe's own domains and target groups, or one imported with HSDS data."""

    role = models.CharField(_("用途"), max_length=20, choices=TaxonomyRole.choices, default=TaxonomyRole.OTHER)
    description = models.TextField(_("说明"), blank=True)
    uri = URLField(_("URI"), blank=True)
    version = models.CharField(_("版本"), max_length=50, blank=True)

    class Meta(NamedModel.Meta):
        verbose_name = _("分类体系")
        verbose_name_plural = _("分类体系")
        constraints = [
            models.UniqueConstraint(
                fields=["role"], condition=~models.Q(role="other"), name="taxonomy_one_per_sanshe_role"
            )
        ]


class TermQuerySet(models.QuerySet):
    def domains(self):
        return self.filter(taxonomy__role=TaxonomyRole.DOMAIN)

    def target_groups(self):
        return self.filter(taxonomy__role=TaxonomyRole.TARGET_GROUP)


class TaxonomyTerm(NamedModel):
    """A term such as 老年 (domain) or 独居老人 (target group). `name` is Chinese; `name_en` English."""

    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.PROTECT, related_name="terms", verbose_name=_("分类体系"))
    code = models.CharField(_("代码"), max_length=100, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description = models.TextField(_("说明"), blank=True)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("上级")
    )
    term_uri = URLField(_("URI"), blank=True)
    language = models.CharField(_("语言"), max_length=20, blank=True, default="zh-Hans")

    objects = TermQuerySet.as_manager()

    class Meta(NamedModel.Meta):
        verbose_name = _("分类条目")
        verbose_name_plural = _("分类条目")
        constraints = [
            models.UniqueConstraint(fields=["taxonomy", "code"], condition=~models.Q(code=""), name="term_code_unique")
        ]

    @property
    def label(self) -> str:
        """The name in the active language, falling back to Chinese."""
        if (get_language() or "").startswith("en") and self.name_en:
            return self.name_en
        return self.name

    def __str__(self):
        return self.label


class DomainRelation(PublicModel):
    """A service in `to_domain` may help a need in `from_domain` (a candidate, at a cost, after its own domain).

    One way: 儿童 → 学校 does not imply 学校 → 儿童. Operators edit the table in the admin; the matcher reads it
    in one query.
    """

    from_domain = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.CASCADE,
        related_name="related_to",
        limit_choices_to={"taxonomy__role": TaxonomyRole.DOMAIN},
        verbose_name=_("需求的领域"),
    )
    to_domain = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.CASCADE,
        related_name="related_from",
        limit_choices_to={"taxonomy__role": TaxonomyRole.DOMAIN},
        verbose_name=_("可提供帮助的服务领域"),
    )

    class Meta:
        verbose_name = _("相关领域")
        verbose_name_plural = _("相关领域")
        ordering = ["from_domain__code", "to_domain__code"]
        constraints = [
            models.UniqueConstraint(fields=["from_domain", "to_domain"], name="domain_relation_unique_pair"),
            models.CheckConstraint(
                condition=~models.Q(from_domain=models.F("to_domain")), name="domain_relation_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_domain} → {self.to_domain}"


class SearchSynonym(PublicModel):
    """Residents' words (吃饭, 打官司) and the words services use for the same thing (助餐 餐桌 饭堂; 律师 法律援助).

    A search whose text contains `phrase` also finds services written with `service_words`, and ranks services
    in `domain` first. Operators extend the table in the admin; search reads it in one query.
    """

    phrase = models.CharField(_("居民的说法"), max_length=50, unique=True, help_text=_("例如：吃饭、打官司、放学"))
    service_words = models.CharField(
        _("服务用的词"), max_length=300, help_text=_("用空格或顿号分隔，例如：助餐 餐桌 饭堂 送餐")
    )
    domain = models.ForeignKey(
        TaxonomyTerm,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="search_synonyms",
        limit_choices_to={"taxonomy__role": TaxonomyRole.DOMAIN},
        verbose_name=_("指向的服务领域"),
    )

    class Meta:
        verbose_name = _("居民说法（搜索同义词）")
        verbose_name_plural = _("居民说法（搜索同义词）")
        ordering = ["phrase"]
        constraints = [models.CheckConstraint(condition=~models.Q(phrase=""), name="search_synonym_phrase_not_empty")]

    def __str__(self):
        return f"{self.phrase} → {self.service_words}"

    def words(self) -> list[str]:
        return split_words(self.service_words)


def split_words(text: str) -> list[str]:
    """Words separated by spaces, 、, commas or semicolons (Chinese or Latin), without blanks or repeats."""
    return list(dict.fromkeys(w for w in re.split(r"[\s、,，;；/]+", text or "") if w))
