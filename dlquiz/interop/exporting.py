"""`dlquiz export`: the bank's notes as an Anki package, CSV/TSV, or notes-format markdown.
Each export is written to a temporary file first and moved into place when complete."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path

from dlquiz.interop.anki_export import (
    AnkiExportCounts,
    FollowUpExport,
    HistoryOptions,
    write_apkg,
)
from dlquiz.interop.studied import studied_notes
from dlquiz.srs.days import local_zone
from dlquiz.srs.settings import load_settings
from dlquiz.store.bank import Bank
from dlquiz.store.interop import export_followups
from dlquiz.store.schema import InputError

FORMATS = ("apkg", "csv", "tsv", "md")

def followup_notes(bank: Bank, deck: str | None) -> list[FollowUpExport]:
    """Each follow-up question as an Anki note of its own (its text also stays in its
    parent's answer, which is where an import of the package takes it back from)."""
    return [FollowUpExport(deck=f.deck, key=f.key, topic=f.topic, question=f.question,
                           answer=f.answer) for f in export_followups(bank, deck=deck)]


@dataclass(frozen=True)
class ExportResult:
    path: str
    format: str
    notes: int
    files: tuple[str, ...] = ()
    anki: AnkiExportCounts | None = None

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"path": self.path, "format": self.format,
                                   "notes": self.notes, "files": list(self.files)}
        if self.anki is not None:
            data.update(self.anki.to_dict())
        return data


def default_target(fmt: str, deck: str | None, now: datetime) -> Path:
    stem = f"dlquiz-{deck or 'all'}-{now:%Y%m%d}"
    return Path(stem if fmt == "md" else f"{stem}.{fmt}")


def export_apkg(bank: Bank, target: Path, *, deck: str | None = None,
                with_history: bool = False, skill_samples_per_kind: int = 3, lang: str = "zh",
                now: datetime | None = None, zone: tzinfo | None = None,
                include_builtin: bool = False) -> ExportResult:
    from dlquiz.interop.skill_samples import skill_samples

    now = now or datetime.now(UTC)
    notes = studied_notes(bank, deck=deck, with_history=with_history,
                          include_builtin=include_builtin)
    history = None
    if with_history:
        settings = load_settings(bank)
        history = HistoryOptions(zone=zone or local_zone(),
                                 rollover_hour=settings.day_rollover_hour,
                                 desired_retention=settings.desired_retention)
    counts = write_apkg(target, notes, now, skills=skill_samples(skill_samples_per_kind, lang),
                        followups=followup_notes(bank, deck), history=history)
    return ExportResult(path=str(target), format="apkg", notes=len(notes), anki=counts)


def export_table(bank: Bank, target: Path, fmt: str, *, deck: str | None = None,
                 cards: bool = False, include_builtin: bool = False) -> ExportResult:
    from dlquiz.interop.csv_io import export_rows, write_rows

    notes = studied_notes(bank, deck=deck, include_builtin=include_builtin)
    write_rows(target, export_rows(notes, cards=cards), "\t" if fmt == "tsv" else ",")
    return ExportResult(path=str(target), format=fmt, notes=len(notes))


def export_markdown(bank: Bank, folder: Path, *, deck: str | None = None,
                    include_builtin: bool = False) -> ExportResult:
    """One folder per deck (a single deck's files go straight into `folder`), one file per
    topic; refuses to overwrite files that are already there."""
    from dlquiz.interop.md_out import topic_files

    notes = studied_notes(bank, deck=deck, include_builtin=include_builtin)
    planned: dict[Path, str] = {}
    for name in dict.fromkeys(note.deck for note in notes):
        members = [n for n in notes if n.deck == name]
        where = folder if deck is not None else folder / _dir_name(name)
        for file_name, text in topic_files(members).items():
            planned[where / file_name] = text
    clash = next((p for p in planned if p.exists()), None)
    if clash is not None:
        raise InputError(f"{clash}: already exists; export into a new or empty folder "
                         "(-o DIR); nothing was written.")
    for path, text in planned.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.partial")
        partial.write_text(text, encoding="utf-8")
        partial.replace(path)
    return ExportResult(path=str(folder), format="md", notes=len(notes),
                        files=tuple(str(p) for p in planned))


def _dir_name(deck: str) -> str:
    import re

    return re.sub(r"[^\w\-]+", "_", deck).strip("_") or "deck"


def check_format(fmt: str) -> str:
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}'; use one of: {', '.join(FORMATS)}.")
    return fmt
