"""The rooms of a school: teaching classes by grade, function rooms, the live classroom."""

from __future__ import annotations

from netops.inventory.builder import RoomSpec
from netops.inventory.choices import RoomKind, SchoolType, TerminalKind

#: Grade labels per school type, in order.
GRADES: dict[SchoolType, tuple[str, ...]] = {
    SchoolType.TEACHING_POINT: ("Grade 1", "Grade 2", "Grade 3"),
    SchoolType.KINDERGARTEN: ("Small", "Middle", "Large"),
    SchoolType.PRIMARY: tuple(f"Grade {g}" for g in range(1, 7)),
    SchoolType.NINE_YEAR: tuple(f"Grade {g}" for g in range(1, 10)),
    SchoolType.JUNIOR_MIDDLE: ("Junior 1", "Junior 2", "Junior 3"),
    SchoolType.SENIOR_HIGH: ("Senior 1", "Senior 2", "Senior 3"),
    SchoolType.VOCATIONAL: ("Year 1", "Year 2", "Year 3"),
}

#: Function rooms, most common first, with the terminal each one has.
FUNCTION_ROOMS: tuple[tuple[str, TerminalKind], ...] = (
    ("Computer Lab", TerminalKind.CLOUD_TERMINAL),
    ("Multimedia Room", TerminalKind.INTERACTIVE_DISPLAY),
    ("Library", TerminalKind.TEACHER_PC),
    ("Science Lab", TerminalKind.INTERACTIVE_DISPLAY),
    ("Music Room", TerminalKind.INTERACTIVE_DISPLAY),
    ("Art Room", TerminalKind.INTERACTIVE_DISPLAY),
    ("Language Lab", TerminalKind.CLOUD_TERMINAL),
    ("Physics Lab", TerminalKind.INTERACTIVE_DISPLAY),
    ("Chemistry Lab", TerminalKind.INTERACTIVE_DISPLAY),
    ("Biology Lab", TerminalKind.INTERACTIVE_DISPLAY),
    ("Lecture Hall", TerminalKind.TEACHER_PC),
)

#: Share of a school's rooms that are function rooms (none below this many rooms).
FUNCTION_SHARE = 0.2
FUNCTION_MIN_ROOMS = 4


def room_specs(school_type: SchoolType, rooms: int, *, live: bool = False) -> list[RoomSpec]:
    """``rooms`` rooms for a school of ``school_type``.

    A live classroom school streams lessons out of one function room, which has
    a second terminal (the recording PC) beside its display.
    """
    functions = round(rooms * FUNCTION_SHARE) if rooms >= FUNCTION_MIN_ROOMS else 0
    if live and rooms >= 2:
        functions = max(functions, 1)
    classes = rooms - functions
    grades = GRADES[school_type]
    specs = []
    for i in range(classes):
        grade, number = grades[i % len(grades)], i // len(grades) + 1
        label = (
            f"{grade} Class {number}"
            if school_type is not SchoolType.KINDERGARTEN
            else f"{grade} Class {number}".replace("Class", "Group")
        )
        specs.append(RoomSpec(label, RoomKind.TEACHING_CLASS))
    for i in range(functions):
        if live and i == 0:
            specs.append(RoomSpec("Live Classroom", RoomKind.FUNCTION_ROOM, terminals=2))
            continue
        name, terminal = FUNCTION_ROOMS[i % len(FUNCTION_ROOMS)]
        suffix = f" {i // len(FUNCTION_ROOMS) + 1}" if i >= len(FUNCTION_ROOMS) else ""
        specs.append(RoomSpec(name + suffix, RoomKind.FUNCTION_ROOM, terminal_kind=terminal))
    return specs
