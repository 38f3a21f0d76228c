"""Settings: every one the code reads is documented in the README's Configuration table."""

from __future__ import annotations

import re

from tests.conftest import ROOT


def test_every_setting_is_in_the_readme():
    read = set(re.findall(r'merged\.get\("([A-Z_]+)"', (ROOT / "etl_core" / "config.py").read_text()))
    readme = (ROOT / "README.md").read_text()
    table = readme[readme.index("## Configuration"):readme.index("## Security")]
    documented = set(re.findall(r"^\| `([A-Z_]+)` \|", table, flags=re.MULTILINE))
    assert read - {"OPENAI_API_KEY"} <= documented, f"not in the README: {sorted(read - documented)}"
