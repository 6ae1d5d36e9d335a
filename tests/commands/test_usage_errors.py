"""The option parser's usage errors (an unknown option or command, a missing argument, a bad
value) say what the commands' own errors say, from the language files (``errors.usage_*``,
:mod:`stadstrends.commands.usage`): in the command's --lang when it can be read, else its
default (Dutch: every command has --lang nl), Dutch for the program itself; 'Fout:'
and 'Tip:' with the help command, never click's English 'Usage: ... Try ... Error: Invalid
value for '--format': 'xyz' is not one of ...' nor a traceback; exit code 2. The commands
run in this process (``cli_run``, tests/conftest.py)."""

from __future__ import annotations

import pytest

CASES = [
    (("report", "--format", "xyz"),
     ["Fout: ongeldige waarde 'xyz' voor --format",
      "Tip: kies een van: html, pdf, both; uitleg: `stadstrends report --help`"]),
    (("report", "--format", "xyz", "--lang", "en"),
     ["Error: invalid value 'xyz' for --format",
      "Hint: choose one of: html, pdf, both; help: `stadstrends report --help`"]),
    (("show",),
     ["Fout: het argument CITY ontbreekt",
      "Tip: gebruik: `stadstrends show [OPTIONS] CITY INDICATOR`; uitleg: "
      "`stadstrends show --help`"]),
    (("show", "Zwolle", "--lang", "en"),
     ["Error: the argument INDICATOR is missing",
      "Hint: usage: `stadstrends show [OPTIONS] CITY INDICATOR`; help: "
      "`stadstrends show --help`"]),
    (("report", "--bogus"),
     ["Fout: onbekende optie '--bogus'", "Tip: de opties: `stadstrends report --help`"]),
    (("report", "--lang=en", "--bogus"),  # before its callback: read from the line
     ["Error: unknown option '--bogus'", "Hint: the options: `stadstrends report --help`"]),
    (("report", "--formaat", "pdf"),
     ["Fout: onbekende optie '--formaat'", "Bedoelde u: --format?",
      "Tip: de opties: `stadstrends report --help`"]),
    (("profile", "Oss", "--format", "xml"),
     ["Fout: ongeldige waarde 'xml' voor --format",
      "Tip: kies een van: table, csv, json; uitleg: `stadstrends profile --help`"]),
    (("show", "Zwolle", "population", "--db"),  # no context from the parser: from the line
     ["Fout: de optie --db verwacht een waarde",
      "Tip: zet de waarde achter --db; uitleg: `stadstrends show --help`"]),
    (("report", "--all=yes"),
     ["Fout: achter de optie --all hoort geen waarde",
      "Tip: schrijf alleen --all; uitleg: `stadstrends report --help`"]),
    (("report", "--workers", "twee"),
     ["Fout: 'twee' is geen geheel getal (--workers)",
      "Tip: uitleg: `stadstrends report --help`"]),
    (("report", "Den", "Bosch"),
     ["Fout: te veel argumenten: Bosch",
      "Tip: gebruik: `stadstrends report [OPTIONS] [CITY]`; zet een naam met spaties tussen "
      "aanhalingstekens ('Den Bosch'); uitleg: `stadstrends report --help`"]),
    (("show", "Zwolle", "population", "--lang", "xx"),  # not readable: the default
     ["Fout: onbekende taal 'xx'",
      "Tip: kies een van: nl, en; uitleg: `stadstrends show --help`"]),
    # every command and the program itself: Dutch unless --lang says otherwise (they said
    # English, as the commands without --lang did)
    (("serve", "--port", "0"),
     ["Fout: --port moet tussen 1 en 65535 liggen, niet 0",
      "Tip: uitleg: `stadstrends serve --help`"]),
    (("serve", "--port", "0", "--lang", "en"),
     ["Error: --port must be between 1 and 65535, not 0",
      "Hint: help: `stadstrends serve --help`"]),
    (("regions", "--bogus"),
     ["Fout: onbekende optie '--bogus'", "Tip: de opties: `stadstrends regions --help`"]),
    (("repot",),
     ["Fout: onbekende opdracht 'repot'", "Bedoelde u: report?",
      "Tip: de opdrachten: `stadstrends --help`"]),
]


@pytest.mark.parametrize("args, lines", CASES, ids=[" ".join(c[0]) for c in CASES])
def test_a_usage_error_is_worded_in_the_commands_language(cli_run, args, lines):
    out = cli_run(*args)
    assert out.returncode == 2, out.stderr
    assert out.stderr.splitlines() == lines, out.stderr
    assert out.stdout == ""


def test_no_usage_box_and_no_traceback(cli_run):
    for args, _ in CASES:
        err = cli_run(*args).stderr
        assert "Traceback" not in err and "Usage:" not in err and "Try '" not in err, err
        assert "Invalid value" not in err and "No such" not in err and "Missing" not in err


def test_a_control_character_in_an_unknown_option_is_shown_not_acted_on(cli_run):
    out = cli_run("report", "--\x1b[31mred")
    assert out.returncode == 2
    assert out.stderr.splitlines()[0] == "Fout: onbekende optie '--\\x1b[31mred'"


def test_no_arguments_still_print_the_help(cli_run):
    out = cli_run()
    assert "Usage: stadstrends [OPTIONS] COMMAND" in out.stdout + out.stderr
    assert "Traceback" not in out.stderr
