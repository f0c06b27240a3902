"""What a browser would send for a rendered form: tests edit these values and post them back."""

from html.parser import HTMLParser

TEXT_INPUTS = {"text", "hidden", "number", "time", "date", "email", "url", "tel", "search", "password", ""}


class _FormReader(HTMLParser):
    def __init__(self, form_class):
        super().__init__()
        self.form_class = form_class
        self.inside = False
        self.values: dict[str, list[str]] = {}
        self.select = None
        self.textarea = None

    def _add(self, name, value):
        self.values.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_class in (attrs.get("class") or "").split():
            self.inside = True
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "")
            if kind in TEXT_INPUTS or (kind in {"checkbox", "radio"} and "checked" in attrs):
                self._add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "select":
            self.select = attrs["name"]
            self.values.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self._add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self._add(self.textarea, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            # Browsers drop the newline that Django puts right after <textarea>.
            current = self.values[self.textarea][-1]
            self.values[self.textarea][-1] += data if current else data.removeprefix("\n")


def form_values(page: str, form_class: str = "service-form") -> dict:
    """The form's fields as the test client posts them: one value, or a list for several."""
    reader = _FormReader(form_class)
    reader.feed(page)
    return {
        name: values if len(values) > 1 else (values[0] if values else "") for name, values in reader.values.items()
    }
