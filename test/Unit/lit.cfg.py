# -*- Python -*-
import os
import lit.formats

config.name = "CWM-Unit"
config.suffixes = []
config.test_source_root = config.cwm_unittests_dir
config.test_exec_root = config.cwm_unittests_dir
config.test_format = lit.formats.GoogleTest(".", "UnitTests")
