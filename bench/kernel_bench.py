"""Kernel start-up (spawn to kernel_info_reply) and execute round trip (execute_request to
idle) for swift-nn against ipykernel, measured in the same run.

Start-up is timed on a DEALER socket of our own with a 1 ms reconnect interval: jupyter_client's
wait_for_ready always spends a further 0.2 s flushing iopub, and ZeroMQ's default 100 ms
reconnect interval would round both kernels' times up to its steps.
"""

import statistics
import time

import zmq
from jupyter_client.manager import KernelManager

from common import Result


def _startup(kernel_name):
    km = KernelManager(kernel_name=kernel_name)
    start = time.perf_counter()
    km.start_kernel()
    info = km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.setsockopt(zmq.RECONNECT_IVL, 1)
    sock.linger = 0
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    km.session.send(sock, km.session.msg("kernel_info_request", {}))
    while not sock.poll(5):
        if time.perf_counter() - start > 60:
            raise RuntimeError(f"{kernel_name} did not answer kernel_info within 60 s")
    sock.recv_multipart()
    elapsed = time.perf_counter() - start
    sock.close()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
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
