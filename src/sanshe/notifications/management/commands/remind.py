"""`sanshe remind`: tell people what is due (each app's declared reminders), and retry sends that are due.

Run it once a day or more often (cron, a systemd timer); it is idempotent: a person hears once about each
due item, and a delivery is sent once however often it is queued.
"""

from django.core.management.base import BaseCommand

from sanshe.common import clock
from sanshe.common.contributions import reminders
from sanshe.notifications import delivery


class Command(BaseCommand):
    help = "提醒到期事项（里程碑、报告等），并重试到期的短信和邮件发送。每天运行一次或更频繁；重复运行不会重复提醒。"

    def handle(self, *args, **options):
        today = clock.today()
        for name, remind in reminders():
            self.stdout.write(f"{name}: {remind(today)}")
        self.stdout.write(f"retried deliveries: {delivery.retry_due()}")
