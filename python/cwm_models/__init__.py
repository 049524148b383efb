"""Whole-model builders that emit Linalg-on-tensors MLIR for cwm.

Each builder returns (builder, mlir_text); the builder lists the function's
arguments (`params`) and the layers it recorded, which reference.py turns
into weights and a PyTorch reference.
"""

from .bert import bert_layer
from .mobilenet import mobilenet_v2
from .resnet import resnet18

MODELS = {"resnet18": resnet18, "mobilenet_v2": mobilenet_v2,
          "bert_layer": bert_layer}
