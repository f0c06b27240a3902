from django.core.management.base import BaseCommand
from django.db import transaction

from sanshe.search import index


class Command(BaseCommand):
    help = "Rebuild the full-text search index of every registered document (e.g. after a bulk import)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = index.rebuild()
        self.stdout.write(f"{count} entries indexed.")
