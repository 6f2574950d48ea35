"""``queries @ records.T`` in float32 for the re-match's blockwise products, as fast as the
CPU allows.

numpy multiplies through OpenBLAS, whose kernels are chosen when it loads: a machine that
sets ``OPENBLAS_CORETYPE=Haswell`` (this project's do) gets AVX2 kernels on an AVX-512 CPU.
onnxruntime's own kernels (MLAS) use AVX-512 wherever the CPU has it: on the sketch's shapes
(256 × 128 by 128 × 200,000, one thread, AMD EPYC with AVX-512) 66 ms against numpy's 118.
So with the semantic extra installed (which brings onnxruntime) the product can run there.
Which is faster depends on the machine: on an Intel Xeon with AMX and no such setting numpy's
own AVX-512 kernels won (the sketch's block in 135 ms against 193), so each process times both
on its first product and keeps the faster. The output is one buffer reused from block to
block: a fresh 205 MB array cost a quarter more in page faults.
"""

from __future__ import annotations

import os
import time
from typing import Any

import numpy as np

from matching.cores import threads as usable_cores


class RecordProduct:
    """Products of query blocks with one fixed record matrix (rows: records)."""

    def __init__(self, records: np.ndarray) -> None:
        self.records = np.ascontiguousarray(records, dtype=np.float32)
        self._out: np.ndarray | None = None
        self._sessions: dict[tuple[int, int], Any] = {}
        """Per (process, threads): sessions are made after a fork, never inherited; None where
        numpy is faster or onnxruntime is missing."""

    def __getstate__(self) -> dict[str, Any]:
        """Pickled (sent to a worker): the records only, never a session or the buffer."""
        return {"records": self.records}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["records"])  # type: ignore[misc]

    def __call__(self, queries: np.ndarray, threads: int | None = None) -> np.ndarray:
        """(queries × records), valid until the next call. ``threads``: at most this many
        (None: every core the process may use; numpy follows its own thread limit)."""
        queries = np.ascontiguousarray(queries, dtype=np.float32)
        rows = len(queries)
        if self._out is None or len(self._out) < rows:
            self._out = np.empty((rows, len(self.records)), dtype=np.float32)
        out = self._out[:rows]
        self.into(queries, self.records, out, threads)
        return out

    def into(
        self, queries: np.ndarray, records: np.ndarray, out: np.ndarray, threads: int | None = None
    ) -> None:
        """``queries @ records.T`` into ``out`` (both contiguous float32) for other records
        than this product's (a part of them laid out otherwise), with the kernels this
        process chose."""
        key = (os.getpid(), threads or usable_cores())
        if key not in self._sessions:
            self._sessions[key] = self._faster(queries, records, out, key[1])
            return
        session = self._sessions[key]
        if session is None:
            np.matmul(queries, records.T, out=out)
        else:
            self._run(session, queries, records, out)

    def _run(self, session: Any, queries: np.ndarray, records: np.ndarray, out: np.ndarray) -> None:
        binding = session.io_binding()
        binding.bind_cpu_input("queries", queries)
        binding.bind_cpu_input("records", records)
        binding.bind_output("values", "cpu", 0, np.float32, out.shape, out.ctypes.data)
        session.run_with_iobinding(binding)

    def _faster(
        self, queries: np.ndarray, records: np.ndarray, out: np.ndarray, threads: int
    ) -> Any:
        """Compute ``out`` with numpy and with onnxruntime and return the session when it was
        faster (else None). numpy goes first and last: the first touch of a fresh buffer
        costs page faults that neither should be charged with."""
        np.matmul(queries, records.T, out=out)
        session = _gemm_session(records.shape[1], threads)
        if session is None:
            return None
        started = time.perf_counter()
        self._run(session, queries, records, out)
        onnx = time.perf_counter() - started
        started = time.perf_counter()
        np.matmul(queries, records.T, out=out)
        numpy = time.perf_counter() - started
        return session if onnx < numpy else None

    @property
    def kernels(self) -> str:
        """Which library this process multiplies with (after its first product)."""
        mine = [v for (pid, _), v in self._sessions.items() if pid == os.getpid()]
        return "onnxruntime" if any(v is not None for v in mine) else "numpy"


def _gemm_session(columns: int, threads: int) -> Any:
    """An onnxruntime session computing ``queries @ records.T`` (one Gemm), or None without
    onnxruntime."""
    try:
        import onnxruntime as ort
        from onnx import TensorProto, helper
    except ImportError:
        return None
    graph = helper.make_graph(
        [helper.make_node("Gemm", ["queries", "records"], ["values"], transB=1)],
        "record_product",
        [
            helper.make_tensor_value_info("queries", TensorProto.FLOAT, ["q", columns]),
            helper.make_tensor_value_info("records", TensorProto.FLOAT, ["r", columns]),
        ],
        [helper.make_tensor_value_info("values", TensorProto.FLOAT, ["q", "r"])],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8)
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return ort.InferenceSession(
        model.SerializeToString(), options, providers=["CPUExecutionProvider"]
    )
