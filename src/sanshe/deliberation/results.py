"""A survey's results: counts and shares per option, the mean of a scale, the average rank of each item,
and free-text answers listed; and answers as evidence by service domain."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from sanshe.deliberation.models import Answer, Question, QuestionKind, Response, Survey


@dataclass
class Bar:
    label: str
    count: int
    share: float  # 0..1 of those who answered the question
    note: str = ""

    @property
    def percent(self) -> int:
        return round(self.share * 100)


@dataclass
class QuestionResult:
    question: Question
    answered: int
    bars: list[Bar] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)
    mean: float | None = None


def survey_results(survey: Survey) -> tuple[int, list[QuestionResult]]:
    """How many responded, and each question's result, from one query over the answers."""
    questions = list(survey.questions.all())
    answers = Answer.objects.filter(response__survey=survey).values("question_id", "choices", "number", "text")
    by_question: dict = {q.pk: [] for q in questions}
    for row in answers:
        by_question[row["question_id"]].append(row)
    return Response.objects.filter(survey=survey).count(), [_result(q, by_question[q.pk]) for q in questions]


def _result(question: Question, rows: list[dict]) -> QuestionResult:
    result = QuestionResult(question, len(rows))
    n = len(rows) or 1
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        counts = Counter(choice for row in rows for choice in row["choices"])
        result.bars = [Bar(option, counts[i], counts[i] / n) for i, option in enumerate(question.options)]
    elif question.kind == QuestionKind.SCALE:
        counts = Counter(row["number"] for row in rows)
        result.bars = [Bar(str(value), counts[value], counts[value] / n) for value in range(1, 6)]
        result.mean = round(sum(row["number"] for row in rows) / len(rows), 1) if rows else None
    elif question.kind == QuestionKind.RANKING:
        # Each item's share of first places, and its average rank (1 is best).
        firsts = Counter(row["choices"][0] for row in rows if row["choices"])
        ranks = {i: [] for i in range(len(question.options))}
        for row in rows:
            for rank, choice in enumerate(row["choices"], start=1):
                ranks[choice].append(rank)
        result.bars = sorted(
            (
                Bar(option, firsts[i], firsts[i] / n, note=f"{sum(ranks[i]) / len(ranks[i]):.1f}" if ranks[i] else "")
                for i, option in enumerate(question.options)
            ),
            key=lambda bar: float(bar.note) if bar.note else 99.0,
        )
    else:
        result.texts = [row["text"] for row in rows if row["text"]]
    return result


def evidence_by_domain(community) -> dict:
    """{domain term id: number of answers} to questions mapped to a service domain, in the community's surveys."""
    rows = (
        Answer.objects.filter(question__survey__community=community, question__domain__isnull=False)
        .values("question__domain_id")
        .annotate(n=Count("id"))
    )
    return {row["question__domain_id"]: row["n"] for row in rows}


def export_rows(survey: Survey, results: list[QuestionResult]):
    """The results as spreadsheet rows: question, option, count, share; free text one row each."""
    yield ["题号", "题目", "选项", "人数", "占比", "平均名次/平均分"]
    for result in results:
        q = result.question
        for bar in result.bars:
            yield [q.position, q.text, bar.label, bar.count, f"{bar.percent}%", bar.note]
        if result.mean is not None:
            yield [q.position, q.text, "平均分", result.answered, "", result.mean]
        for text in result.texts:
            yield [q.position, q.text, text, "", "", ""]
