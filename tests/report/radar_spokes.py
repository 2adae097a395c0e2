#!/usr/bin/env python3
"""The radar of `proviso assess --radar` is valid SVG with one spoke per scored question.

Usage: radar_spokes.py PROVISO_BINARY REPOSITORY_ROOT

For the hand-made framework (tests/ok/assessment: four scored questions, one of them
unanswered in the scenario) and for dpb on the standard library (eighteen scored
questions), the SVG is parsed with xml.etree and checked against the JSON report of the
same run: one <line class="spoke"> per score, in the same order, each in its group; an
unknown answer drawn as a hollow marker and labelled "unknown", never as a value.
"""
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

NS = {"s": "http://www.w3.org/2000/svg"}
CASES = [
    # bundle, scenario, framework, scored questions expected, unknown among them
    ("tests/ok/assessment", "tests/golden/assess/panel_partial.json", "panel", 4, 1),
    ("policies/", "policies/scenarios/h1_discharge.json", "dpb", 18, 0),
]


def fail(message):
    print(f"FAIL radar_spokes: {message}")
    sys.exit(1)


def main():
    proviso, root = sys.argv[1], sys.argv[2]
    os.chdir(root)
    for bundle, scenario, framework, expected, unknown in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            svg_path = os.path.join(tmp, "radar.svg")
            run = subprocess.run([proviso, "assess", bundle, "--scenario", scenario, "--framework", framework,
                                  "--format", "json", "--radar", svg_path], capture_output=True, text=True)
            if run.returncode != 0:
                fail(f"{framework}: proviso assess exited {run.returncode}: {run.stderr}")
            report = json.loads(run.stdout)
            try:
                svg = ET.parse(svg_path).getroot()
            except ET.ParseError as e:
                fail(f"{framework}: the radar is not well-formed XML: {e}")
        if svg.tag != "{http://www.w3.org/2000/svg}svg":
            fail(f"{framework}: the root element is {svg.tag}, not svg")
        spokes = svg.findall(".//s:line[@class='spoke']", NS)
        scores = report["scores"]
        if len(spokes) != expected or len(scores) != expected:
            fail(f"{framework}: {len(spokes)} spokes and {len(scores)} scores, expected {expected}")
        for spoke, score in zip(spokes, scores):
            if spoke.get("data-question") != score["question"] or spoke.get("data-group") != (score["group"] or ""):
                fail(f"{framework}: spoke {spoke.get('data-question')} ({spoke.get('data-group')}) is not score "
                     f"{score['question']} ({score['group']})")
        # Each group is one run of neighbouring spokes.
        groups = [s.get("data-group") for s in spokes]
        runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
        if len(runs) != len(set(runs)):
            fail(f"{framework}: a group's spokes are not neighbours: {groups}")
        hollow = [e for e in svg.iter() if "unknown" in (e.get("class") or "").split()]
        unknown_scores = [s for s in scores if s["value"] == "unknown"]
        if len(hollow) != unknown or len(unknown_scores) != unknown:
            fail(f"{framework}: {len(hollow)} hollow markers and {len(unknown_scores)} unknown scores, expected {unknown}")
        for h in hollow:
            if h.get("fill") != "#ffffff":
                fail(f"{framework}: an unknown answer's marker is filled")
        labels = ["".join(t.itertext()) for t in svg.findall(".//s:text[@class='label']", NS)]
        if len(labels) != expected:
            fail(f"{framework}: {len(labels)} spoke labels, expected {expected}")
        for label, score in zip(labels, scores):
            if score["value"] == "unknown" and not label.endswith("unknown"):
                fail(f"{framework}: the label of unanswered {score['question']} is '{label}', not '... unknown'")
        if svg.find(".//s:path[@class='threshold']", NS) is None:
            fail(f"{framework}: no team threshold drawn")
        print(f"ok {framework}: {len(spokes)} spokes, {len(hollow)} unknown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
