"""City trend-study reports (HTML and PDF) and the G40 overview: see docs/report.md."""
