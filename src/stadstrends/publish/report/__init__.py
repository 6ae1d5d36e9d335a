"""City trend-study reports (HTML and PDF) and the overview of a set: see docs/report.md."""
