// Thread placement for Plot's fork-join (Sources/Plot/Support/ForkJoin.swift), the one thing Swift's
// Glibc module does not reach: CPU affinity is a GNU extension (_GNU_SOURCE), defined here in C.
#pragma once
#include <pthread.h>

/// How many CPUs the calling thread may run on (its affinity mask; at least 1). For threads
/// that no one has restricted, that is every CPU the process may use.
int snn_usable_cpu_count(void);

/// Creates a joinable thread running `start(argument)` that the kernel may place on any CPU
/// the calling thread may use except the one it runs on now. When there is no such CPU, the
/// new thread inherits the caller's mask, as pthread_create does. Returns pthread_create's
/// result (0 on success).
int snn_spawn_elsewhere(pthread_t *thread, void *(*start)(void *), void *argument);
