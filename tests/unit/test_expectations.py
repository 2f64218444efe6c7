import json
from pathlib import Path

SUITES = Path(__file__).resolve().parents[2] / "expectations"


def test_every_expectation_has_severity_reason_and_is_documented():
    readme = (SUITES / "README.md").read_text()
    for path in SUITES.glob("*.json"):
        suite = json.loads(path.read_text())
        assert suite["name"] == path.stem == suite["meta"]["relation"]
        assert suite["meta"]["level"] in {"row", "batch"}
        for expectation in suite["expectations"]:
            assert expectation["severity"] in {"critical", "warning"}
            assert expectation["meta"]["why"]
            assert f"`{expectation['meta']['name']}`" in readme, expectation["meta"]["name"]


def test_readme_is_generated_from_the_suites():
    from scripts.expectations_readme import render

    assert (SUITES / "README.md").read_text() == render()


def test_each_suite_checks_a_relation_defined_in_sql():
    views = {p.stem for p in (SUITES.parent / "warehouse" / "views").glob("*.sql")}
    assert {p.stem for p in SUITES.glob("*.json")} <= views
