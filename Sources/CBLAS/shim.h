// The one door to OpenBLAS's CBLAS (Debian: libopenblas-dev, pkg-config `openblas`).
// Only Sources/Tensor/Kernels/BLAS.swift uses it.
#pragma once
#include <cblas.h>

// OpenBLAS's own thread pool (not part of CBLAS; exported by its pthreads build): stops the
// worker threads, which OpenBLAS starts when it loads and which spin for about 0.1 s before
// they sleep. The next product that asks for more than one thread starts them again.
void blas_thread_shutdown_(void);
