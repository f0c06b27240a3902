from uuid import UUID

from ninja import Router, Schema

from sanshe.taxonomy.models import TaxonomyTerm

router = Router(tags=["taxonomy"])


class TermOut(Schema):
    id: UUID
    code: str
    name: str
    name_en: str
    description: str
    parent_id: UUID | None


@router.get("/domains", response=list[TermOut])
def list_domains(request):
    """Service domains (服务领域), in pinyin order. A bounded vocabulary: not paginated."""
    return TaxonomyTerm.objects.domains()


@router.get("/target-groups", response=list[TermOut])
def list_target_groups(request):
    return TaxonomyTerm.objects.target_groups()
