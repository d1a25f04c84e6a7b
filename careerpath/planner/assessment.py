"""What a coder tells us about themselves: the planner's one input beside the catalog."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from careerpath.planner.catalog import Frozen


class CycleAnswer(Frozen):
    """Where the coder is in one body's cycle, as they told us."""

    body: str
    due: date | None = None  # the first day of the cycle's last month
    ceus_earned: Annotated[int | None, Field(ge=0, le=999)] = None


class Assessment(Frozen):
    """What a coder tells us about themselves. Slugs have been checked against the catalog."""

    role: str | None = None
    years: Annotated[int, Field(ge=0, le=50)] = 0
    certifications: frozenset[str] = frozenset()
    # Credentials held with their apprentice designation (CPC-A: "cpc"); a subset of the above.
    apprentices: frozenset[str] = frozenset()
    education: str | None = None
    track: str | None = None
    accuracy: Annotated[int | None, Field(ge=0, le=100)] = None
    audits: bool = False
    specialty: Annotated[str, Field(max_length=100)] = ""
    cycles: tuple[CycleAnswer, ...] = ()  # one per body at most
    apprentice_credits: frozenset[str] = frozenset()  # kinds completed, e.g. "course"
    target: str | None = None  # the role they aim at: the plan draws the route to it
    # A degree or post-baccalaureate certificate from a CAHIIM-accredited HIM program; None:
    # not said.
    him_program: bool | None = None
    student: bool = False  # a student: student membership rates apply
    state: str | None = None  # where they work, as a USPS code (CA): the state's mean is shown

    def cycle(self, body: str) -> CycleAnswer | None:
        return next((c for c in self.cycles if c.body == body), None)

    def with_ceus_earned(self, earned: dict[str, int]) -> Assessment:
        """The same answers with each named body's CEUs earned replaced (a CEU log counted for
        the cycle), up to the 999 an answer holds; other bodies keep what was typed."""
        kept = [c for c in self.cycles if c.body not in earned]
        counted = [
            CycleAnswer(
                body=body,
                due=self.cycle(body).due if self.cycle(body) else None,
                ceus_earned=min(ceus, 999),
            )
            for body, ceus in earned.items()
        ]
        return self.model_copy(update={"cycles": tuple(kept + counted)})
