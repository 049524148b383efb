"""Whole-model builders that emit Linalg-on-tensors MLIR for cwm."""
