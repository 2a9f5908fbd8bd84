"""Shared fixtures for the protocol tests: a running swift-nn kernel and its client."""

import os
import time
from queue import Empty

import pytest
from jupyter_client.manager import start_new_kernel

TIMEOUT = 30


@pytest.fixture
def kernel():
    """A fresh swift-nn kernel (manager, blocking client), shut down afterwards."""
    km, kc = start_new_kernel(kernel_name="swift-nn")
    try:
        yield km, kc
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)


def run(kc, code, timeout=TIMEOUT, **kwargs):
    """Executes `code`; returns (reply, iopub messages between busy and idle)."""
    msg_id = kc.execute(code, **kwargs)
    reply = kc.get_shell_msg(timeout=timeout)
    while reply["parent_header"].get("msg_id") != msg_id:
        reply = kc.get_shell_msg(timeout=timeout)
    return reply, collect_iopub(kc, msg_id, timeout)


def collect_iopub(kc, msg_id, timeout=TIMEOUT):
    """Iopub messages parented to `msg_id`, up to and including its idle status."""
    messages = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            msg = kc.get_iopub_msg(timeout=1)
        except Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        messages.append(msg)
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return messages
    raise AssertionError(f"no idle status for {msg_id} within {timeout}s: {messages}")


def value_of(kc, expression):
    """The text/plain result of evaluating `expression` in the kernel."""
    reply, messages = run(kc, expression)
    assert reply["content"]["status"] == "ok", reply["content"]
    results = [m for m in messages if m["msg_type"] == "execute_result"]
    assert results, f"{expression!r} gave no result: {messages}"
    return results[-1]["content"]["data"]["text/plain"]


def rss_kib(pid):
    """Resident set size of a process in KiB, from /proc."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise AssertionError("no VmRSS")


def kernel_pid(km):
    """The kernel's process id."""
    return km.provisioner.process.pid


@pytest.fixture(scope="session")
def kernel_binary():
    """The swift-nn-kernel binary under test."""
    path = os.environ.get("SWIFT_NN_KERNEL")
    if not path:
        pytest.fail("SWIFT_NN_KERNEL is not set: run the tests with `make test`")
    return path
