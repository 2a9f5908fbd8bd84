"""numpy checks of NN's .npy reader and writer (Sources/NN/Data/NPYFile.swift).

numpy writes arrays of several dtypes and orders into a temporary folder, the Swift test
`NPYInteropTests` (run here with SWIFT_NN_NPY_DIR set) reads each back and re-saves it as
float32, and writes its own fixed tensors; numpy then checks the values, and that Swift's
files are byte for byte what `numpy.save` writes for the same float32 array. Needs: numpy.
"""
import os
import subprocess
import tempfile

import pytest

np = pytest.importorskip("numpy")

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

INPUTS = {
    "f4": np.array([[1.5, -2.0, 3.25], [0.0, 7.0, -0.125]], dtype=np.float32),
    "f8": np.linspace(-1.0, 1.0, 7),
    "i8": np.arange(-3, 9, dtype=np.int64).reshape(3, 4),
    "i2_big_endian": np.array([1, -2, 300], dtype=">i2"),
    "u1": np.array([0, 7, 255], dtype=np.uint8),
    "bool": np.array([True, False, True]),
    "fortran": np.asfortranarray(np.arange(12, dtype=np.float32).reshape(3, 4)),
    "scalar": np.array(4.5, dtype=np.float32),
    "rank3": np.arange(24, dtype=np.float64).reshape(2, 3, 4) / 7,
}

FIXED = {
    "scalar": np.array(2.5, dtype=np.float32),
    "vector": np.array([0, -1.5, 3.25, 1e-8, 65504], dtype=np.float32),
    "matrix": np.array([[1, 2, 3], [4, 5, 6]], dtype=np.float32),
    "empty": np.zeros((0, 4), dtype=np.float32),
    "cube": (np.arange(8, dtype=np.float32) / np.float32(3)).reshape(2, 2, 2),
}


@pytest.fixture(scope="module")
def exchanged():
    d = tempfile.mkdtemp(prefix="swift-nn-npy-")
    for name, array in INPUTS.items():
        np.save(os.path.join(d, "numpy_%s.npy" % name), array)
    env = dict(os.environ, SWIFT_NN_NPY_DIR=d)
    subprocess.run(["swift", "test", *os.environ.get("SWIFT_TEST_FLAGS", "").split(), "--filter", "NPYInteropTests"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return d


@pytest.mark.parametrize("name", sorted(INPUTS))
def test_swift_reads_what_numpy_writes(exchanged, name):
    back = np.load(os.path.join(exchanged, "swift_%s.npy" % name))
    expected = INPUTS[name].astype(np.float32)
    assert back.dtype == np.float32
    assert back.shape == expected.shape
    assert np.array_equal(back, expected)


@pytest.mark.parametrize("name", sorted(FIXED))
def test_swift_writes_what_numpy_writes(exchanged, name):
    path = os.path.join(exchanged, "fixed_%s.npy" % name)
    with open(path, "rb") as f:
        swift_bytes = f.read()
    reference = os.path.join(exchanged, "reference_%s.npy" % name)
    np.save(reference, FIXED[name])
    with open(reference, "rb") as f:
        numpy_bytes = f.read()
    assert swift_bytes == numpy_bytes
    assert np.array_equal(np.load(path), FIXED[name])
