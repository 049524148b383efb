# `cpack -G DEB` (run in the build folder after a build) makes a Debian
# package of what `cmake --install` lays out, for the prefix /usr: tools,
# libraries and headers, the CMake package, the Python package (in
# /usr/lib/python3.X/dist-packages), the shipped models and the documentation.
# Its dependencies are the Debian packages cwm is built against (LLVM/MLIR
# 22 with the MLIR runner utilities and LLVM's OpenMP runtime that CPU
# candidates load, LibTorch for the world model, XGBoost for the snapshot
# model, numpy for the Python runtime). scripts/package-deb.sh builds it and
# checks it from a scratch install.
set(CPACK_PACKAGE_NAME cwm)
set(CPACK_PACKAGE_VENDOR "cwm developers")
set(CPACK_PACKAGE_CONTACT "cwm developers <cwm@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "compiler-world-model auto-scheduler for MLIR Linalg (CPU and CUDA)")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_RESOURCE_FILE_LICENSE ${PROJECT_SOURCE_DIR}/LICENSE)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_DEPENDS
  "libmlir-22, libllvm22, libomp-22-dev, libtorch1.13, libxgboost0, python3, python3-numpy")
# gzip: xz takes minutes on two cores for the static libraries.
set(CPACK_DEBIAN_COMPRESSION_TYPE gzip)
include(CPack)
