"""What a resident picks: a single matter, or a bundle (一事联办) of matters with one form.

An offering merges its members' forms: a field shared by several members is asked once
(一表申请), a material shared by several is provided once.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.catalog.models import (
    Bundle,
    Catalog,
    DeliveryMethod,
    FieldSpec,
    Localized,
    Material,
    Matter,
)


@dataclass(frozen=True)
class Offering:
    code: str
    name: Localized
    short_description: str
    life_events: tuple[str, ...]
    members: tuple[Matter, ...]
    bundle: Bundle | None

    @property
    def is_bundle(self) -> bool:
        return self.bundle is not None

    @property
    def fields(self) -> tuple[FieldSpec, ...]:
        """Every member's fields, each shared one once (一表申请).

        A shared field is required if any member requires it, and asked whenever any member
        would ask it: when the members' conditions differ it is always asked.
        """
        merged: dict[str, FieldSpec] = {}
        for matter in self.members:
            for spec in matter.fields:
                first = merged.get(spec.id)
                if first is None:
                    merged[spec.id] = spec
                    continue
                update: dict[str, object] = {}
                if spec.required and not first.required:
                    update["required"] = True
                if spec.show_if != first.show_if and first.show_if is not None:
                    update["show_if"] = None
                if update:
                    merged[spec.id] = first.model_copy(update=update)
        return tuple(merged.values())

    @property
    def materials(self) -> tuple[Material, ...]:
        merged: dict[str, Material] = {}
        for matter in self.members:
            for material in matter.materials:
                merged.setdefault(material.id, material)
        return tuple(merged.values())

    @property
    def delivery(self) -> tuple[DeliveryMethod, ...]:
        """Ways every member with a paper result can deliver it (one choice for the bundle)."""
        sets = [set(m.delivery) for m in self.members if m.delivery]
        if not sets:
            return ()
        common = set.intersection(*sets)
        return tuple(method for method in DeliveryMethod if method in common)

    @property
    def departments(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.department for m in self.members))


def find_offering(catalog: Catalog, code: str) -> Offering | None:
    matter = catalog.matter(code)
    if matter is not None:
        return _single(matter)
    bundle = catalog.bundle(code)
    if bundle is None:
        return None
    members = tuple(m for c in bundle.members if (m := catalog.matter(c)) is not None)
    return Offering(
        bundle.code, bundle.name, bundle.short_description, bundle.life_events, members, bundle
    )


def all_offerings(catalog: Catalog) -> tuple[Offering, ...]:
    """Bundles first (a life event done at once), then the single matters."""
    bundles = (find_offering(catalog, b.code) for b in catalog.bundles)
    return (*(o for o in bundles if o is not None), *(_single(m) for m in catalog.matters))


def _single(matter: Matter) -> Offering:
    return Offering(
        matter.code, matter.name, matter.short_description, matter.life_events, (matter,), None
    )
