"""Figures of households whose population counts students (86004NED: 'Particuliere
huishoudens incl. studenten') say so: students' low incomes lower a student city's mean and
median and raise its share of low incomes (Groningen's income figures carried four urgent
tasks without a word about students: a fresh-eyes review, session 38)."""

from __future__ import annotations

import csv

from stadstrends.indicators.catalogue import load_catalogue


def test_every_figure_of_a_population_with_students_has_a_student_caveat(shared_data) -> None:
    path = shared_data / "cbs_statline_dump" / "municipal_total_slice" / "86004NED.csv"
    with path.open(encoding="utf-8-sig") as f:
        populations = {row["Populatie"] for row in csv.DictReader(f, delimiter=";")}
    assert populations == {"Particuliere huishoudens incl. studenten"}
    reading = [ind for ind in load_catalogue().indicators  # an income, not a count
               if any(p.table.upper() == "86004NED" and "Huishoudens" not in p.measure
                      for p in ind.numerator)]
    assert {ind.id for ind in reading} >= {
        "income_disposable_mean", "income_standardised_median", "low_income_households_share"}
    for ind in reading:
        assert any("student" in c.nl.lower() and "student" in c.en.lower()
                   for c in ind.caveats), ind.id
