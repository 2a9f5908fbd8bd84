"""Kernel start-up (spawn to kernel_info_reply) and execute round trip (execute_request to
idle) for swift-nn against ipykernel, measured in the same run."""

import statistics
import time

from jupyter_client.manager import KernelManager

from common import Result


def _startup(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    start = time.perf_counter()
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    elapsed = time.perf_counter() - start
    return km, kc, elapsed


def _round_trip(kc, code, count):
    times = []
    for _ in range(count):
        start = time.perf_counter()
        msg_id = kc.execute(code)
        while True:
            msg = kc.get_iopub_msg(timeout=30)
            if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                    and msg["content"]["execution_state"] == "idle"):
                break
        times.append(time.perf_counter() - start)
        kc.get_shell_msg(timeout=30)
    return statistics.median(times)


def _measure(kernel_name, code, starts, trips):
    startups, trip = [], None
    for i in range(starts):
        km, kc, elapsed = _startup(kernel_name)
        startups.append(elapsed)
        if i == 0:
            _round_trip(kc, code, 5)  # warm up
            trip = _round_trip(kc, code, trips)
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return statistics.median(startups), trip


def benchmarks(smoke):
    starts, trips = (2, 20) if smoke else (7, 300)
    ours_start, ours_trip = _measure("swift-nn", "1 + 1", starts, trips)
    ipy_start, ipy_trip = _measure("python3", "1 + 1", starts, trips)
    return [
        Result("kernel start-up (spawn to kernel_info_reply)", ours_start, ipy_start,
               "ipykernel", ">= 5x faster", 5.0),
        Result("execute round trip, trivial cell (request to idle)", ours_trip, ipy_trip,
               "ipykernel", ">= 5x faster", 5.0),
    ]
