//===- Passes.td - cwm passes ------------------------------*- tablegen -*-===//

#ifndef CWM_TRANSFORMS_PASSES
#define CWM_TRANSFORMS_PASSES

include "mlir/Pass/PassBase.td"

def ExtractTasks : Pass<"cwm-extract-tasks", "ModuleOp"> {
  let summary = "Replace a payload by the tuning tasks found in it";
  let description = [{
    Partitions every function into tasks (an anchor op with the producers and
    consumers that can be fused into its loops) and replaces the module by one
    function per task, each tagged with its workload key, op class and FLOPs.
    Useful to see what `cwm-autotune` will tune.

    Before:
    ```mlir
    func.func @mm(%A: tensor<64x32xf32>, %B: tensor<32x16xf32>) -> tensor<64x16xf32> {
      %z = arith.constant 0.0 : f32
      %e = tensor.empty() : tensor<64x16xf32>
      %C = linalg.fill ins(%z : f32) outs(%e : tensor<64x16xf32>) -> tensor<64x16xf32>
      %R = linalg.matmul ins(%A, %B : ...) outs(%C : ...) -> tensor<64x16xf32>
      return %R : tensor<64x16xf32>
    }
    ```
    After:
    ```mlir
    func.func @mm(...) attributes {cwm.key = "...", cwm.op_class = "matmul", cwm.flops = 6.5536e4 : f64} {
      ... linalg.fill {cwm.op = 0 : i64, cwm.task = 0 : i64} ...
      ... linalg.matmul {cwm.op = 1 : i64, cwm.task = 0 : i64} ...
    }
    ```
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "Target the workload keys are computed for (cpu)">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect",
                           "tensor::TensorDialect"];
}

def ApplyTrace : Pass<"cwm-apply-trace", "ModuleOp"> {
  let summary = "Apply a schedule (trace JSON file) to the tasks of a payload";
  let description = [{
    Reads a trace in its JSON form (docs/schedules.md) and applies it, through
    the Transform dialect, to every task of the payload whose op class and
    loop structure it fits (or only to task number `task`). The trace is
    checked statically first; an invalid trace is an error naming the action.

    Before: a linalg.matmul on tensors. After, with
    `{"version":1,"actions":[{"kind":"tile","target":1,"decisions":{"sizes":[8,32,4]}}]}`:
    three nested scf.for loops around a linalg.matmul on 8x4 and 4x32 slices.
  }];
  let options = [
    Option<"traceFile", "trace-file", "std::string", /*default=*/"\"\"",
           "JSON file holding one trace">,
    Option<"taskIndex", "task", "int64_t", /*default=*/"-1",
           "Apply to this task only (0-based, in program order); -1 = all">,
    Option<"printScript", "print-script", "bool", /*default=*/"false",
           "Print the emitted Transform IR to stderr">,
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "Target the tasks are extracted for (cpu, cuda: GPU tasks read "
           "transposed contraction inputs in place)">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect",
                           "scf::SCFDialect", "tensor::TensorDialect",
                           "vector::VectorDialect",
                           "transform::TransformDialect"];
}

def Autotune : Pass<"cwm-autotune", "ModuleOp"> {
  let summary = "Search, measure and apply the best schedule of every task";
  let description = [{
    For every task of the payload: measure the untuned default lowering as the
    baseline, then search schedules (rules sample traces, mutators change
    them, the cost model ranks them), build and measure the most promising in
    worker processes (a crash, LLVM ERROR or hang costs that candidate only;
    outputs are checked against the untransformed program on fresh random
    inputs), record everything in the database (resumable), and finally
    rewrite each task with its best measured trace. Progress goes to stderr;
    `report=FILE` writes the summary as JSON.

    Example: `cwm-opt in.mlir --cwm-autotune="target=cpu trials=64 db=tune.jsonl" --cwm-lower-cpu`
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "Hardware target (cpu)">,
    Option<"trials", "trials", "int64_t", /*default=*/"64",
           "Measured candidates per task (the baseline is extra); ignored "
           "when budget= is given">,
    Option<"budget", "budget", "int64_t", /*default=*/"0",
           "Measured candidates over all tasks, spread by the task "
           "scheduler (0 = trials= per task); records already in the "
           "database count">,
    Option<"scheduler", "scheduler", "std::string",
           /*default=*/"\"gradient\"",
           "With budget=: gradient (Ansor's allocation: the task whose next "
           "round should shorten the model most, weighted by its count) or "
           "round-robin">,
    Option<"database", "db", "std::string", /*default=*/"\"\"",
           "JSON-lines tuning database (created if missing; resumed if present)">,
    Option<"costModel", "cost-model", "std::string", /*default=*/"\"auto\"",
           "Cost model ranking candidates: world, snapshot (XGBoost over "
           "features of each lowered candidate; cold unless model= names "
           "pre-trained trees), hybrid (world, joined by a cold snapshot "
           "model once 8 candidates of a task are measured), random, or auto "
           "(world when a model file is given or shipped for the target, else "
           "random)">,
    Option<"online", "online", "std::string", /*default=*/"\"finetune\"",
           "How the world model learns from a workload's measurements: "
           "finetune (gradient steps on the whole network), linear (a "
           "Bayesian linear correction over its frozen last hidden layer), "
           "both (fine-tuning, then the correction) or none">,
    Option<"explore", "explore", "double", /*default=*/"0.0",
           "online=linear or both: rank by predicted speed plus this many "
           "posterior standard deviations (an upper confidence bound); with "
           "a seed ensemble, plus this many deviations of its members' "
           "standardized scores; 0 = the mean">,
    Option<"modelPath", "model", "std::string", /*default=*/"\"\"",
           "World-model file (default: the pre-trained model for the "
           "target); several files separated by commas score as a seed "
           "ensemble">,
    Option<"seed", "seed", "int64_t", /*default=*/"0", "Random seed">,
    Option<"timeout", "timeout", "double", /*default=*/"60.0",
           "Seconds one candidate may take to build and run">,
    Option<"buildTimeout", "build-timeout", "double", /*default=*/"10.0",
           "target=cpu, local runner: seconds one candidate may take to "
           "apply, lower and compile (then recorded as a timeout)">,
    Option<"runTimeout", "run-timeout", "double", /*default=*/"10.0",
           "target=cpu, local runner: seconds a built candidate may run "
           "(check and timing); once a faster program is known the limit "
           "shrinks to a few times the slow cut-off (10x the fastest)">,
    Option<"threads", "threads", "int64_t", /*default=*/"0",
           "Threads the generated code runs with (0 = all cores; at most 4 "
           "per core)">,
    Option<"memoryLimit", "memory-limit", "double", /*default=*/"0",
           "GB of address space a measuring worker may use (0 = three "
           "quarters of physical memory); beyond it a candidate is "
           "recorded as out_of_memory">,
    Option<"report", "report", "std::string", /*default=*/"\"\"",
           "Write the summary as JSON to this file">,
    Option<"keepFailed", "keep-failed", "std::string", /*default=*/"\"\"",
           "target=cpu, local runner: keep each failed candidate (crash, "
           "timeout, wrong result, ...) in a folder here: task IR, trace, "
           "worker log, result, and a request.json that cwm-worker "
           "--request runs again">,
    Option<"precheck", "precheck", "bool", /*default=*/"true",
           "Apply each picked schedule here before measuring it; one that "
           "does not apply is passed over for the next pick instead of "
           "costing a trial">,
    Option<"buildJobs", "build-jobs", "int64_t", /*default=*/"0",
           "target=cpu, local runner: candidates of a round built at once "
           "(then checked and timed one at a time, nothing built meanwhile); "
           "1 = build, check and time each candidate in one worker; 0 = one "
           "per core">,
    Option<"batchSize", "batch", "int64_t", /*default=*/"8",
           "Candidates measured per round (one reference per round)">,
    Option<"minMeasureSeconds", "min-time", "double", /*default=*/"0.2",
           "Minimum total timed seconds per candidate">,
    Option<"flushCache", "flush-cache", "std::string", /*default=*/"\"auto\"",
           "Flush the caches before every timed run: true, false, or auto "
           "(true for a CPU module of several tasks, a model whose tasks "
           "stream their weights from memory; false for a single task)">,
    Option<"workerPath", "worker", "std::string", /*default=*/"\"\"",
           "Path of cwm-worker (default: beside the running tool, then PATH)">,
    Option<"quiet", "quiet", "bool", /*default=*/"false",
           "Print only the summary table">,
    Option<"runnerName", "runner", "std::string", /*default=*/"\"local\"",
           "Where candidates are measured: local (this CPU; with export=, a "
           "batch folder for cwm-run), slurm (a job array of cwm-run shards "
           "per round over the shared folder export=, followed with squeue / "
           "sacct and recorded as each finishes, in this run)">,
    Option<"partition", "partition", "std::string", /*default=*/"\"\"",
           "runner=slurm: the partition of the measurement jobs">,
    Option<"account", "account", "std::string", /*default=*/"\"\"",
           "runner=slurm: the account the jobs are charged to">,
    Option<"timeLimit", "time-limit", "std::string", /*default=*/"\"\"",
           "runner=slurm: time limit of each job, as sbatch --time takes it "
           "(e.g. 10, 0:30:00; default: the partition's)">,
    Option<"gpusPerJob", "gpus-per-job", "int64_t", /*default=*/"-1",
           "runner=slurm: GPUs each job asks for (default: 1 for "
           "target=cuda, 0 for target=cpu)">,
    Option<"sbatchArguments", "sbatch", "std::string", /*default=*/"\"\"",
           "runner=slurm: more sbatch arguments, as given (e.g. "
           "'sbatch=--qos=high --constraint=h200')">,
    Option<"pollSeconds", "poll", "double", /*default=*/"2.0",
           "runner=slurm: seconds between looks at the jobs">,
    Option<"exportDir", "export", "std::string", /*default=*/"\"\"",
           "target=cuda: build the next candidates into this folder for "
           "cwm-run (manifest.txt, pending.jsonl)">,
    Option<"importResults", "import", "std::string", /*default=*/"\"\"",
           "target=cuda: add cwm-run's results (of the export folder) to the "
           "database first">,
    Option<"chip", "chip", "std::string", /*default=*/"\"sm_90\"",
           "target=cuda: GPU architecture">,
    Option<"allowTf32", "tf32", "bool", /*default=*/"false",
           "target=cuda: also try tensor cores for f32 matmuls, rounding "
           "their inputs to tf32 (results then match f32 within 5e-3, "
           "relative L2, instead of 1e-4)">,
    Option<"packWeights", "pack-weights", "bool", /*default=*/"true",
           "target=cpu: also try grouped convolutions with their weights "
           "relaid out for the output channels' vectors (pack_weights)">,
    Option<"packB", "pack-b", "bool", /*default=*/"true",
           "target=cpu: also try matmuls of a model's weights reading B from "
           "a copy packed as panels of the register tile's columns, made once "
           "per model (pack_b)">,
    Option<"raggedTiles", "ragged-tiles", "bool", /*default=*/"true",
           "target=cpu: also try matmul register tiles that do not divide "
           "the rows or columns, padded to full tiles (pad), where the "
           "dividing ones are single rows or odd-width vectors">,
    Option<"tileReduction", "tile-reduction", "bool", /*default=*/"true",
           "target=cpu: also try row reductions accumulated into vectors of "
           "partial sums (tile_reduction)">,
    Option<"winograd", "winograd", "bool", /*default=*/"true",
           "target=cpu: also try 3x3 stride-1 f32 convolutions as "
           "Winograd's F(2x2, 3x3) and F(4x4, 3x3) (winograd)">,
    Option<"mustTryDirect", "must-try-direct", "bool", /*default=*/"true",
           "target=cpu: on a convolution Winograd can take, measure "
           "must-try members of the direct schedules as well as of each "
           "Winograd tile size (a model that ranks Winograd first would "
           "otherwise never measure a direct one)">,
    Option<"remeasure", "remeasure", "int64_t", /*default=*/"0",
           "Measure this many of each task's best recorded schedules again "
           "(target=cpu: before searching; target=cuda: exported beside the "
           "new candidates), a same-run figure for them; the new record "
           "becomes the schedule's label">,
    Option<"remeasureCut", "remeasure-cut", "bool", /*default=*/"false",
           "target=cpu: first measure again each task's recorded successes "
           "that were timed fewer than 3 times (cut as too slow after one "
           "run, which a hiccup of the machine can cause); the new record "
           "becomes the schedule's label, the old one stays">,
    Option<"referenceSamples", "reference-samples", "int64_t",
           /*default=*/"262144",
           "target=cuda: outputs of more than 16 times this many "
           "elements are checked on a prime-strided sample of about this "
           "many (smaller batches; at least 1024)">,
    Option<"population", "population", "int64_t", /*default=*/"256",
           "Evolutionary search: candidates per generation">,
    Option<"generations", "generations", "int64_t", /*default=*/"3",
           "Evolutionary search: generations per round after the first "
           "population">,
    Option<"firstGenerations", "first-generations", "int64_t", /*default=*/"-1",
           "Evolutionary search: generations while a workload has no "
           "measured candidate yet; default (-1): as generations= (0: the "
           "first picks are the model's best of the rules' samples, better "
           "for a single round of picks)">,
    Option<"mustTry", "must-try", "int64_t", /*default=*/"-1",
           "Evolutionary search: members of each must-try family (kernel "
           "families a model trained before them cannot rank: pack_weights, "
           "tile_reduction, each winograd tile size, ...) measured before the "
           "ranking alone decides; default (-1): 5 of each Winograd tile "
           "size and of the direct schedules beside them, 8 wgmma kernels "
           "(GPU), 1 of the others">,
    Option<"diversity", "diversity", "double", /*default=*/"-1.0",
           "Evolutionary search: weight of a novelty bonus in each round's "
           "picks (decision values this workload's measurements have not "
           "tried yet); 0 = picks by predicted score alone; default (-1): "
           "1 with the world model, 0 with other cost models">,
    Option<"novelty", "novelty", "std::string", /*default=*/"\"mean\"",
           "How the novelty bonus measures a candidate: mean (mean over its "
           "decision values, a whole size list being one value; picks from "
           "the evolved population), rarest (its rarest decision atom, one "
           "entry of a size list) or coverage (untried atoms, each weighted "
           "by 1 / the values its place takes); rarest and coverage pick from "
           "every candidate the round scored">,
    Option<"library", "library", "std::string", /*default=*/"\"\"",
           "Schedule library (cwm-train --write-library): the fastest "
           "schedules of known tasks, carried over to a new task of the same "
           "structure from its nearest shapes into every round's population "
           "(the model ranks them with the samples)">,
    Option<"transfer", "transfer", "int64_t", /*default=*/"0",
           "First-round picks taken from the schedule library (before the "
           "workload's first measurement; 0: none)">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect",
                           "scf::SCFDialect", "tensor::TensorDialect",
                           "vector::VectorDialect",
                           "transform::TransformDialect"];
}

def ApplyBest : Pass<"cwm-apply-best", "ModuleOp"> {
  let summary = "Rewrite each task with its best record from a database";
  let description = [{
    Looks every task of the payload up in the database by its workload key and
    applies the fastest successful trace; tasks without a record keep the
    default lowering (a remark says so). Nothing is measured.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "Hardware target (cpu)">,
    Option<"database", "db", "std::string", /*default=*/"\"\"",
           "JSON-lines tuning database">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect",
                           "scf::SCFDialect", "tensor::TensorDialect",
                           "vector::VectorDialect",
                           "transform::TransformDialect"];
}

def ExportSpec : Pass<"cwm-export-spec", "ModuleOp"> {
  let summary = "Write a database's best schedules as a Transform library";
  let description = [{
    For every CPU task of the database with a tuned best record, writes three
    `transform.named_sequence`s to `spec`: `@match_<key>` (the task's anchor by
    op name, loop extents and iterator kinds, and the names of its direct
    producers and consumers in the task: no cwm tags needed), `@tag_<key>`
    (annotates the matched anchor and the task's other ops, reached from it
    by producer / consumer navigation, as cwm's schedules find them) and
    `@apply_<key>` (the schedule, as `--cwm-apply-trace print-script=true`
    prints it); `@__transform_main` tags with `transform.foreach_match` and
    then includes every apply sequence. Stock `mlir-opt
    --transform-preload-library=transform-library-paths=SPEC
    --transform-interpreter` applies it to an untagged payload. The payload
    given to the pass is left as it is.
  }];
  let options = [
    Option<"database", "db", "std::string", /*default=*/"\"\"",
           "JSON-lines tuning database to export">,
    Option<"spec", "spec", "std::string", /*default=*/"\"-\"",
           "Where to write the Transform library ('-': stdout)">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect",
                           "tensor::TensorDialect", "arith::ArithDialect",
                           "math::MathDialect"];
}

def RankSchedules : Pass<"cwm-rank-schedules", "ModuleOp"> {
  let summary = "Rank candidate schedules of each task with the world model";
  let description = [{
    An analysis: for every task it rolls candidate schedules through the
    world model's latent dynamics (no schedule is applied to the IR and
    nothing is measured) and annotates the task's anchor op with the best
    `top` of them, best first:

    ```mlir
    linalg.matmul {cwm.ranked_from = 256 : i64, cwm.ranked_schedules = [
        {rank = 0 : i64, score = 1.73 : f64, trace = "{\"actions\":[...]}"}, ...],
        cwm.ranked_task = "mm"} ...
    ```

    (`ranked_from`: how many distinct candidates were ranked; `ranked_task`:
    the task's name, as in the tuning database.) Unless `print=false`, each
    task's ranking is also printed on stderr as a table: rank, score (higher
    is predicted faster) and the schedule's actions in short form
    (`tile@1 sizes=[0,16,1]`: the action, the task op it targets, its
    decisions).

    Candidates are `candidates` samples of the target's search space, or the
    traces of `traces=FILE` (a JSON list of traces, each in the versioned
    trace form; every trace that fits the task is ranked). The model is
    `model=FILE`, else the pre-trained model shipped for the target.
  }];
  let options = [
    Option<"target", "target", "std::string", /*default=*/"\"cpu\"",
           "Hardware target (cpu)">,
    Option<"modelPath", "model", "std::string", /*default=*/"\"\"",
           "World-model file (default: the pre-trained model for the target)">,
    Option<"candidates", "candidates", "int64_t", /*default=*/"256",
           "Schedules sampled per task">,
    Option<"top", "top", "int64_t", /*default=*/"5",
           "Ranked schedules kept per task">,
    Option<"tracesFile", "traces", "std::string", /*default=*/"\"\"",
           "Rank these traces (JSON list) instead of sampling">,
    Option<"seed", "seed", "int64_t", /*default=*/"0", "Sampling seed">,
    Option<"threads", "threads", "int64_t", /*default=*/"0",
           "Threads the schedules are ranked for (0 = all cores)">,
    Option<"print", "print", "bool", /*default=*/"true",
           "Print each task's ranking as a table on stderr">,
  ];
  let dependentDialects = ["func::FuncDialect", "linalg::LinalgDialect"];
}

#endif // CWM_TRANSFORMS_PASSES
