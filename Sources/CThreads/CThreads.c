// See include/CThreads.h.
#define _GNU_SOURCE
#include "CThreads.h"
#include <sched.h>
#include <unistd.h>

int snn_usable_cpu_count(void) {
#ifdef __linux__
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int count = CPU_COUNT(&set);
        return count > 0 ? count : 1;
    }
#endif
    long online = sysconf(_SC_NPROCESSORS_ONLN);
    return online > 0 ? (int)online : 1;
}

int snn_spawn_elsewhere(pthread_t *thread, void *(*start)(void *), void *argument) {
    pthread_attr_t attributes;
    int status = pthread_attr_init(&attributes);
    if (status != 0) return status;
#ifdef __linux__
    cpu_set_t set;
    int current = sched_getcpu();
    if (current >= 0 && current < CPU_SETSIZE && sched_getaffinity(0, sizeof set, &set) == 0) {
        CPU_CLR(current, &set);
        // With no other CPU allowed, the new thread inherits the caller's mask.
        if (CPU_COUNT(&set) > 0) pthread_attr_setaffinity_np(&attributes, sizeof set, &set);
    }
#endif
    status = pthread_create(thread, &attributes, start, argument);
    pthread_attr_destroy(&attributes);
    return status;
}
