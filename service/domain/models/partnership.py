"""A partnership (the tenant), its partners and the strategy's themes."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import String
from sqlmodel import Field, SQLModel, UniqueConstraint

from service.domain.common.fields import GssAreaCode, Month, Name, Note
from service.domain.common.types import UtcDateTime
from service.domain.models.base import PublicMeta, Tenanted, TenantedPublic, Versioned


class PartnershipBase(SQLModel):
    name: Name = Field(max_length=200)
    area_code: GssAreaCode = Field(max_length=9)
    financial_year_start_month: Month = Field(default=4)


class Archived(SQLModel):
    """Set once, by DELETE: the partnership is kept, read-only, with its register, runs and audit trail."""

    archived_at: datetime | None = Field(default=None, sa_type=UtcDateTime,
                                         description="When it was archived; null while it is active")
    archived_by: str | None = Field(default=None, max_length=200, description="Who archived it")


class Partnership(PartnershipBase, Archived, Versioned, table=True):
    pass


class PartnershipCreate(PartnershipBase):
    model_config = {"json_schema_extra": {"examples": [
        {"name": "Illustrative Borough Partnership", "area_code": "E06000999",
         "financial_year_start_month": 4}]}}


class PartnershipPublic(PartnershipBase, Archived, PublicMeta):
    pass


class Sector(StrEnum):
    LOCAL_AUTHORITY = "local_authority"
    HEALTH = "health"
    POLICE = "police"
    FIRE_RESCUE = "fire_rescue"
    PROBATION = "probation"
    EDUCATION = "education"
    HOUSING = "housing"
    VOLUNTARY_COMMUNITY = "voluntary_community"
    BUSINESS = "business"
    OTHER = "other"


class PartnerBase(SQLModel):
    name: Name = Field(max_length=200)
    sector: Sector = Field(sa_type=String(32))
    financial_year_start_month: Month = Field(default=4)


class Partner(PartnerBase, Tenanted, table=True):
    __table_args__ = (UniqueConstraint("partnership_id", "name"),)


class PartnerCreate(PartnerBase):
    model_config = {"json_schema_extra": {"examples": [
        {"name": "Borough Housing Trust", "sector": "housing", "financial_year_start_month": 4}]}}


class PartnerPublic(PartnerBase, TenantedPublic):
    pass


class ThemeBase(SQLModel):
    name: Name = Field(max_length=200)
    description: Note = Field(default="", max_length=4000)


class Theme(ThemeBase, Tenanted, table=True):
    __table_args__ = (UniqueConstraint("partnership_id", "name"),)


class ThemeCreate(ThemeBase):
    model_config = {"json_schema_extra": {"examples": [
        {"name": "Culture, sport and leisure",
         "description": "<what the theme covers, in a sentence or two>"}]}}


class ThemePublic(ThemeBase, TenantedPublic):
    pass
