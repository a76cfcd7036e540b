"""Argument types shared by the management commands."""

import argparse
import datetime


def iso_date(value):
    """A YYYY-MM-DD date; argparse reports a bad one as a usage error naming the option."""
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from exc
