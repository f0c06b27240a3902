from django.core.management.base import BaseCommand
from django.db import transaction

from sanshe.needs import search


class Command(BaseCommand):
    help = "Rebuild the full-text search index of services and public needs (e.g. after a bulk import)."

    def handle(self, *args, **options):
        with transaction.atomic():
            count = search.rebuild()
        self.stdout.write(f"{count} entries indexed.")
