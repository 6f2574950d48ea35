"""A low-rank sketch of the record vectors that bounds every record value from above.

The candidates of a full re-match need each member's best record value ``q·v`` for every
challenge, which is one product of every challenge with every record: at 100,000 members
(200,000 records, 384 dimensions) 15 TFLOP, more than the re-match's whole time budget on two
cores. But they only need the exact value of the few members that can reach a shortlist; for
the others an upper bound will do.

Split a vector in its part in a subspace ``P`` and the rest: ``q·v = (Pq)·(Pv) + (Rq)·(Rv)
≤ (Pq)·(Pv) + |Rq|·|Rv|`` (Cauchy-Schwarz). Stored as ``[Pv, |Rv| + s]`` and multiplied
with ``[Pq, |Rq| + s]``, one product of 128 columns instead of 384 gives that bound plus
``s(|Rq| + |Rv|) + s²``, where ``s²`` covers the rounding of both float32 products (the
values later computed exactly must stay under their bound).

The subspace is the top principal directions of the records *and* of the challenges, each
set's second moment weighed by its trace: records are centred on their language's mean, but
challenges are raw unit vectors whose large shared component must lie in ``P``, or ``|Rq|``
stays near 1 and the bound is useless. With multilingual-e5-small (10,000 members) this
leaves a bound 0.012 above the value on average, against a spread of 0.05 between a
challenge's usual record and its 80th best member.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from threadpoolctl import threadpool_limits

from matching.record_product import RecordProduct

if TYPE_CHECKING:
    from matching.semantic_rows import CountClass

COLUMNS = 128
"""127 directions and the residual norm: a multiple of BLAS's float32 kernel width."""
SLACK = 0.005
"""Added to both residual norms: their product then exceeds the bound by at least 2.5e-5,
above the rounding error of a 384-term float32 dot product of these magnitudes."""
SAMPLE = 8_192
"""Rows of each set that estimate its second moment (any subspace gives a valid bound)."""
TIGHT_SAMPLE = 4_096
"""Records on which ``_tight`` compares the bound with the values."""
TILE = 2_048
"""Members whose sketched record values are multiplied at once in ``best_bounds``: with 256
queries a tile of 2 MB per record of a member, which stays in the cache for its maximum."""
CHUNK = 16_384
"""Rows projected at a time (float64 residuals of 200,000 rows at once would take 600 MB)."""


@dataclass(frozen=True, slots=True)
class Sketch:
    """The records' sketch ``[Pv, |Rv| + s]`` and the subspace that made it."""

    basis: np.ndarray
    """(dimensions × (COLUMNS − 1)), orthonormal columns, float32."""
    records: np.ndarray
    """(records × COLUMNS), float32."""
    product: RecordProduct
    """Multiplies query sides with ``records`` (onnxruntime's kernels where installed)."""
    by_class: tuple[np.ndarray, ...] = ()
    """Per count class of the records' layout (``SemanticRows.classes``), its members'
    ``k``-th records together: ``(count × members × COLUMNS)`` (``best_bounds``)."""
    _scratch: dict[str, np.ndarray] = field(default_factory=dict)
    """Buffers of ``best_bounds``, made in the process that uses them."""

    @classmethod
    def of(
        cls, records: np.ndarray, queries: np.ndarray, classes: Sequence[CountClass] = ()
    ) -> Sketch | None:
        """Sketch ``records`` (as the product will use them: centred) for ``queries``, or
        None when the bound would not be tight (``_tight``). ``classes``: the records' count
        classes, for ``best_bounds``."""
        moment = _moment(records) + _moment(queries)
        with threadpool_limits(1):  # threaded LAPACK took 1-4 s instead of 0.1 s for 384 × 384
            eigenvalues, vectors = np.linalg.eigh(moment)
        order = np.argsort(-eigenvalues)[: COLUMNS - 1]
        basis = np.ascontiguousarray(vectors[:, order], dtype=np.float32)
        if not _tight(basis, records, queries):
            return None
        sketched = project(records, basis)
        by_class = tuple(
            np.ascontiguousarray(
                sketched[c.start : c.start + c.count * len(c.members)]
                .reshape(len(c.members), c.count, COLUMNS)
                .transpose(1, 0, 2)
            )
            for c in classes
        )
        return cls(basis, sketched, RecordProduct(sketched), by_class)

    def queries(self, queries: np.ndarray) -> np.ndarray:
        """The queries' side of the product: ``(queries × COLUMNS)``."""
        return project(queries, self.basis)

    def bounds(self, queries: np.ndarray, threads: int | None = None) -> np.ndarray:
        """(queries × records): an upper bound of each ``q·v``, valid until the next call
        (one buffer is reused). ``threads``: at most this many (None: every core)."""
        return self.product(self.queries(queries), threads)

    def best_bounds(
        self, queries: np.ndarray, classes: Sequence[CountClass], threads: int | None = None
    ) -> np.ndarray:
        """(queries × slots + 1): by slot an upper bound of each member's best record value,
        −inf last (``SemanticRows.best_slots`` of ``bounds``), valid until the next call.

        Made tile by tile: each class's ``k``-th records of ``TILE`` members multiplied
        apart, then their maximum written to the slots. The record-by-record product of a
        block (205 MB at 100,000 members) was written to memory and read back for the
        maxima; a tile stays in the cache."""
        sides = np.ascontiguousarray(self.queries(queries), dtype=np.float32)
        n = len(sides)
        slots = sum(len(c.members) for c in classes)
        out = self._buffer("out", n * (slots + 1)).reshape(n, slots + 1)
        out[:, slots] = -np.inf
        most = max((c.count for c in classes), default=1)
        tiles = self._buffer("tiles", most * n * TILE).reshape(most, n * TILE)
        for group, by_k in zip(classes, self.by_class, strict=True):
            members = len(group.members)
            for lo in range(0, members, TILE):
                width = min(TILE, members - lo)
                parts = [tiles[k, : n * width].reshape(n, width) for k in range(group.count)]
                for k, part in enumerate(parts):
                    self.product.into(sides, by_k[k, lo : lo + width], part, threads)
                into = out[:, group.slot + lo : group.slot + lo + width]
                if group.count == 1:
                    into[:] = parts[0]
                    continue
                np.maximum(parts[0], parts[1], out=into)
                for part in parts[2:]:
                    np.maximum(into, part, out=into)
        return out

    def _buffer(self, name: str, size: int) -> np.ndarray:
        """A float32 buffer of at least ``size`` kept for the next call (a fresh one cost
        page faults on every write)."""
        buffer = self._scratch.get(name)
        if buffer is None or len(buffer) < size:
            buffer = np.empty(size, dtype=np.float32)
            self._scratch[name] = buffer
        return buffer[:size]


def _moment(rows: np.ndarray) -> np.ndarray:
    """Second moment of a sample of ``rows``, scaled to trace 1 (float64)."""
    step = max(1, len(rows) // SAMPLE)
    sample = rows[::step][:SAMPLE].astype(np.float32)
    moment = (sample.T @ sample).astype(np.float64)
    trace = float(np.trace(moment))
    return moment / trace if trace > 0 else moment


def project(rows: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """``[rows · basis, |residual| + SLACK]`` in float32, the residual norm taken in float64."""
    out = np.empty((len(rows), basis.shape[1] + 1), dtype=np.float32)
    for start in range(0, len(rows), CHUNK):
        part = rows[start : start + CHUNK].astype(np.float64)
        inside = part @ basis.astype(np.float64)
        residual = np.einsum("ij,ij->i", part, part) - np.einsum("ij,ij->i", inside, inside)
        out[start : start + CHUNK, :-1] = inside
        out[start : start + CHUNK, -1] = np.sqrt(np.maximum(residual, 0.0)) + SLACK
    return out


def _tight(basis: np.ndarray, records: np.ndarray, queries: np.ndarray) -> bool:
    """Whether the bound exceeds the value by less than the values' own spread, on a sample:
    otherwise (vectors with no few dominant directions, as random ones) nearly every member's
    bound reaches a shortlist and sketching costs more than it saves."""
    rows = records[:: max(1, len(records) // TIGHT_SAMPLE)][:TIGHT_SAMPLE]
    asked = queries[:: max(1, len(queries) // 64)][:64].astype(np.float32)
    values = asked @ rows.T
    excess = project(asked, basis) @ project(rows, basis).T - values
    return float(excess.mean()) < float(values.std())
