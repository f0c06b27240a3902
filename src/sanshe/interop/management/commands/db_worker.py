"""`sanshe db_worker`: django_tasks_db's worker, with heartbeats so tasks of a killed worker are retried or failed."""

from django.core.management.base import CommandError
from django_tasks_db.management.commands import db_worker

from sanshe.interop.worker import LEASE_SECONDS, Worker


class Command(db_worker.Command):
    help = "运行后台任务（生产环境）。多个进程、多台机器可同时运行，同一任务只会被一个进程领取；进程中断后任务会重试。"

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--lease",
            type=float,
            default=LEASE_SECONDS,
            help="心跳超时秒数：进程这么久没有心跳，它的任务就重新排队（默认 %(default)s）",
        )

    def handle(self, *, verbosity, queue_name, exclude_queues, lease, reload, **options):
        if lease <= 0:
            raise CommandError("--lease 必须大于 0。")
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = Worker(
            lease=lease,
            queue_names=queue_names,
            excluded_queue_names=excluded,
            **{k: options[k] for k in ("interval", "batch", "backend_name", "startup_delay", "max_tasks", "worker_id")},
        )
        worker.configure_signals()
        worker.run()
