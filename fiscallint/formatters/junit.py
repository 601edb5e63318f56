"""JUnit XML: a test case per finding (failure) and per clean file (pass), for CI dashboards."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import Finding
from . import OutputContext, location, printable


def format_junit(findings: list[Finding], context: OutputContext) -> str:
    suites = ET.Element("testsuites", name="fiscallint")
    suite = ET.SubElement(suites, "testsuite", name="fiscallint")
    failures = errors = 0
    with_findings = {f.path for f in findings}
    for f in findings:
        case = ET.SubElement(suite, "testcase", classname=printable(f.path), name=f"{f.code} line {f.span.line}:{f.span.column}")
        failure = ET.SubElement(case, "failure", message=printable(f.message), type=f"{f.code} ({f.severity.value})")
        failure.text = f"{location(f)}: {f.code} {printable(f.message)}"
        failures += 1
    for path, message in sorted(context.errors.items()):
        case = ET.SubElement(suite, "testcase", classname=printable(path), name="input")
        ET.SubElement(case, "error", message=printable(message)).text = f"{printable(path)}: error: {printable(message)}"
        errors += 1
    for path in context.files:
        if path not in with_findings and path not in context.errors:
            ET.SubElement(suite, "testcase", classname=printable(path), name="fiscallint")
    total = len(suite)
    for element in (suites, suite):
        element.set("tests", str(total))
        element.set("failures", str(failures))
        element.set("errors", str(errors))
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"
