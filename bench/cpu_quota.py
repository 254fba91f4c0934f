"""A CPU quota for one process (a Linux cgroup), so that the bot, not the machine, saturates.

On a small machine the fake Discord and the load share the cores with the bot: at twice a
fast bot's sustainable rate they saturate first, and the figures say more about the machine
than the bot. Capping the bot's process at a fraction of a core lowers its capacity well
below what the fake can offer, so its overload behaviour is what the figures show.

Needs root and the cgroup CPU controller (cgroup v2, or v1's `cpu` hierarchy). The period is
short, so that a throttled process waits milliseconds, not a tenth of a second, at a time.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path

PERIOD_US = 10_000
_V2 = Path("/sys/fs/cgroup")
_V1 = Path("/sys/fs/cgroup/cpu")


class QuotaUnavailable(RuntimeError):
    pass


def _hierarchy() -> tuple[Path, bool]:
    if (_V2 / "cgroup.controllers").exists():
        return _V2, True
    if (_V1 / "cpu.cfs_quota_us").exists():
        return _V1, False
    raise QuotaUnavailable("no cgroup CPU controller on this machine")


@contextlib.contextmanager
def cpu_quota(pid: int, cores: float) -> Iterator[None]:
    """Hold process `pid` to `cores` of CPU (0.25: a quarter of one core) until the block ends."""
    root, v2 = _hierarchy()
    group = root / f"cooldown-bench-{os.getpid()}-{pid}"
    quota = max(1_000, round(cores * PERIOD_US))
    try:
        group.mkdir()
        if v2:
            (group / "cpu.max").write_text(f"{quota} {PERIOD_US}")
        else:
            (group / "cpu.cfs_period_us").write_text(str(PERIOD_US))
            (group / "cpu.cfs_quota_us").write_text(str(quota))
        (group / "cgroup.procs").write_text(str(pid))
    except OSError as error:
        with contextlib.suppress(OSError):
            group.rmdir()
        raise QuotaUnavailable(f"cannot set a CPU quota ({error}); run as root") from error
    try:
        yield
    finally:
        # The process may still run: hand it back to the root group so the group can go.
        with contextlib.suppress(OSError):
            (root / "cgroup.procs").write_text(str(pid))
        with contextlib.suppress(OSError):
            group.rmdir()
