"""The program file: the whole program as versioned JSON (see docs/program-file.md).

A file format beside the domain: it reads and writes the model's records and knows
nothing of the CLI or the GUI.
"""

from cpp_scheduler.programfile.document import check_document, read_document, schema_path
from cpp_scheduler.programfile.errors import ProgramFileError
from cpp_scheduler.programfile.exporter import (
    ProgramFileSummary,
    dumps,
    export_program,
    program_document,
)
from cpp_scheduler.programfile.importer import (
    ImportReport,
    KindReport,
    apply_document,
    import_program,
)
from cpp_scheduler.programfile.layout import FORMAT, VERSION

__all__ = [
    "FORMAT",
    "VERSION",
    "ImportReport",
    "KindReport",
    "ProgramFileError",
    "ProgramFileSummary",
    "apply_document",
    "check_document",
    "dumps",
    "export_program",
    "import_program",
    "program_document",
    "read_document",
    "schema_path",
]
