#!/usr/bin/python3
"""A PyTorch ResNet-18 (torchvision's layout, built in
python/tests/test_from_torch.py, batch 1, 224x224, batch norms with
non-trivial statistics) through cwm.from_torch: tuned to TRIALS records per
task in DATABASE (resumable; a copy of a shipped database gives its tasks'
records), compiled with the best schedules, checked against PyTorch, then
timed against PyTorch eager (NCHW and channels-last, 2 threads) in the same
process, the three interleaved three times (median of 20 calls each).

Usage: PYTHONPATH=build/python /usr/bin/python3 bench/from_torch_resnet.py TRIALS DATABASE
Prints the tuning table, the error, the timings and cwm / the faster peer."""
import os
import statistics
import sys
import time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(root, "python", "tests"))
import torch  # noqa: E402
import cwm  # noqa: E402
import test_from_torch as nets  # noqa: E402


def bench(f, n=20):
    for _ in range(3):
        f()
    times = []
    for _ in range(n):
        start = time.perf_counter()
        f()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    trials, db = int(sys.argv[1]), sys.argv[2]
    torch.manual_seed(0)
    model = nets.randomize_batch_norms(nets.ResNet()).eval()
    x = torch.randn(1, 3, 224, 224)
    program = cwm.from_torch(model, (x,))
    start = time.time()
    cwm.tune(program, trials=trials, database=db, quiet=True, progress=False)
    print("tuned in %.0f s" % (time.time() - start), flush=True)
    library = os.path.splitext(db)[0] + ".so"
    compiled = cwm.compile(program, library, database=db)
    with torch.no_grad():
        expected = model(x)
        error = (compiled(x) - expected).abs().max().item()
    print("max abs error %.2g (output scale %.2g)" % (error, expected.abs().max().item()))
    torch.set_num_threads(2)
    channels_last = model.to(memory_format=torch.channels_last)
    x_cl = x.to(memory_format=torch.channels_last)
    times = {"cwm": [], "eager": [], "eager_channels_last": []}
    with torch.no_grad():
        for _ in range(3):
            times["cwm"].append(bench(lambda: compiled(x)))
            times["eager"].append(bench(lambda: model(x)))
            times["eager_channels_last"].append(bench(lambda: channels_last(x_cl)))
    for name, values in times.items():
        print(name, " ".join("%.2f" % (s * 1e3) for s in values), "ms")
    peer = min(min(times["eager"]), min(times["eager_channels_last"]))
    print("cwm / the faster peer: %.2fx (best %.2f ms against %.2f ms)"
          % (peer / min(times["cwm"]), min(times["cwm"]) * 1e3, peer * 1e3))


if __name__ == "__main__":
    main()
