"""Loading and calling models compiled by cwm-compile.

A compiled model is a shared object whose public functions take MLIR memref
descriptors (inputs, then caller-allocated outputs) and which carries their
signatures as JSON in the global `cwm_signature`. `load(path)` opens it;
calling the result with numpy arrays returns the outputs as numpy arrays.

A GPU model (`cwm-compile --target=cuda`) takes device buffers: call it with
PyTorch CUDA tensors and it returns CUDA tensors. Its mgpu* calls resolve to
libcwm_cuda_runtime.so, which `load` opens first (from $CWM_CUDA_RUNTIME, or
the build tree's lib/ beside this package, or `cuda_runtime=`).
"""

import ctypes
import functools
import json
import os
import statistics
import time
import warnings

import numpy as np

_DTYPES = {"f32": np.float32, "f64": np.float64, "f16": np.float16,
           "i8": np.int8, "i16": np.int16, "i32": np.int32, "i64": np.int64}


class CompileError(RuntimeError):
    pass


# Compiled kernels are tuned on 64-byte aligned buffers (one cache line, one
# AVX-512 vector). numpy and glibc align large arrays to 16 bytes only, and
# unaligned operands split every vector load over two cache lines: ResNet-18
# with its weights as np.load left them ran 15% slower (docs/benchmarks.md).
ALIGNMENT = 64
# Unaligned inputs up to this size are copied at every call (cheap).
_COPY_UNALIGNED_BYTES = 1 << 16


def empty_aligned(shape, dtype):
    """An uninitialized C-contiguous array whose data starts on a
    64-byte boundary."""
    dtype = np.dtype(dtype)
    count = int(np.prod(shape, dtype=np.int64))
    raw = np.empty(count * dtype.itemsize + ALIGNMENT, dtype=np.uint8)
    start = (-raw.ctypes.data) % ALIGNMENT
    return raw[start:start + count * dtype.itemsize].view(dtype).reshape(shape)


def aligned(array, dtype=None):
    """`array` as a C-contiguous array of `dtype` on a 64-byte boundary:
    itself when it already is one, else a copy."""
    array = np.ascontiguousarray(array, dtype=dtype)
    if array.ctypes.data % ALIGNMENT == 0:
        return array
    copy = empty_aligned(array.shape, array.dtype)
    copy[...] = array
    return copy


@functools.lru_cache(maxsize=None)
def _descriptor_type(rank):
    """ctypes struct of a rank-`rank` memref descriptor (one class per
    rank, so argtypes and instances agree)."""
    class Descriptor(ctypes.Structure):
        _fields_ = [("allocated", ctypes.c_void_p),
                    ("aligned", ctypes.c_void_p),
                    ("offset", ctypes.c_int64),
                    ("sizes", ctypes.c_int64 * rank),
                    ("strides", ctypes.c_int64 * rank)]
    return Descriptor


def _describe(array):
    descriptor = _descriptor_type(array.ndim)()
    if hasattr(array, "data_ptr"):  # a torch tensor (GPU models)
        address = array.data_ptr()
        strides = array.stride()
    else:
        address = array.ctypes.data
        strides = [stride // array.itemsize for stride in array.strides]
    descriptor.allocated = address
    descriptor.aligned = address
    descriptor.offset = 0
    for i, (size, stride) in enumerate(zip(array.shape, strides)):
        descriptor.sizes[i] = size
        descriptor.strides[i] = stride
    return descriptor


_CUDA_RUNTIME = None


def _load_cuda_runtime(path=None):
    """Opens libcwm_cuda_runtime.so with global symbols (once); returns
    whether it is loaded."""
    global _CUDA_RUNTIME
    if _CUDA_RUNTIME is not None:
        return True
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = [path, os.environ.get("CWM_CUDA_RUNTIME"),
                  os.path.join(here, "..", "..", "lib",
                               "libcwm_cuda_runtime.so")]
    for candidate in candidates:
        if candidate and os.path.exists(candidate):
            _CUDA_RUNTIME = ctypes.CDLL(os.path.abspath(candidate),
                                        mode=ctypes.RTLD_GLOBAL)
            return True
    return False


class Function:
    """One entry point of a compiled model."""

    def __init__(self, library, entry, cuda=False):
        self.name = entry["name"]
        self.cuda = cuda
        self.inputs = [(tuple(t["shape"]), t["type"]) for t in entry["inputs"]]
        self.outputs = [(tuple(t["shape"]), t["type"]) for t in entry["outputs"]]
        for _, type_name in self.inputs + self.outputs:
            if type_name not in _DTYPES:
                raise CompileError(f"{self.name}: element type {type_name} "
                                   "has no numpy equivalent")
        # Inputs marked as weights (bound once with bind), the functions
        # cwm-prepare-weights split this one into, and, for those, which
        # part they are ("prepare" or "prepared").
        self.weights = list(entry.get("weights", []))
        self.split = entry.get("prepare")
        self.role = entry.get("role")
        self._prepare_function = self._prepared_function = None
        self._warned_alignment = False
        self._symbol = getattr(library, entry["symbol"])
        self._symbol.restype = None
        self._symbol.argtypes = [
            ctypes.POINTER(_descriptor_type(len(shape)))
            for shape, _ in self.inputs + self.outputs]

    def _prepare(self, arrays, align=False):
        """Inputs as contiguous arrays of the signature's types, outputs
        allocated on 64-byte boundaries. Unaligned inputs are copied to
        aligned ones when small or when `align` (benchmark: once for every
        call); a call passes large ones as they are (a copy of a model's
        weights every call would cost more than it saves) and warns once,
        naming them."""
        if len(arrays) != len(self.inputs):
            raise ValueError(f"{self.name} takes {len(self.inputs)} inputs, "
                             f"got {len(arrays)}")
        if self.cuda:
            return self._prepare_cuda(arrays)
        prepared, unaligned = [], []
        for index, (array, (shape, type_name)) in enumerate(
                zip(arrays, self.inputs)):
            array = np.ascontiguousarray(array, dtype=_DTYPES[type_name])
            if array.shape != shape:
                raise ValueError(f"{self.name}: input {index} has shape "
                                 f"{array.shape}, expected {shape}")
            if array.ctypes.data % ALIGNMENT:
                if align or array.nbytes <= _COPY_UNALIGNED_BYTES:
                    array = aligned(array)
                else:
                    unaligned.append(index)
            prepared.append(array)
        if unaligned and not self._warned_alignment:
            self._warned_alignment = True
            warnings.warn(
                f"{self.name}: inputs {unaligned} do not start on a "
                f"{ALIGNMENT}-byte boundary, which the kernels were tuned "
                "on; they run slower so (up to 15% for ResNet-18's "
                "weights). Pass cwm.runtime.aligned(array), made once.",
                RuntimeWarning, stacklevel=3)
        outputs = [empty_aligned(shape, _DTYPES[type_name])
                   for shape, type_name in self.outputs]
        descriptors = [_describe(a) for a in prepared + outputs]
        pointers = [ctypes.pointer(d) for d in descriptors]
        # The arrays must outlive the call: keep them with the pointers.
        return outputs, (prepared, outputs, descriptors, pointers)

    def _prepare_cuda(self, tensors):
        import torch
        prepared = []
        for index, (tensor, (shape, type_name)) in enumerate(
                zip(tensors, self.inputs)):
            if not (isinstance(tensor, torch.Tensor) and tensor.is_cuda):
                raise ValueError(f"{self.name} is a GPU model: input {index} "
                                 "must be a CUDA tensor")
            dtype = getattr(torch, np.dtype(_DTYPES[type_name]).name)
            tensor = tensor.to(dtype).contiguous()
            if tuple(tensor.shape) != shape:
                raise ValueError(f"{self.name}: input {index} has shape "
                                 f"{tuple(tensor.shape)}, expected {shape}")
            prepared.append(tensor)
        device = prepared[0].device if prepared else "cuda"
        outputs = [torch.empty(shape, device=device,
                               dtype=getattr(torch, np.dtype(_DTYPES[t]).name))
                   for shape, t in self.outputs]
        # The model's kernels run on streams of their own: what PyTorch
        # queued for the inputs must be done first.
        torch.cuda.synchronize(device)
        descriptors = [_describe(t) for t in prepared + outputs]
        pointers = [ctypes.pointer(d) for d in descriptors]
        return outputs, (prepared, outputs, descriptors, pointers)

    def _run(self, pointers):
        self._symbol(*pointers)
        if self.cuda and _CUDA_RUNTIME.cwmCudaSynchronize() != 0:
            raise RuntimeError(f"{self.name}: the GPU reported an error")

    def __call__(self, *arrays):
        outputs, keep = self._prepare(arrays)
        self._run(keep[3])
        return outputs[0] if len(outputs) == 1 else tuple(outputs)

    def benchmark(self, *arrays, min_time=1.0, warmup=2, min_repeats=5):
        """Median seconds per call over at least `min_repeats` calls and
        `min_time` seconds (after `warmup` calls), on the same buffers."""
        _, keep = self._prepare(arrays, align=True)
        return _time_calls(lambda: self._run(keep[3]), min_time, warmup,
                           min_repeats)

    def bind(self, *weights):
        """This function with its weights (the inputs compiled as weights,
        `self.weights`, in order) given once: a BoundFunction called with
        the other inputs. What the compiled code computes from the weights
        alone (a Winograd convolution's filter transform) runs here, once,
        not at every call. The weights must not change while it is used:
        bind again when they do."""
        if not self.weights:
            raise ValueError(f"{self.name} has no inputs compiled as weights "
                             "(arguments marked cwm.weight)")
        return BoundFunction(self, weights)


def _time_calls(call, min_time, warmup, min_repeats):
    for _ in range(warmup):
        call()
    times = []
    start = time.perf_counter()
    while len(times) < min_repeats or time.perf_counter() - start < min_time:
        begin = time.perf_counter()
        call()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


class BoundFunction:
    """A Function with its weights bound (Function.bind): called with its
    other inputs, in order."""

    def __init__(self, function, weights):
        if len(weights) != len(function.weights):
            raise ValueError(f"{function.name} takes {len(function.weights)} "
                             f"weights, got {len(weights)}")
        self.function = function
        self.name = function.name
        self.inputs = [spec for index, spec in enumerate(function.inputs)
                       if index not in function.weights]
        for weight, index in zip(weights, function.weights):
            shape = function.inputs[index][0]
            if tuple(np.shape(weight)) != shape:
                raise ValueError(f"{function.name}: weight {index} has shape "
                                 f"{tuple(np.shape(weight))}, expected {shape}")
        # Aligned once here, or every call would copy the small ones.
        if function.cuda:
            weights = list(weights)
        else:
            weights = [aligned(w, _DTYPES[function.inputs[i][1]])
                       for i, w in zip(function.weights, weights)]
        self._weights = dict(zip(function.weights, weights))
        self._prepared = []
        self._target = function
        prepare, prepared = (function._prepare_function,
                             function._prepared_function)
        if prepare is not None and prepared is not None:
            made = prepare(*weights)
            self._prepared = list(made) if isinstance(made, tuple) else [made]
            self._target = prepared

    def _arguments(self, inputs):
        if len(inputs) != len(self.inputs):
            raise ValueError(f"{self.name} (weights bound) takes "
                             f"{len(self.inputs)} inputs, got {len(inputs)}")
        rest = iter(inputs)
        return [self._weights[i] if i in self._weights else next(rest)
                for i in range(len(self.function.inputs))] + self._prepared

    def __call__(self, *inputs):
        return self._target(*self._arguments(inputs))

    def benchmark(self, *inputs, **options):
        return self._target.benchmark(*self._arguments(inputs), **options)


class CompiledModel:
    """A shared object written by cwm-compile; functions by name, or the
    only one through __call__."""

    def __init__(self, path, cuda_runtime=None):
        # A file path is made absolute (dlopen would search the library path
        # for a bare name); a bare soname is left to the loader.
        path = str(path)
        self.path = os.path.abspath(path) if os.path.exists(path) else path
        # GPU models need the mgpu* runtime before they load (their
        # constructors load the kernels); it is harmless for CPU models.
        have_cuda_runtime = _load_cuda_runtime(cuda_runtime)
        try:
            self._library = ctypes.CDLL(self.path)
        except OSError as error:
            if "mgpu" in str(error) and not have_cuda_runtime:
                raise CompileError(
                    f"{self.path} is a GPU model and libcwm_cuda_runtime.so "
                    "was not found: set CWM_CUDA_RUNTIME or pass "
                    "cuda_runtime=") from None
            raise
        try:
            text = ctypes.string_at(ctypes.addressof(
                ctypes.c_char.in_dll(self._library, "cwm_signature")))
        except ValueError:
            raise CompileError(f"{self.path} was not written by cwm-compile "
                               "(no cwm_signature)") from None
        signature = json.loads(text)
        if signature.get("version") != 1:
            raise CompileError(f"{self.path}: unsupported signature version "
                               f"{signature.get('version')}")
        self.target = signature.get("target", "cpu")
        if self.target == "cuda":
            # One in-order stream for the model's kernels, waited for once
            # per call rather than after every kernel.
            _CUDA_RUNTIME.cwmCudaDeferSynchronization(1)
        self.functions = {
            entry["name"]: Function(self._library, entry,
                                    cuda=self.target == "cuda")
            for entry in signature["functions"]}
        for function in self.functions.values():
            if function.split:
                function._prepare_function = self.functions.get(
                    function.split["prepare"])
                function._prepared_function = self.functions.get(
                    function.split["prepared"])

    def __getitem__(self, name):
        return self.functions[name]

    def _only(self):
        # The parts cwm-prepare-weights split a function into do not count.
        entries = [f for f in self.functions.values() if not f.role]
        if len(entries) != 1:
            raise ValueError(f"{self.path} has {len(entries)} entry "
                             "points; pick one by name")
        return entries[0]

    def __call__(self, *arrays):
        return self._only()(*arrays)

    def benchmark(self, *arrays, **options):
        return self._only().benchmark(*arrays, **options)

    def bind(self, *weights):
        return self._only().bind(*weights)


def load(path, cuda_runtime=None):
    return CompiledModel(path, cuda_runtime)
