"""The question set: how many the engine answers right, wrong, or declines (declining beats a wrong answer)."""

from __future__ import annotations

import math

import pytest

from etl_core.chat import answer_question
from etl_core.loaders import read_file
from tests.chat.questions import FOLLOW_UPS, MORE_QUESTIONS, QUESTIONS
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def tables():
    return {name: read_file(SAMPLES / file).frame.collect()
            for name, file in (("orders", "orders.csv"), ("customers", "customers.json"), ("products", "products.xlsx"))}


def same(got, expected) -> bool:
    if expected is None:
        return got is None
    if isinstance(expected, bool) or isinstance(got, bool):
        return got is expected or got == expected
    if isinstance(expected, int | float) and isinstance(got, int | float):
        return math.isclose(got, expected, rel_tol=1e-4, abs_tol=1e-6)
    if isinstance(expected, list):
        return isinstance(got, list) and [str(v) for v in got] == [str(v) for v in expected]
    return str(got) == str(expected)


def test_question_set(tables):
    right, wrong, declined = [], [], []
    for question, expected in QUESTIONS + MORE_QUESTIONS + FOLLOW_UPS:
        if isinstance(question, tuple):  # a follow-up changes the first question's plan
            first = answer_question(question[0], tables)
            answer = answer_question(question[1], tables, previous=first.plan)
        else:
            answer = answer_question(question, tables)
        if same(answer.value, expected):
            right.append(question)
        elif answer.value is None:
            declined.append(question)
        else:
            wrong.append((question, answer.value, expected, answer.text))
    total = len(QUESTIONS) + len(MORE_QUESTIONS) + len(FOLLOW_UPS)
    print(f"\nquestion set: {len(right)} right, {len(wrong)} wrong, {len(declined)} declined of {total}")
    assert total >= 200
    assert len(right) >= 0.9 * total, (wrong, declined)
    assert not wrong, f"a wrong answer is worse than none: {wrong}"
