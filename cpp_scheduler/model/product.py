"""Knowledge products: what events produce or use (notes, case studies, videos ...)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cpp_scheduler.i18n import N_, _
from cpp_scheduler.model import validation as rules
from cpp_scheduler.model.base import Base, Record, enum_type
from cpp_scheduler.model.enums import ProductKind
from cpp_scheduler.model.event import Event
from cpp_scheduler.model.reference import PartnerCity, ThematicArea

# Link tables are their key alone: on SQLite, tables WITHOUT ROWID (revision 0010).
product_cities = Table(
    "product_cities",
    Base.metadata,
    Column("product_id", ForeignKey("knowledge_products.id", ondelete="CASCADE"), primary_key=True),
    Column("city_id", ForeignKey("partner_cities.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)
product_themes = Table(
    "product_themes",
    Base.metadata,
    Column("product_id", ForeignKey("knowledge_products.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_id", ForeignKey("thematic_areas.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)
product_events = Table(
    "product_events",
    Base.metadata,
    Column("product_id", ForeignKey("knowledge_products.id", ondelete="CASCADE"), primary_key=True),
    Column("event_id", ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    sqlite_with_rowid=False,
)


class KnowledgeProduct(Record, Base):
    __tablename__ = "knowledge_products"
    record_kind = N_("knowledge product")
    named_by = "title"

    title: Mapped[str] = mapped_column(String(300))
    kind: Mapped[ProductKind] = mapped_column(
        enum_type(ProductKind), default=ProductKind.KNOWLEDGE_NOTE
    )
    url: Mapped[str] = mapped_column(String(500), default="")
    published: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text, default="")

    cities: Mapped[list[PartnerCity]] = relationship(
        secondary=product_cities, order_by="PartnerCity.name"
    )
    themes: Mapped[list[ThematicArea]] = relationship(
        secondary=product_themes, order_by="ThematicArea.name"
    )
    events: Mapped[list[Event]] = relationship(secondary=product_events, order_by="Event.start_utc")

    def problems(self) -> list[rules.Problem]:
        return rules.collect(
            rules.required_text_problem("title", self.title, _("title")),
            rules.web_address_problem("url", self.url, _("link")),
            rules.day_problem("published", self.published, _("publication date")),
        ) + rules.text_problems(
            self, KnowledgeProduct, title=N_("title"), url=N_("link"), summary=N_("summary")
        )
