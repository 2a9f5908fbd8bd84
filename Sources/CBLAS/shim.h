// The one door to OpenBLAS's CBLAS (Debian: libopenblas-dev, pkg-config `openblas`).
// Only Sources/Tensor/Kernels/BLAS.swift uses it.
#pragma once
#include <cblas.h>

