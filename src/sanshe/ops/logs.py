"""Log records as one JSON object a line, each with the id of the request it belongs to."""

import datetime
import json
import logging

from sanshe.ops.requests import current_request_id

# Attributes every LogRecord has; anything else was passed in `extra` and belongs in the line, except
# Django's request object, whose text holds the query string (a search may hold private words).
_LEFT_OUT = set(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime", "request_id", "request"}


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
        }
        line.update({key: value for key, value in vars(record).items() if key not in _LEFT_OUT})
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return json.dumps(line, ensure_ascii=False, default=str)
