"""The API's documentation page, rendered on the portal from its OpenAPI schema."""

from __future__ import annotations

import csv
import io
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cooperation.core.background import enqueue

from . import datasets
from .models import DatasetFile
from .schema import openapi_schema
from .tasks import refresh_datasets_task


def _type_of(schema: dict[str, Any], components: dict[str, Any]) -> str:
    if "$ref" in schema:
        return schema["$ref"].rsplit("/", 1)[-1]
    if "allOf" in schema:
        return " ".join(_type_of(s, components) for s in schema["allOf"])
    if schema.get("type") == "array":
        return f"[{_type_of(schema.get('items', {}), components)}]"
    kind = schema.get("type", "object")
    if schema.get("format"):
        kind = f"{kind} ({schema['format']})"
    if schema.get("enum"):
        kind = f"{kind}: " + ", ".join(str(v) for v in schema["enum"] if v)
    return kind


def _fields(name: str, components: dict[str, Any]) -> list[dict[str, Any]]:
    schema = components.get(name, {})
    required = set(schema.get("required", []))
    return [
        {
            "name": field,
            "type": _type_of(spec, components),
            "description": spec.get("description", ""),
            "nullable": spec.get("nullable", False) or field not in required,
        }
        for field, spec in schema.get("properties", {}).items()
    ]


@lru_cache(maxsize=4)
def _documentation(language: str) -> dict[str, Any]:
    with translation.override(language):
        schema = openapi_schema()
    components = schema.get("components", {}).get("schemas", {})
    endpoints = []
    records = {}
    for url, methods in schema.get("paths", {}).items():
        operation = methods.get("get")
        if not operation:
            continue
        response = (
            operation.get("responses", {})
            .get("200", {})
            .get("content", {})
            .get("application/json", {})
            .get("schema", {})
        )
        record = _type_of(response, components)
        if record.startswith("Paginated") and record.endswith("List"):
            record = record[len("Paginated") : -len("List")]
        if record in components:
            records[record] = _fields(record, components)
        endpoints.append(
            {
                "path": url,
                "id": operation.get("operationId", ""),
                "tag": (operation.get("tags") or [""])[0],
                "description": operation.get("description", ""),
                "record": record,
                "is_list": response.get("$ref", "").endswith("List"),
                "parameters": [
                    {
                        "name": p["name"],
                        "where": p["in"],
                        "type": _type_of(p.get("schema", {}), components),
                        "description": p.get("description", ""),
                    }
                    for p in operation.get("parameters", [])
                ],
            }
        )
    nested = {
        name: _fields(name, components)
        for name in components
        if name not in records and not name.startswith("Paginated")
    }
    return {
        "title": schema.get("info", {}).get("title", ""),
        "version": schema.get("info", {}).get("version", ""),
        "endpoints": endpoints,
        "records": records,
        "nested": nested,
    }


@require_GET
def documentation(request):
    """``/api/``: every endpoint, its parameters and the fields of its records."""
    language = translation.get_language() or "pl"
    return render(request, "api/documentation.html", _documentation(language))


def _absolute(request, path: str) -> str:
    return request.build_absolute_uri(path)


@require_GET
def dataset_list(request):
    """``/dane/``: every dataset, its files, data dictionary and the catalogue."""
    rows = []
    stored = {(f.dataset, f.format): f for f in DatasetFile.objects.all()}
    for dataset in datasets.DATASETS:
        rows.append(
            {
                "dataset": dataset,
                "csv": stored.get((dataset.slug, "csv")),
                "json": stored.get((dataset.slug, "json")),
            }
        )
    return render(request, "api/datasets.html", {"rows": rows})


@require_GET
def dataset_file(request, slug: str, format: str):
    """``/dane/<slug>.csv`` and ``.json``: the stored file, built again if the data changed."""
    dataset = datasets.BY_SLUG.get(slug)
    if dataset is None or format not in ("csv", "json"):
        raise Http404
    if not datasets.is_current(dataset):
        if DatasetFile.objects.filter(dataset=slug, format=format).exists():
            # Served as it is now; the task builds the new file for the next request.
            enqueue(refresh_datasets_task, slug)
        else:
            datasets.refresh(slug)
    stored = DatasetFile.objects.filter(dataset=slug, format=format).first()
    if stored is None:
        raise Http404
    response = FileResponse(
        stored.file.open("rb"),
        content_type="text/csv; charset=utf-8"
        if format == "csv"
        else "application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{slug}.{format}"'
    response["ETag"] = f'"{stored.sha256[:32]}"'
    response["Last-Modified"] = http_date(stored.generated_at.timestamp())
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_GET
def dataset_dictionary(request, slug: str):
    """``/dane/<slug>/slownik.csv``: the data dictionary (column, type, meaning)."""
    dataset = datasets.BY_SLUG.get(slug)
    if dataset is None:
        raise Http404
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(["column", "type", "meaning"])
    for column in dataset.columns:
        writer.writerow([column.name, column.type, str(column.meaning)])
    response = HttpResponse(text.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{slug}-slownik.csv"'
    return response


@require_GET
def dataset_catalogue(request):
    """``/dane/katalog.jsonld``: the datasets described in DCAT-AP (JSON-LD)."""
    stored = {(f.dataset, f.format): f for f in DatasetFile.objects.all()}
    publisher = {
        "@type": "foaf:Organization",
        "foaf:name": str(settings.MUNICIPALITY_OFFICE),
    }
    licence = settings.OPEN_DATA_LICENCE_URL
    entries = []
    for dataset in datasets.DATASETS:
        distributions = []
        for format, media in (("csv", "text/csv"), ("json", "application/json")):
            url = _absolute(
                request, reverse("dataset-file", args=[dataset.slug, format])
            )
            file = stored.get((dataset.slug, format))
            distribution = {
                "@id": url,
                "@type": "dcat:Distribution",
                "dct:title": f"{dataset.title} ({format.upper()})",
                "dcat:downloadURL": {"@id": url},
                "dcat:accessURL": {"@id": url},
                "dcat:mediaType": media,
                "dct:format": format.upper(),
                "dct:license": {"@id": licence},
            }
            if file is not None:
                distribution["dct:modified"] = file.generated_at.isoformat()
                distribution["dcat:byteSize"] = file.size
                distribution["spdx:checksum"] = {
                    "@type": "spdx:Checksum",
                    "spdx:algorithm": "spdx:checksumAlgorithm_sha256",
                    "spdx:checksumValue": file.sha256,
                }
            distributions.append(distribution)
        dictionary = _absolute(
            request, reverse("dataset-dictionary", args=[dataset.slug])
        )
        modified = [
            f.generated_at for (s, _f), f in stored.items() if s == dataset.slug
        ]
        entry = {
            "@id": _absolute(request, reverse("datasets") + f"#{dataset.slug}"),
            "@type": "dcat:Dataset",
            "dct:identifier": dataset.slug,
            "dct:title": str(dataset.title),
            "dct:description": str(dataset.description),
            "dcat:keyword": [str(k) for k in dataset.keywords],
            "dct:publisher": publisher,
            "dct:license": {"@id": licence},
            "dct:language": {
                "@id": "http://publications.europa.eu/resource/authority/language/POL"
            },
            "dct:accrualPeriodicity": {"@id": datasets.FREQUENCY + dataset.frequency},
            "dcat:distribution": distributions,
            "dct:conformsTo": {"@id": dictionary},
        }
        if modified:
            entry["dct:modified"] = max(modified).isoformat()
        entries.append(entry)
    catalogue = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "spdx": "http://spdx.org/rdf/terms#",
        },
        "@id": _absolute(request, reverse("dataset-catalogue")),
        "@type": "dcat:Catalog",
        "dct:title": str(
            _("Open data of %(office)s") % {"office": settings.MUNICIPALITY_OFFICE}
        ),
        "dct:description": str(
            _(
                "Data of the cooperation of the municipality with non-governmental organisations."
            )
        ),
        "dct:publisher": publisher,
        "dct:license": {"@id": licence},
        "dcat:dataset": entries,
    }
    return JsonResponse(
        catalogue,
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
