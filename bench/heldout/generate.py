#!/usr/bin/python3
"""Writes heldout-v1, the fixed held-out workloads on which the world model's
generalization is measured (issue 24). No model is ever trained on them:
cwm-train drops every record of their tasks (the keys in keys-cpu.txt and
keys-cuda.txt, compiled into cwm-train), and the training generator
(scripts/gen-workloads.py) draws other shapes.

Two kinds of novelty, recorded per workload in manifest.json (`held_out_by`):
  - "shape": an op kind the training data has, at shapes it never drew (odd,
    prime, skinny, LLM-sized);
  - "pattern": a fusion pattern or op kind the training generator never
    emits (silu and relu6 epilogues, attention blocks with head-split
    producers and a scale consumer, 3-D softmax, pooling, residual adds,
    1x1 projections without activation, batched convolutions), and tasks of
    the three whole models (python/cwm_models).

Every workload is written with the same Linalg writer as the whole models
(python/cwm_models/linalg.py), as one function per file:
  <out>/<name>.mlir, <out>/manifest.json
Targets: every workload is a CPU workload; those marked "gpu" are the GPU set.

Usage: generate.py [OUT_DIR]   (default: bench/heldout/v1 beside this file)
The files are committed; regenerating must reproduce them exactly
(test/Heldout/heldout-v1.test checks the keys).
"""
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "python"))

from cwm_models import bert as bert_layers  # noqa: E402
from cwm_models.linalg import Builder  # noqa: E402
from cwm_models import MODELS  # noqa: E402
from cwm_models.workloads import (conv, gated_mlp, group_conv,  # noqa: E402
                                  matmul, row_sum_squares, silu)

WORKLOADS = []


def workload(name, held_out_by, gpu, description):
    def wrap(build):
        WORKLOADS.append((name, held_out_by, gpu, description, build))
        return build
    return wrap


def single(name, held_out_by, gpu, description, shape, body):
    """A workload of one input of `shape` and the layers `body(b, x)`."""
    @workload(name, held_out_by, gpu, description)
    def build():
        b = Builder(name)
        x = b.input(shape, "input")
        return b.finish(body(b, x))


# --- contractions: new shapes of known kinds ---------------------------------
single("dense_bias_97x1000x384", "shape", True,
       "dense + bias, prime rows", (97, 384),
       lambda b, x: b.dense(x, 1000))
single("dense_bias_relu_256x1536x512", "shape", True,
       "dense + bias + ReLU", (256, 512),
       lambda b, x: b.relu(b.dense(x, 1536)))
single("dense_bias_gelu_64x2048x1024", "shape", True,
       "dense + bias + GELU (tanh)", (64, 1024),
       lambda b, x: bert_layers.gelu(b, b.dense(x, 2048)))
single("matmul_513x257x129", "shape", False,
       "plain matmul, odd sizes", (513, 129),
       lambda b, x: matmul(b, x, 257, "w"))
single("matmul_2048x64x2048", "shape", True,
       "skinny matmul (small N, long K)", (2048, 2048),
       lambda b, x: matmul(b, x, 64, "w"))
single("matmul_1x4096x1024", "shape", True,
       "GEMV (LLM decoding step)", (1, 1024),
       lambda b, x: matmul(b, x, 4096, "w"))
single("matmul_31x31x31", "shape", False,
       "tiny prime matmul", (31, 31),
       lambda b, x: matmul(b, x, 31, "w"))
single("dense_bias_silu_128x2752x1024", "pattern", True,
       "dense + bias + SiLU (LLM MLP gate)", (128, 1024),
       lambda b, x: silu(b, b.dense(x, 2752)))
single("matmul_silu_mul_64x1408x512", "pattern", False,
       "gated MLP: silu(x W1) * (x W2)", (64, 512),
       lambda b, x: gated_mlp(b, x, 1408))


@workload("bmm_16x100x100x32", "shape", True, "plain batch matmul")
def _():
    b = Builder("bmm_16x100x100x32")
    x = b.input((16, 100, 32), "x")
    y = b.input((16, 32, 100), "y")
    return b.finish(bert_layers.batch_matmul(b, x, y))


@workload("bmm_4x256x512x128", "shape", False, "plain batch matmul")
def _():
    b = Builder("bmm_4x256x512x128")
    x = b.input((4, 256, 128), "x")
    y = b.input((4, 128, 512), "y")
    return b.finish(bert_layers.batch_matmul(b, x, y))


@workload("attention_scores_197x3x64", "pattern", True,
          "ViT-tiny attention scores: head split of Q and K (reshape + "
          "transpose producers), batch matmul, scale")
def _():
    b = Builder("attention_scores_197x3x64")
    q = b.input((197, 192), "q")
    k = b.input((197, 192), "k")
    qh = bert_layers.heads(b, q, 3)
    kh = bert_layers.heads(b, k, 3, transpose_last=True)
    return b.finish(bert_layers.scale(b, bert_layers.batch_matmul(b, qh, kh),
                                      1.0 / 8.0))


@workload("attention_context_77x8x64", "pattern", True,
          "CLIP-text attention context: softmax, batch matmul with V, "
          "merge of the heads")
def _():
    b = Builder("attention_context_77x8x64")
    p = b.input((8, 77, 77), "scores")
    v = b.input((77, 512), "v")
    vh = bert_layers.heads(b, v, 8)
    ctx = bert_layers.batch_matmul(b, bert_layers.softmax(b, p), vh)
    return b.finish(bert_layers.merge_heads(b, ctx))


# --- convolutions ---------------------------------------------------------------
single("conv3x3_28x28x96x96_relu", "shape", True,
       "3x3 conv + bias + ReLU", (1, 28, 28, 96),
       lambda b, x: conv(b, x, 96, 3, 1, "relu"))
single("conv3x3s2_56x56x48x96", "shape", True,
       "3x3 stride-2 conv + bias", (1, 56, 56, 48),
       lambda b, x: conv(b, x, 96, 3, 2, None))
single("conv1x1_14x14x384x96", "pattern", True,
       "1x1 projection + bias, no activation (MobileNet-v2)", (1, 14, 14, 384),
       lambda b, x: conv(b, x, 96, 1, 1, None))
single("conv1x1s2_28x28x128x256", "pattern", False,
       "1x1 stride-2 downsample + bias (ResNet shortcut)", (1, 28, 28, 128),
       lambda b, x: conv(b, x, 256, 1, 2, None))
single("conv5x5_20x20x32x64_relu", "shape", False,
       "5x5 conv + bias + ReLU", (1, 20, 20, 32),
       lambda b, x: conv(b, x, 64, 5, 1, "relu"))
single("conv7x7s2_112x112x3x32_relu", "shape", True,
       "7x7 stride-2 stem + bias + ReLU", (1, 112, 112, 3),
       lambda b, x: conv(b, x, 32, 7, 2, "relu"))
single("conv3x3_7x7x512x512", "shape", True,
       "3x3 conv + bias, deep and small", (1, 7, 7, 512),
       lambda b, x: conv(b, x, 512, 3, 1, None))
single("conv3x3_b4_16x16x64x64_relu", "pattern", True,
       "batched (4) 3x3 conv + bias + ReLU", (4, 16, 16, 64),
       lambda b, x: conv(b, x, 64, 3, 1, "relu"))
single("conv3x3_33x33x24x40_relu6", "pattern", False,
       "3x3 conv + bias + ReLU6, odd image", (1, 33, 33, 24),
       lambda b, x: conv(b, x, 40, 3, 1, "relu6"))
single("dw3x3_56x56x48_relu6", "pattern", True,
       "depthwise 3x3 + bias + ReLU6 (MobileNet-v2)", (1, 56, 56, 48),
       lambda b, x: b.relu6(b.depthwise(x, 1, 1)))
single("dw3x3s2_28x28x144_relu6", "pattern", True,
       "depthwise 3x3 stride 2 + bias + ReLU6", (1, 28, 28, 144),
       lambda b, x: b.relu6(b.depthwise(x, 2, 1)))
single("dw3x3_14x14x384", "shape", False,
       "depthwise 3x3 + bias", (1, 14, 14, 384),
       lambda b, x: b.depthwise(x, 1, 1))
single("group_conv_28x28x96_g3_k3", "shape", False,
       "grouped 3x3 conv, 3 groups", (1, 28, 28, 96),
       lambda b, x: group_conv(b, x, 3, 3))
single("group_conv_14x14x192_g6_k3", "shape", True,
       "grouped 3x3 conv, 6 groups", (1, 14, 14, 192),
       lambda b, x: group_conv(b, x, 6, 3))

# --- pooling, reductions, norms, elementwise --------------------------------------
single("maxpool3x3s2_112x112x64", "pattern", True,
       "max pooling 3x3 stride 2 (padded)", (1, 112, 112, 64),
       lambda b, x: b.maxpool(x, 3, 2, 1))
single("maxpool2x2s2_28x28x128", "pattern", False,
       "max pooling 2x2 stride 2", (1, 28, 28, 128),
       lambda b, x: b.maxpool(x, 2, 2, 0))
single("global_avgpool_7x7x1280", "pattern", True,
       "global average pooling", (1, 7, 7, 1280),
       lambda b, x: b.global_avgpool(x))
single("softmax_197x197", "shape", True,
       "row softmax, odd size", (197, 197),
       lambda b, x: bert_layers.softmax(b, x))
single("softmax_12x77x77", "pattern", True,
       "3-D softmax over the last dimension", (12, 77, 77),
       lambda b, x: bert_layers.softmax(b, x))
single("softmax_64x1000", "shape", False,
       "classifier softmax", (64, 1000),
       lambda b, x: bert_layers.softmax(b, x))
single("layernorm_197x192", "shape", True,
       "layer norm with scale and shift", (197, 192),
       lambda b, x: bert_layers.layernorm(b, x, "ln"))
single("layernorm_32x4096", "shape", False,
       "layer norm, wide rows", (32, 4096),
       lambda b, x: bert_layers.layernorm(b, x, "ln"))
single("rownorm_1000x3000", "shape", True,
       "row sum of squares", (1000, 3000),
       lambda b, x: row_sum_squares(b, x))
single("gelu_128x3072", "shape", False,
       "GELU alone", (128, 3072),
       lambda b, x: bert_layers.gelu(b, x))


@workload("add_relu_56x56x64", "pattern", True,
          "residual add + ReLU (ResNet block output)")
def _():
    b = Builder("add_relu_56x56x64")
    x = b.input((1, 56, 56, 64), "x")
    y = b.input((1, 56, 56, 64), "y")
    return b.finish(b.add(x, y, relu=True))


single("transpose_heads_77x512", "pattern", False,
       "head split: reshape + transpose to [8, 77, 64]", (77, 512),
       lambda b, x: bert_layers.heads(b, x, 8))

# --- whole models: every task of the three models ---------------------------------
for model in sorted(MODELS):
    @workload(f"model_{model}", "pattern", model != "resnet18",
              f"every task of {model} (python/cwm_models)")
    def _(model=model):
        return MODELS[model]()[1]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "v1")
    os.makedirs(out, exist_ok=True)
    manifest = []
    for name, held_out_by, gpu, description, build in WORKLOADS:
        text = build()
        # A model function keeps its own name; the file names the workload.
        with open(os.path.join(out, name + ".mlir"), "w") as f:
            f.write(text)
        manifest.append({"name": name, "held_out_by": held_out_by,
                         "targets": ["cpu", "cuda"] if gpu else ["cpu"],
                         "description": description})
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump({"split": "heldout-v1", "workloads": manifest}, f, indent=1)
        f.write("\n")
    print(f"heldout-v1: {len(manifest)} workloads in {out}")


if __name__ == "__main__":
    main()
