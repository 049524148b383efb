"""A compiled model called with its weights at every call (F: the work that
reads only weights, such as Winograd filter transforms, done at each call)
against the same object with its weights bound once (Function.bind:
F_prepare once, F_prepared per call), and PyTorch eager (NCHW and
channels-last, the faster), interleaved for ROUNDS rounds (default 5).

  python3 bench/models_bound.py OUT MODEL...   (OUT/MODEL.so from cwm-compile
  of `python3 -m cwm_models MODEL`, weights marked; results in OUT/bound.json)
"""
import json, os, sys, statistics
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)),
                                "..", "python"))
import numpy as np
from cwm import runtime
from cwm_models import MODELS, reference
import torch
torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", os.cpu_count())))
out, names = sys.argv[1], sys.argv[2:]
rows = []
for name in names:
    builder, _ = MODELS[name]()
    arrays = [runtime.aligned(a) for a in reference.weights(builder, seed=1)]
    model = runtime.load(f"{out}/{name}.so")
    fn = model._only()
    print(name, "weights", len(fn.weights), "split", fn.split, flush=True)
    bound = fn.bind(*arrays[1:])
    tf = reference.torch_model(builder, arrays)
    tcl = reference.torch_model(builder, arrays, channels_last=True)
    expected = tf().numpy()
    a = fn(*arrays); b = bound(arrays[0])
    err = lambda x: float(np.abs(x - expected).max() / np.abs(expected).max())
    print(f"  error every-call {err(a):.2e} bound {err(b):.2e}", flush=True)
    t = {"every_call": [], "bound": [], "torch": []}
    def time_torch(f):
        return runtime._time_calls(f, 0.7, 3, 5)
    for r in range(int(os.environ.get("ROUNDS", "5"))):
        t["every_call"].append(fn.benchmark(*arrays, min_time=0.7) * 1e3)
        t["bound"].append(bound.benchmark(arrays[0], min_time=0.7) * 1e3)
        t["torch"].append(min(time_torch(tf), time_torch(tcl)) * 1e3)
        print("  round", r, {k: round(v[-1], 3) for k, v in t.items()}, flush=True)
    row = {"model": name, **{k + "_ms": v for k, v in t.items()}}
    for k in t:
        print(f"  {k}: min {min(t[k]):.3f} median {statistics.median(t[k]):.3f} ms")
    print(f"  bound/every-call speedup (min) {min(t['every_call'])/min(t['bound']):.3f}; "
          f"torch/bound {min(t['torch'])/min(t['bound']):.3f}, torch/every-call {min(t['torch'])/min(t['every_call']):.3f}")
    rows.append(row)
json.dump(rows, open(f"{out}/bound.json", "w"), indent=1)
