#!/usr/bin/env python3
"""Validates `aperture bom` output for every catalog release and the bundled examples.

CycloneDX: against the official JSON schema in ../shared/corpus/schemas/bom-1.6.schema.json,
with the schemas it references (spdx.schema.json, jsf-0.82.schema.json) resolved from the same
folder, never from the network. SPDX 3.0.1: there is no JSON schema in the corpus, so the
JSON-LD graph is checked against the SPDX 3 model files there (spdx-3-model/): the AI and
Dataset classes' properties and vocabularies, the relationship types, the AI profile's
conformance rule (one hasDeclaredLicense and one hasConcludedLicense per AIPackage), and the
references between elements. Each document is also written twice and must be byte-identical.

Exits 77 (CTest's SKIP_RETURN_CODE for this test) with a SKIP line when ../shared is absent.

Usage: validate_bom.py --aperture BIN --source-dir DIR --shared DIR
"""

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

SKIP = 77
DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$")
CONTEXT = "https://spdx.org/rdf/3.0.1/spdx-context.jsonld"
LICENSE_INDIVIDUALS = {"expandedlicensing_NoAssertionLicense", "expandedlicensing_NoneLicense"}


def run_bom(aperture, target, fmt):
    out = subprocess.run([aperture, "bom", "--format", fmt, target], capture_output=True, check=False)
    if out.returncode != 0:
        raise AssertionError(f"exit {out.returncode}: {out.stderr.decode(errors='replace').strip()}")
    return out.stdout


# --- CycloneDX ---------------------------------------------------------------------------

def cyclonedx_validator(schemas):
    """A Draft 7 validator for bom-1.6 whose $refs resolve to the files beside it."""
    import jsonschema

    documents = {}
    for path in schemas.glob("*.schema.json"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        documents[doc.get("$id", path.name)] = doc
        documents[path.name] = doc
    root = documents["bom-1.6.schema.json"]
    checker = jsonschema.FormatChecker()
    try:  # jsonschema >= 4.18: the referencing library
        from referencing import Registry, Resource
        from referencing.jsonschema import DRAFT7

        registry = Registry().with_resources(
            (uri, Resource.from_contents(doc, default_specification=DRAFT7)) for uri, doc in documents.items())
        return jsonschema.Draft7Validator(root, registry=registry, format_checker=checker)
    except ImportError:  # Debian 12's jsonschema 4.10
        resolver = jsonschema.RefResolver.from_schema(root, store=documents)
        return jsonschema.Draft7Validator(root, resolver=resolver, format_checker=checker)


def check_cyclonedx(validator, doc):
    errors = [f"{'/'.join(str(p) for p in e.absolute_path)}: {e.message}" for e in validator.iter_errors(doc)]
    if not DATE_TIME.match(doc.get("metadata", {}).get("timestamp", "")):
        errors.append("metadata.timestamp is not YYYY-MM-DDThh:mm:ssZ")
    refs = []

    def collect(node):
        if isinstance(node, dict):
            if "bom-ref" in node:
                refs.append(node["bom-ref"])
            for v in node.values():
                collect(v)
        elif isinstance(node, list):
            for v in node:
                collect(v)

    collect(doc)
    if len(refs) != len(set(refs)):
        errors.append(f"bom-refs are not unique: {refs}")
    models = [c for c in doc.get("components", []) if c.get("type") == "machine-learning-model"]
    if len(models) != 1:
        errors.append(f"{len(models)} machine-learning-model components, expected 1")
    for model in models:
        for ds in model.get("modelCard", {}).get("modelParameters", {}).get("datasets", []):
            if ds.get("ref") not in refs:
                errors.append(f"dataset ref {ds.get('ref')} names no component")
    return errors


# --- SPDX 3 ------------------------------------------------------------------------------

def md_entries(path, section):
    """The `- name` items of a `## section` in one of the SPDX model's Markdown files."""
    names, inside = [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line[3:].strip() == section
        elif inside:
            m = re.match(r"^- (?:/[A-Za-z]+/[A-Za-z]+/)?([A-Za-z0-9]+)\b", line)
            if m:
                names.append(m.group(1))
    return names


class SpdxModel:
    def __init__(self, root):
        model = root / "model"
        self.properties = {
            "ai_AIPackage": {"ai_" + p for p in md_entries(model / "AI/Classes/AIPackage.md", "Properties")},
            "dataset_DatasetPackage": {
                "dataset_" + p for p in md_entries(model / "Dataset/Classes/DatasetPackage.md", "Properties")},
        }
        self.dataset_types = set(md_entries(model / "Dataset/Vocabularies/DatasetType.md", "Entries"))
        self.relationship_types = set(md_entries(root / "RelationshipType.md", "Entries"))
        self.restrictions = {
            "ai_AIPackage": md_entries(model / "AI/Classes/AIPackage.md", "External properties restrictions"),
            "dataset_DatasetPackage": md_entries(
                model / "Dataset/Classes/DatasetPackage.md", "External properties restrictions"),
        }


# The JSON-LD names of the properties the model files name by class path.
JSON_NAMES = {"releaseTime": "releaseTime", "suppliedBy": "suppliedBy", "builtTime": "builtTime",
              "originatedBy": "originatedBy", "downloadLocation": "software_downloadLocation",
              "packageVersion": "software_packageVersion", "primaryPurpose": "software_primaryPurpose"}


def restriction_names(lines):
    return [JSON_NAMES.get(n, n) for n in lines]


def check_spdx(model, doc, notes):
    errors = []
    if doc.get("@context") != CONTEXT:
        errors.append(f"@context is {doc.get('@context')!r}")
    graph = doc.get("@graph", [])
    infos = [e for e in graph if e.get("type") == "CreationInfo"]
    if len(infos) != 1 or not str(infos[0].get("@id", "")).startswith("_:"):
        return errors + ["expected one CreationInfo with a blank-node @id"]
    info = infos[0]
    if info.get("specVersion") != "3.0.1" or not DATE_TIME.match(info.get("created", "")):
        errors.append(f"CreationInfo: specVersion {info.get('specVersion')!r}, created {info.get('created')!r}")
    elements = [e for e in graph if e is not info]
    ids = [e.get("spdxId", "") for e in elements]
    if len(ids) != len(set(ids)) or any(not i or i.startswith("_:") or ":" not in i for i in ids):
        errors.append("spdxIds must be unique IRIs")
    by_id = {e["spdxId"]: e for e in elements if "spdxId" in e}
    for agent in info.get("createdBy", []) or ["(none)"]:
        if agent not in by_id:
            errors.append(f"createdBy {agent} is not in the graph")
    for e in elements:
        if e.get("creationInfo") != info["@id"]:
            errors.append(f"{e.get('spdxId')}: creationInfo is not {info['@id']}")
        errors += check_element(model, e, by_id, notes)
    docs = [e for e in elements if e.get("type") == "SpdxDocument"]
    if len(docs) != 1 or any(r not in by_id for r in docs[0].get("rootElement", [])):
        errors.append("expected one SpdxDocument whose rootElement is in the graph")
    errors += check_ai_conformance(elements, by_id)
    return errors


def check_element(model, e, by_id, notes):
    errors = []
    kind = e.get("type")
    if kind in model.properties:
        for key in e:
            prefix = key.split("_", 1)[0]
            if prefix in ("ai", "dataset") and key not in model.properties[kind]:
                errors.append(f"{e['spdxId']}: {key} is not a property of {kind}")
        for name in restriction_names(model.restrictions[kind]):
            if name not in e:
                notes[f"{kind}.{name}"] = notes.get(f"{kind}.{name}", 0) + 1
    if kind == "ai_AIPackage" and e.get("software_primaryPurpose") != "model":
        errors.append(f"{e['spdxId']}: primary purpose is not model")
    if kind == "dataset_DatasetPackage":
        types = e.get("dataset_datasetType", [])
        if not types or any(t not in model.dataset_types for t in types):
            errors.append(f"{e['spdxId']}: dataset_datasetType {types} not in the DatasetType vocabulary")
    if kind == "Relationship":
        if e.get("relationshipType") not in model.relationship_types:
            errors.append(f"{e['spdxId']}: unknown relationshipType {e.get('relationshipType')}")
        for ref in [e.get("from")] + e.get("to", []):
            if ref not in by_id and ref not in LICENSE_INDIVIDUALS:
                errors.append(f"{e['spdxId']}: {ref} is not in the graph")
    if kind == "simplelicensing_LicenseExpression":
        if not e.get("simplelicensing_licenseExpression"):
            errors.append(f"{e['spdxId']}: empty license expression")
        for entry in e.get("simplelicensing_customIdToUri", []):
            if entry.get("type") != "DictionaryEntry" or not entry.get("key", "").startswith("LicenseRef-"):
                errors.append(f"{e['spdxId']}: bad customIdToUri entry {entry}")
            elif entry["key"] not in e["simplelicensing_licenseExpression"]:
                errors.append(f"{e['spdxId']}: {entry['key']} is not in the expression")
    if kind == "Annotation" and e.get("subject") not in by_id:
        errors.append(f"{e['spdxId']}: subject is not in the graph")
    return errors


def check_ai_conformance(elements, by_id):
    """The AI profile: exactly one hasConcludedLicense and one hasDeclaredLicense per AIPackage."""
    errors = []
    for p in (e for e in elements if e.get("type") == "ai_AIPackage"):
        for rel in ("hasDeclaredLicense", "hasConcludedLicense"):
            found = [r for r in elements if r.get("type") == "Relationship" and r.get("from") == p["spdxId"]
                     and r.get("relationshipType") == rel]
            targets = [t for r in found for t in r.get("to", [])]
            licenses = [t for t in targets if t in LICENSE_INDIVIDUALS
                        or by_id.get(t, {}).get("type") == "simplelicensing_LicenseExpression"]
            if len(found) != 1 or len(targets) != 1 or len(licenses) != 1:
                errors.append(f"{p['spdxId']}: {len(found)} {rel} relationships to {targets}")
    return errors


# --- running -----------------------------------------------------------------------------

def targets_of(source_dir):
    catalog = sorted(p.stem for p in (source_dir / "data/catalog").glob("*.yaml"))
    examples = [str(source_dir / "examples/releases/orca-chat-8b"),
                str(source_dir / "examples/manifests/acme-assist.yaml")]
    return catalog + examples


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--aperture", required=True)
    ap.add_argument("--source-dir", required=True, type=Path)
    ap.add_argument("--shared", required=True, type=Path)
    args = ap.parse_args()
    schemas = args.shared / "corpus/schemas"
    if not (schemas / "bom-1.6.schema.json").is_file():
        print(f"SKIP: {schemas}/bom-1.6.schema.json is absent (../shared not laid out)")
        return SKIP
    try:
        validator = cyclonedx_validator(schemas)
    except ImportError:
        print("SKIP: python3-jsonschema is not installed (scripts/install-deps.sh)")
        return SKIP
    spdx_root = schemas / "spdx-3-model"
    model = SpdxModel(spdx_root) if (spdx_root / "RelationshipType.md").is_file() else None
    if model is None:
        print(f"note: {spdx_root} is absent; SPDX documents are checked for determinism only")
    passed, failed, notes = 0, 0, {}
    for target in targets_of(args.source_dir):
        for fmt in ("cyclonedx", "spdx"):
            name = f"{fmt} {Path(target).name}"
            try:
                first = run_bom(args.aperture, target, fmt)
                errors = [] if first == run_bom(args.aperture, target, fmt) else ["two runs differ"]
                doc = json.loads(first)
                if fmt == "cyclonedx":
                    errors += check_cyclonedx(validator, doc)
                elif model is not None:
                    errors += check_spdx(model, doc, notes)
            except (AssertionError, json.JSONDecodeError) as e:
                errors = [str(e)]
            if errors:
                failed += 1
                print(f"FAIL {name}")
                for err in errors[:20]:
                    print(f"     {err}")
            else:
                passed += 1
    for key, count in sorted(notes.items()):
        print(f"note: {count} SPDX packages leave out {key} (a minimum of the AI/Dataset profile; "
              "Aperture writes only what the release states)")
    print(f"validate_bom: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
