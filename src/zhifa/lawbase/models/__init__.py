from zhifa.lawbase.models.discretion import Circumstance, DiscretionBenchmark, DiscretionLevel
from zhifa.lawbase.models.laws import Article, Law, StatutoryPenalty
from zhifa.lawbase.models.matters import AgencyMatter, CatalogueEntry, LegalBasis, Matter, MatterCatalogue
from zhifa.lawbase.models.references import ReferenceCase
from zhifa.lawbase.models.search import SearchDocument, SearchKind, SearchSynonym

__all__ = [
    "AgencyMatter",
    "Article",
    "CatalogueEntry",
    "Circumstance",
    "DiscretionBenchmark",
    "DiscretionLevel",
    "Law",
    "LegalBasis",
    "Matter",
    "MatterCatalogue",
    "ReferenceCase",
    "SearchDocument",
    "SearchKind",
    "SearchSynonym",
    "StatutoryPenalty",
]
