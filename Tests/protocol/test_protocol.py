"""Swift-NN's own protocol tests: signing, robustness, interrupts, threads, lifecycle."""

import os
import signal
import time
from queue import Empty

import pytest
import zmq
from jupyter_client.session import Session

from conftest import TIMEOUT, collect_iopub, kernel_pid, rss_kib, run, value_of


def shell_socket(km):
    """A DEALER socket of our own on the kernel's shell port."""
    info = km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"{info['transport']}://{info['ip']}:{info['shell_port']}")
    return sock


def wire(session, msg_type, content):
    """The multipart frames of a message signed by `session`."""
    msg = session.msg(msg_type, content)
    return session.serialize(msg), msg


def execute_content(code):
    return {"code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}


def expect_no_reply(sock, wait=1.0):
    assert sock.poll(int(wait * 1000)) == 0, "the kernel answered a message it should have dropped"


def test_forged_signature_is_not_executed(kernel):
    km, kc = kernel
    sock = shell_socket(km)
    forger = Session(key=b"not-the-key", username="mallory")
    frames, _ = wire(forger, "execute_request", execute_content("forged = 1"))
    sock.send_multipart(frames)
    expect_no_reply(sock)
    reply, _ = run(kc, "forged")
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "NameError"


def test_unsigned_message_is_not_executed(kernel):
    km, kc = kernel
    sock = shell_socket(km)
    unsigned = Session(key=b"", username="mallory")
    frames, _ = wire(unsigned, "execute_request", execute_content("unsigned = 1"))
    sock.send_multipart(frames)
    expect_no_reply(sock)
    reply, _ = run(kc, "unsigned")
    assert reply["content"]["ename"] == "NameError"


def test_replayed_message_runs_once(kernel):
    km, kc = kernel
    run(kc, "counter = 0")
    sock = shell_socket(km)
    signer = Session(key=km.session.key, username="alice")
    frames, _ = wire(signer, "execute_request", execute_content("counter += 1"))
    sock.send_multipart(frames)
    assert sock.poll(TIMEOUT * 1000), "no reply to a correctly signed message"
    sock.recv_multipart()
    sock.send_multipart(frames)  # the same bytes again
    expect_no_reply(sock)
    assert value_of(kc, "counter") == "1"


@pytest.mark.parametrize("frames", [
    [b"garbage"],
    [b"<IDS|MSG>"],
    [b"<IDS|MSG>", b"sig", b"{", b"}", b"{}", b"{}"],
    [b"<IDS|MSG>", b"", b"not json", b"{}", b"{}", b"{}"],
    [b"<IDS|MSG>", b"", b"[1, 2]", b"null", b"7", b"\xff\xfe"],
    [os.urandom(64) for _ in range(7)],
])
def test_garbage_frames_do_not_end_the_kernel(kernel, frames):
    km, kc = kernel
    run(kc, "kept = 5")
    info = km.get_connection_info()
    for port in ("shell_port", "control_port", "stdin_port"):
        sock = zmq.Context.instance().socket(zmq.DEALER)
        sock.linger = 0
        sock.connect(f"{info['transport']}://{info['ip']}:{info[port]}")
        sock.send_multipart(frames)
        sock.close()
    time.sleep(0.2)
    assert km.is_alive()
    assert value_of(kc, "kept") == "5"


def test_interrupt_by_message_keeps_state(kernel):
    km, kc = kernel
    run(kc, "x = 42")
    msg_id = kc.execute("while true { x = x }")
    time.sleep(0.5)
    km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on control
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "error"
    assert reply["content"]["ename"] == "Interrupted"
    assert value_of(kc, "x") == "42"


def test_sigint_interrupts_and_keeps_state(kernel):
    km, kc = kernel
    run(kc, "y = 7")
    kc.execute("i = 0; while true { i += 1 }")
    time.sleep(0.5)
    os.kill(kernel_pid(km), signal.SIGINT)
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["ename"] == "Interrupted"
    assert value_of(kc, "y") == "7"
    assert float(value_of(kc, "i")) > 0


def test_fit_shows_a_live_loss_curve_updated_in_place(kernel):
    km, kc = kernel
    reply, messages = run(kc, "X, y = moons(200, seed=0)\nm = mlp([2, 16, 2])\n"
                              "h = fit(m, X, y, loss=cross_entropy, opt=Adam(m.parameters(), lr=0.01), "
                              "epochs=30, batch_size=20)")
    assert reply["content"]["status"] == "ok", reply["content"]
    shown = {m["content"]["transient"]["display_id"]: m["content"]["data"]
             for m in messages if m["msg_type"] == "display_data"
             and "display_id" in m["content"].get("transient", {})}
    curves = [i for i, data in shown.items() if "image/png" in data and "image/svg+xml" in data]
    assert curves, "fit showed no figure with a display id"
    updates = [m for m in messages if m["msg_type"] == "update_display_data"]
    assert {u["content"]["transient"]["display_id"] for u in updates} <= set(shown)
    assert any(u["content"]["transient"]["display_id"] in curves for u in updates), \
        "the loss curve was never updated in place"
    progress = [u["content"]["data"]["text/plain"] for u in updates
                if "image/png" not in u["content"]["data"]]
    assert progress and "30/30" in progress[-1], progress[-1:]


def test_interrupting_fit_keeps_the_weights_learnt(kernel):
    km, kc = kernel
    run(kc, "X, y = moons(2000, seed=0)\nm = mlp([2, 64, 64, 2])\nw0 = m.parameters()[0].detach()")
    msg_id = kc.execute("fit(m, X, y, loss=cross_entropy, opt=SGD(m.parameters(), lr=0.1), "
                        "epochs=100000, batch_size=10)")
    time.sleep(1.5)
    km.interrupt_kernel()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["ename"] == "Interrupted"
    assert value_of(kc, "sum(abs(m.parameters()[0] - w0)).item() > 0") == "true"
    assert value_of(kc, "accuracy(m(X), y) > 0.5") == "true"


def test_heartbeat_answers_while_a_cell_runs(kernel):
    km, kc = kernel
    info = km.get_connection_info()
    kc.execute("while true { }")
    time.sleep(0.3)
    hb = zmq.Context.instance().socket(zmq.REQ)
    hb.linger = 0
    hb.connect(f"{info['transport']}://{info['ip']}:{info['hb_port']}")
    hb.send(b"ping")
    assert hb.poll(5000), "heartbeat did not answer while a cell was running"
    assert hb.recv() == b"ping"
    hb.close()
    km.interrupt_kernel()
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["ename"] == "Interrupted"


def test_kernel_info_on_control_while_a_cell_runs(kernel):
    km, kc = kernel
    kc.execute("while true { }")
    time.sleep(0.3)
    msg = kc.session.msg("kernel_info_request", {})
    kc.control_channel.send(msg)
    reply = kc.control_channel.get_msg(timeout=5)
    assert reply["msg_type"] == "kernel_info_reply"
    assert reply["content"]["protocol_version"].startswith("5.")
    km.interrupt_kernel()
    assert kc.get_shell_msg(timeout=TIMEOUT)["content"]["ename"] == "Interrupted"


def test_shutdown_on_control_ends_the_process(kernel):
    km, kc = kernel
    process = km.provisioner.process
    msg = kc.session.msg("shutdown_request", {"restart": False})
    kc.control_channel.send(msg)
    reply = kc.control_channel.get_msg(timeout=5)
    assert reply["msg_type"] == "shutdown_reply"
    assert reply["content"]["restart"] is False
    # Liveness, not speed: the process must end by itself (the spec gives it a second or so).
    process.wait(timeout=5)


def test_restart_reply_says_restart(kernel):
    km, kc = kernel
    msg = kc.session.msg("shutdown_request", {"restart": True})
    kc.control_channel.send(msg)
    reply = kc.control_channel.get_msg(timeout=5)
    assert reply["content"]["restart"] is True


def test_stop_on_error_aborts_queued_executes(kernel):
    km, kc = kernel
    # The failing cell first spends 0.3 s, so the next two requests are surely queued when
    # its error reply goes out, even on a loaded machine (with a bare "nope + 1" a CI run
    # under load saw the client's later sends arrive after the reply, and they ran).
    first = kc.execute("t0 = time()\nwhile time() - t0 < 0.3 { t0 = t0 }\nnope + 1")
    second = kc.execute("after = 1")
    third = kc.execute("after = 2")
    replies = {}
    while len(replies) < 3:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        replies[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert replies == {first: "error", second: "aborted", third: "aborted"}
    reply, _ = run(kc, "after")
    assert reply["content"]["ename"] == "NameError"
    assert value_of(kc, "1 + 1") == "2"  # the queue is open again


def test_a_request_sent_after_an_error_reply_runs(kernel):
    # Only requests queued before the error reply is sent are aborted; one sent in answer to
    # the reply (as a frontend does cell by cell) must run, however fast it arrives.
    km, kc = kernel
    for attempt in range(30):
        reply, _ = run(kc, "fn deep(n) = deep(n + 1)\ndeep(0)" if attempt % 2 else "nope + 1")
        assert reply["content"]["status"] == "error"
        assert value_of(kc, str(attempt)) == str(attempt)


def test_stop_on_error_false_keeps_going(kernel):
    km, kc = kernel
    kc.execute("nope + 1", stop_on_error=False)
    second = kc.execute("after = 3")
    statuses = {}
    while second not in statuses:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        statuses[reply["parent_header"]["msg_id"]] = reply["content"]["status"]
    assert statuses[second] == "ok"
    assert value_of(kc, "after") == "3"


def test_silent_publishes_nothing_and_keeps_the_count(kernel):
    km, kc = kernel
    reply, _ = run(kc, "1")
    count = reply["content"]["execution_count"]
    reply, messages = run(kc, 'print("shh"); 5', silent=True)
    kinds = [m["msg_type"] for m in messages]
    assert "stream" not in kinds and "execute_result" not in kinds and "execute_input" not in kinds
    reply, _ = run(kc, "2")
    assert reply["content"]["execution_count"] == count + 1


def test_user_expressions_are_evaluated_after_the_cell(kernel):
    km, kc = kernel
    expressions = {"next": "counter + 1", "assign": "counter = 0", "missing": "no_such_name",
                   "printed": "shout(7)"}
    reply, messages = run(kc, "counter = 41\nfn shout(t) { print(t); t }", user_expressions=expressions)
    results = reply["content"]["user_expressions"]
    assert results["next"] == {"status": "ok", "data": {"text/plain": "42"}, "metadata": {}}
    assert results["assign"]["status"] == "error" and results["assign"]["ename"] == "SyntaxError"
    assert results["missing"]["ename"] == "NameError"
    assert results["printed"]["data"] == {"text/plain": "7"}
    # Evaluating a user expression publishes nothing: its print goes nowhere, its value only
    # into the reply (the cell itself is an assignment and a definition, with no output).
    kinds = [m["msg_type"] for m in messages]
    assert "stream" not in kinds and "execute_result" not in kinds, kinds
    assert value_of(kc, "counter") == "41"


def test_execution_count_and_execute_input(kernel):
    km, kc = kernel
    reply1, messages = run(kc, "a = 1")
    inputs = [m for m in messages if m["msg_type"] == "execute_input"]
    assert inputs and inputs[0]["content"]["code"] == "a = 1"
    reply2, _ = run(kc, "a")
    assert reply2["content"]["execution_count"] == reply1["content"]["execution_count"] + 1


def test_every_request_is_wrapped_in_busy_and_idle(kernel):
    km, kc = kernel
    requests = [
        kc.kernel_info(), kc.complete("ra"), kc.inspect("range"), kc.is_complete("1 +"),
        kc.history(hist_access_type="tail", n=1), kc.comm_info(),
    ]
    for msg_id in requests:
        kc.get_shell_msg(timeout=TIMEOUT)
        states = [m["content"]["execution_state"] for m in collect_iopub(kc, msg_id)
                  if m["msg_type"] == "status"]
        assert states == ["busy", "idle"], (msg_id, states)


def test_complete_counts_unicode_scalars(kernel):
    km, kc = kernel
    run(kc, "θ_angle = 1")
    code = 's = "😀 é"; θ_an'
    msg_id = kc.complete(code, len(code))
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    content = reply["content"]
    assert "θ_angle" in content["matches"]
    assert content["cursor_end"] == len(code)  # Python's len counts code points
    assert content["cursor_start"] == len(code) - len("θ_an")
    types = content["metadata"]["_jupyter_types_experimental"]
    assert any(t["text"] == "θ_angle" for t in types)


def test_is_complete_gives_an_indent(kernel):
    km, kc = kernel
    kc.is_complete("fn f(x) {")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "incomplete"
    assert reply["content"]["indent"] == "    "


def test_comm_open_for_an_unknown_target_is_closed(kernel):
    km, kc = kernel
    msg = kc.session.msg("comm_open", {"comm_id": "c0ffee", "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            iopub = kc.get_iopub_msg(timeout=1)
        except Empty:
            continue
        if iopub["msg_type"] == "comm_close":
            assert iopub["content"]["comm_id"] == "c0ffee"
            return
    raise AssertionError("no comm_close for an unknown comm target")


def test_comm_info_is_empty(kernel):
    km, kc = kernel
    kc.comm_info()
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["content"]["status"] == "ok"
    assert reply["content"]["comms"] == {}


def test_input_round_trip_on_stdin(kernel):
    km, kc = kernel
    msg_id = kc.execute('name = input("who? ")', allow_stdin=True)
    request = kc.get_stdin_msg(timeout=TIMEOUT)
    assert request["msg_type"] == "input_request"
    assert request["content"]["prompt"] == "who? "
    kc.input("Ada")
    reply = kc.get_shell_msg(timeout=TIMEOUT)
    assert reply["parent_header"]["msg_id"] == msg_id
    assert reply["content"]["status"] == "ok"
    assert value_of(kc, "name") == '"Ada"'


def test_input_without_stdin_is_a_clear_error(kernel):
    km, kc = kernel
    reply, _ = run(kc, 'input("who? ")', allow_stdin=False)
    assert reply["content"]["status"] == "error"
    assert "stdin" in reply["content"]["evalue"]


def test_pager_payload_for_help(kernel):
    km, kc = kernel
    reply, _ = run(kc, "?range")
    payload = reply["content"]["payload"]
    assert payload and payload[0]["source"] == "page"
    assert "range" in payload[0]["data"]["text/plain"]


def test_error_reply_carries_the_traceback(kernel):
    km, kc = kernel
    reply, messages = run(kc, "x = 1\ny = x + nope")
    content = reply["content"]
    assert content["ename"] == "NameError"
    errors = [m for m in messages if m["msg_type"] == "error"]
    assert errors and errors[0]["content"]["traceback"] == content["traceback"]
    assert any("line 2" in line for line in content["traceback"])


def test_nan_never_reaches_json(kernel):
    km, kc = kernel
    # A NaN or infinity in a result must serialise as valid JSON (jupyter_client would fail to
    # parse NaN otherwise).
    reply, messages = run(kc, "0 / 0")
    assert reply["content"]["status"] in ("ok", "error")


def test_a_thousand_executes_without_memory_growth(kernel):
    km, kc = kernel
    pid = kernel_pid(km)
    for _ in range(100):
        run(kc, "v = 1 + 2")
    before = rss_kib(pid)
    for _ in range(1000):
        run(kc, "v = 1 + 2")
    growth = rss_kib(pid) - before
    assert growth < 16 * 1024, f"RSS grew by {growth} KiB over 1000 executes"
