"""Every notebook in notebooks/ runs headless with nbclient; a failing cell or a false assert
fails the run. A small notebook also goes through `jupyter nbconvert --to html --execute`."""

import os
import pathlib
import subprocess
import sys

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = pathlib.Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs(path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, kernel_name="swift-nn", timeout=600,
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()  # raises CellExecutionError on the first failing cell
    for cell in notebook.cells:
        if "raises-exception" in cell.metadata.get("tags", []):
            continue  # a cell that shows an error on purpose (nbclient's own convention)
        for output in cell.get("outputs", []):
            assert output.get("output_type") != "error", (cell.source, output)


def small_notebook():
    cells = [
        nbformat.v4.new_code_cell('print("hello from swift-nn")'),
        nbformat.v4.new_code_cell("x = [1, 2, 3]\nx * 2"),
        nbformat.v4.new_code_cell("display(plot([1, 4, 9, 16]))"),
        nbformat.v4.new_code_cell('assert 1 + 1 == 2, "arithmetic works"'),
    ]
    notebook = nbformat.v4.new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {"name": "swift-nn", "display_name": "Swift-NN",
                                       "language": "swift-nn"}
    return notebook


def test_small_notebook_with_nbclient():
    notebook = small_notebook()
    NotebookClient(notebook, kernel_name="swift-nn", timeout=120).execute()
    outputs = [o for c in notebook.cells for o in c.outputs]
    assert any(o.get("text", "").strip() == "hello from swift-nn" for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_small_notebook_with_nbconvert(tmp_path):
    source = tmp_path / "small.ipynb"
    nbformat.write(small_notebook(), source)
    jupyter = pathlib.Path(sys.executable).parent / "jupyter"
    subprocess.run([str(jupyter), "nbconvert", "--to", "html", "--execute",
                    "--ExecutePreprocessor.kernel_name=swift-nn", str(source)],
                   check=True, capture_output=True, timeout=300)
    html = (tmp_path / "small.html").read_text()
    assert "hello from swift-nn" in html
    assert "data:image/png;base64," in html or "<svg" in html
