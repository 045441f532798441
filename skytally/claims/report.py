"""Format a CheckResult for a person: a text report, or the article as HTML with claims highlighted.

The wording is in templates/check.{txt,html}.j2; Jinja is imported only here.
"""

from __future__ import annotations

from typing import Any

from skytally.claims.model import CheckResult

# A sentence holding claims with several verdicts is marked with the most serious one.
_SEVERITY = {"contradicted": 3, "depends_on_source": 2, "supported": 1, "not_checkable": 0}


def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("skytally.claims", "templates"),
        autoescape=jinja2.select_autoescape(["html.j2"]),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def format_text(result: CheckResult) -> str:
    """Return the readable report: every claim, its verdict, reason and the query to check it."""
    return _environment().get_template("check.txt.j2").render(r=result)


def format_html(text: str, result: CheckResult) -> str:
    """Return the article as an HTML page, each claim's sentence marked by its verdict."""
    spans: dict[tuple[int, int], Any] = {}
    for checked in result.claims:
        key = (checked.claim.start, checked.claim.end)
        current = spans.get(key)
        if current is None or _SEVERITY[checked.verdict.verdict] > _SEVERITY[current.verdict.verdict]:
            spans[key] = checked
    parts: list[dict[str, Any]] = []
    pos = 0
    for (start, end), checked in sorted(spans.items()):
        if start < pos:
            continue
        parts.append({"text": text[pos:start], "verdict": None})
        parts.append({"text": text[start:end], "verdict": checked.verdict.verdict, "reason": checked.verdict.reason})
        pos = end
    parts.append({"text": text[pos:], "verdict": None})
    return _environment().get_template("check.html.j2").render(r=result, parts=parts)
