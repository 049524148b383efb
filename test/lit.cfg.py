# -*- Python -*-
import os

import lit.formats
from lit.llvm import llvm_config

config.name = "CWM"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "Unit", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.cwm_obj_root, "test")

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.cwm_tools_dir, append_path=True)
config.substitutions.append(("%cwm_src", config.cwm_src_root))
config.substitutions.append(("%cwm_tools", config.cwm_tools_dir))
config.substitutions.append(("%cwm_python", os.path.join(config.cwm_obj_root, "python")))
# The out-of-tree embedding examples, built by scripts/build.sh against the
# installed package (a missing build makes their tests fail, not skip).
# What `cmake --install` laid out (scripts/build.sh installs every full build).
config.substitutions.append(("%cwm_install_python", config.cwm_install_python))
config.substitutions.append(("%cwm_build", config.cwm_obj_root))
config.substitutions.append(("%cwm_install", config.cwm_install_prefix))
config.substitutions.append(("%cwm_examples", os.path.join(config.cwm_obj_root, "examples")))
llvm_config.add_tool_substitutions(["cwm-opt", "cwm-compile", "cwm-worker", "cwm-train", "cwm-cuda-smoke", "cwm-run"], [config.cwm_tools_dir])

# Slurm tests start a one-node cluster of their own (scripts/slurm-local.sh):
# they need Debian's slurmctld, slurmd and munge, and root.
if (os.path.exists("/usr/sbin/slurmctld") and os.path.exists("/usr/sbin/munged")
        and hasattr(os, "geteuid") and os.geteuid() == 0):
    config.available_features.add("slurm")

# GPU tests (REQUIRES: cuda) run only where an NVIDIA driver and device exist.
if os.path.exists("/dev/nvidia0") or os.path.exists("/dev/nvidiactl"):
    config.available_features.add("cuda")

