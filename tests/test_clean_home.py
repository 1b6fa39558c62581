"""The suite runs in a home of its own: nothing it writes lands in the user's real cache,
data or config folders (issue #25)."""

from __future__ import annotations

import os
import pwd
import subprocess
import sys
from pathlib import Path

from platformdirs import user_cache_dir, user_config_dir, user_data_dir

from estimator.persistence.database import default_data_dir
from estimator.services.demo_cache import demo_cache_dir

REAL_HOME = Path(pwd.getpwuid(os.getuid()).pw_dir)
TEST_HOME = Path(os.environ["ESTIMATOR_TEST_HOME"])


def test_the_user_folders_are_the_runs_own() -> None:
    folders = [
        Path(user_cache_dir("Estimator", "Estimator")),
        Path(user_data_dir("Estimator", "Estimator")),
        Path(user_config_dir("Estimator", "Estimator")),
        demo_cache_dir(),
        default_data_dir(),
        Path.home(),
    ]
    assert TEST_HOME != REAL_HOME and not TEST_HOME.is_relative_to(REAL_HOME)
    for folder in folders:
        assert folder.is_relative_to(TEST_HOME), folder
        assert not folder.is_relative_to(REAL_HOME), folder


def test_a_child_process_inherits_the_runs_home() -> None:
    code = "from platformdirs import user_cache_dir; print(user_cache_dir('Estimator'))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert Path(out.strip()).is_relative_to(TEST_HOME)
