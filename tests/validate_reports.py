#!/usr/bin/python3
"""Validates corscheck report files: JSON against docs/report.schema.json, SARIF against the
required structure of SARIF 2.1.0 (OASIS), JUnit XML and SVG as well-formed XML with the
expected roots, HTML by parsing. Usage: validate_reports.py SCHEMA json=F sarif=F junit=F svg=F html=F"""
import json
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import jsonschema


def fail(msg):
    print("FAIL", msg)
    sys.exit(1)


def check_sarif(doc):
    if doc.get("version") != "2.1.0":
        fail("sarif: version must be 2.1.0")
    if not isinstance(doc.get("runs"), list) or not doc["runs"]:
        fail("sarif: runs must be a non-empty array")
    for run in doc["runs"]:
        driver = run.get("tool", {}).get("driver", {})
        if not isinstance(driver.get("name"), str):
            fail("sarif: runs[].tool.driver.name is required")
        ids = [r["id"] for r in driver.get("rules", [])]
        if len(ids) != len(set(ids)):
            fail("sarif: rule ids must be unique")
        for r in driver.get("rules", []):
            if not r.get("shortDescription", {}).get("text"):
                fail("sarif: rule %s lacks shortDescription.text" % r.get("id"))
        for res in run.get("results", []):
            if not isinstance(res.get("message", {}).get("text"), str):
                fail("sarif: result.message.text is required")
            if res.get("level") not in ("none", "note", "warning", "error"):
                fail("sarif: bad level %r" % res.get("level"))
            if res["ruleId"] not in ids or ids[res["ruleIndex"]] != res["ruleId"]:
                fail("sarif: ruleId/ruleIndex do not point at a rule")
            for loc in res.get("locations", []):
                if not isinstance(loc["physicalLocation"]["artifactLocation"]["uri"], str):
                    fail("sarif: artifactLocation.uri must be a string")


def main():
    schema = json.load(open(sys.argv[1]))
    files = dict(a.split("=", 1) for a in sys.argv[2:])
    if "json" in files:
        doc = json.load(open(files["json"], encoding="utf-8"))
        jsonschema.validate(doc, schema)
        if doc["summary"]["findings"] != len(doc["findings"]):
            fail("json: summary.findings does not count findings")
    if "sarif" in files:
        check_sarif(json.load(open(files["sarif"], encoding="utf-8")))
    if "junit" in files:
        root = ET.parse(files["junit"]).getroot()
        if root.tag != "testsuites" or not root.findall("testsuite/testcase"):
            fail("junit: expected <testsuites> with test cases")
    if "svg" in files:
        root = ET.parse(files["svg"]).getroot()
        if root.tag != "{http://www.w3.org/2000/svg}svg":
            fail("svg: root is not <svg>")
    if "html" in files:
        HTMLParser().feed(open(files["html"], encoding="utf-8").read())
    print("reports valid:", ", ".join(sorted(files)))


main()
