"""The service catalog (事项目录): what a resident can do at the kiosk, declared as data."""

from kiosk.catalog.loader import CatalogError, load_catalog
from kiosk.catalog.models import Catalog, FieldSpec, FieldType, Matter

__all__ = ["Catalog", "CatalogError", "FieldSpec", "FieldType", "Matter", "load_catalog"]
