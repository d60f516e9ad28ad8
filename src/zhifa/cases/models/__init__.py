from zhifa.cases.models.archive import CaseFile
from zhifa.cases.models.cases import Case, CaseOfficer, CaseParticipant, HearingThreshold, Lead, NumberCounter
from zhifa.cases.models.deciding import Decision, Discussion, Hearing, Notice, Report, Review, Statement
from zhifa.cases.models.delivering import CaseDocument, Delivery
from zhifa.cases.models.executing import (
    CourtApplication,
    CriminalReferral,
    Deferral,
    Payment,
    Remedy,
    Reminder,
    SummaryFormRange,
    Transfer,
)
from zhifa.cases.models.investigation import Evidence, Preservation, Recusal, Suspension, Transcript
from zhifa.cases.models.timeline import CaseEvent, CaseWarning, Deadline

__all__ = [
    "Case",
    "CaseDocument",
    "CaseFile",
    "CaseEvent",
    "CaseOfficer",
    "CaseParticipant",
    "CaseWarning",
    "CourtApplication",
    "CriminalReferral",
    "Deadline",
    "Decision",
    "Deferral",
    "Delivery",
    "Discussion",
    "Evidence",
    "Hearing",
    "HearingThreshold",
    "Lead",
    "Notice",
    "NumberCounter",
    "Payment",
    "Preservation",
    "Recusal",
    "Reminder",
    "Remedy",
    "Report",
    "Review",
    "Statement",
    "SummaryFormRange",
    "Suspension",
    "Transcript",
    "Transfer",
]
