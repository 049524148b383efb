#!/usr/bin/env bash
# Writes OUT/after.sh for a GPU kernel pack (bench/gemm-pack.sh,
# bench/conv-pack.sh): after run.sh's first pass, PyTorch's library kernels
# for SPEC... are timed (bench/gemm_peers.py, copied into OUT/peers), the pack
# is measured a second time and the peers timed again, so every cwm time has
# a peer time taken minutes from it in the same call.
#
#   bench/write-peer-passes.sh OUT WHAT SPEC...
#
# WHAT names the peer in after.sh's comment (cuBLAS, cuDNN). device-session.sh
# runs after.sh by itself; results in OUT/after-out/{results1,results2}.jsonl,
# peers1.json, peers2.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=${1:?usage: bench/write-peer-passes.sh OUT WHAT SPEC...}
what=${2:?usage: bench/write-peer-passes.sh OUT WHAT SPEC...}
shift 2
mkdir -p "$out/peers"
cp "$root/bench/gemm_peers.py" "$out/peers/"
cat > "$out/after.sh" <<SH
#!/usr/bin/env bash
# Two passes of the candidates with $what timed after each (write-peer-passes.sh).
set -uo pipefail
cd "\$(dirname "\$0")"
mkdir -p after-out
cp results.jsonl after-out/results1.jsonl
python3 peers/gemm_peers.py after-out/peers1.json $* 2> after-out/peers1.log
mv results.jsonl after-out/results1-run.jsonl
# PEERS=0: the second pass only (run.sh would otherwise time the whole
# suite's peers, minutes of the call, when the pack has none yet).
PEERS=0 bash run.sh 2> after-out/run2.log
cp results.jsonl after-out/results2.jsonl
python3 peers/gemm_peers.py after-out/peers2.json $* 2> after-out/peers2.log
SH
