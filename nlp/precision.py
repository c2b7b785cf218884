"""Which number format the encoder runs in: fp32, bf16 (where the processor computes it natively) or int8.

`resolve("auto")` is bf16 on a processor with native bfloat16 arithmetic (x86 flags `avx512_bf16` or `amx_bf16`,
Arm `bf16`; a CUDA device that supports it) and fp32 elsewhere. Asking for bf16 where it is missing falls back to
fp32 with a reason, never an error: emulated bf16 is slower than fp32 and no more accurate.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PRECISIONS = ("auto", "fp32", "bf16", "int8")
BF16_CPU_FLAGS = ("avx512_bf16", "amx_bf16", "bf16")
CPUINFO = Path("/proc/cpuinfo")


@dataclass(frozen=True)
class Precision:
    name: str  # fp32 | bf16 | int8: what the encoder runs in
    asked: str  # what was asked for (auto included)
    reason: str  # one line: why this one

    @property
    def torch_dtype(self):
        import torch

        return torch.bfloat16 if self.name == "bf16" else torch.float32


def cpu_flags(cpuinfo: str | None = None) -> set[str]:
    """The processor's feature flags from /proc/cpuinfo text (`flags` on x86, `Features` on Arm)."""
    if cpuinfo is None:
        try:
            cpuinfo = CPUINFO.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return set()
    for line in cpuinfo.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return set(value.split())
    return set()


def bf16_native(device: str = "cpu", cpuinfo: str | None = None) -> bool:
    """Whether `device` computes bfloat16 natively (from the processor's flags; CUDA asks the device)."""
    if device.startswith("cuda"):
        import torch

        return bool(torch.cuda.is_available() and torch.cuda.is_bf16_supported())
    return bool(cpu_flags(cpuinfo) & set(BF16_CPU_FLAGS))


def resolve(asked: str = "auto", device: str = "cpu", cpuinfo: str | None = None) -> Precision:
    """The precision to run in for `asked` on this machine (see the module's docstring)."""
    if asked not in PRECISIONS:
        raise ValueError(f"unknown precision {asked!r} (one of {', '.join(PRECISIONS)})")
    if asked in ("fp32", "int8"):
        return Precision(asked, asked, f"{asked} as asked")
    if bf16_native(device, cpuinfo):
        return Precision("bf16", asked, f"bf16: the {device} computes bfloat16 natively")
    why = ("the processor has no native bfloat16 (no avx512_bf16 or amx_bf16 flag)" if device == "cpu"
           else f"{device} does not support bfloat16")
    return Precision("fp32", asked, f"fp32: {why}")
