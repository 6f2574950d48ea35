"""``queries @ records.T`` in float32 for the re-match's blockwise products, as fast as the
CPU allows.

numpy multiplies through OpenBLAS, whose kernels are chosen when it loads: a machine that
sets ``OPENBLAS_CORETYPE=Haswell`` (this project's do) gets AVX2 kernels on an AVX-512 CPU.
onnxruntime's own kernels (MLAS) use AVX-512 wherever the CPU has it: on the sketch's shapes
(256 × 128 by 128 × 200,000, one thread, AMD EPYC with AVX-512) 66 ms against numpy's 118.
So with the semantic extra installed (which brings onnxruntime) the product runs there, else
in numpy. The output is one buffer reused from block to block: a fresh 205 MB array cost a
quarter more in page faults.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from matching.cores import threads as usable_cores


class RecordProduct:
    """Products of query blocks with one fixed record matrix (rows: records)."""

    def __init__(self, records: np.ndarray) -> None:
        self.records = np.ascontiguousarray(records, dtype=np.float32)
        self._out: np.ndarray | None = None
        self._sessions: dict[tuple[int, int], Any] = {}
        """Per (process, threads): sessions are made after a fork, never inherited."""

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
        session = self._session(threads or usable_cores())
        if session is None:
            np.matmul(queries, self.records.T, out=out)
            return out
        binding = session.io_binding()
        binding.bind_cpu_input("queries", queries)
        binding.bind_cpu_input("records", self.records)
        binding.bind_output("values", "cpu", 0, np.float32, out.shape, out.ctypes.data)
        session.run_with_iobinding(binding)
        return out

    def _session(self, threads: int) -> Any:
        key = (os.getpid(), threads)
        if key not in self._sessions:
            self._sessions[key] = _gemm_session(self.records.shape[1], threads)
        return self._sessions[key]


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
