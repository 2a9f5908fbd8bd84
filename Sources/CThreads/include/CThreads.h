// Thread placement for Plot's fork-join (Sources/Plot/ForkJoin.swift), the one thing Swift's
// Glibc module does not reach: CPU affinity is a GNU extension (_GNU_SOURCE), defined here in C.
#pragma once
#include <pthread.h>

/// How many CPUs this process may run on (its affinity mask; at least 1).
int snn_usable_cpu_count(void);

/// Creates a joinable thread running `start(argument)` that the kernel may place on any CPU
/// this process may use except the one the caller runs on (when there is another such CPU).
/// Returns pthread_create's result (0 on success).
int snn_spawn_elsewhere(pthread_t *thread, void *(*start)(void *), void *argument);
