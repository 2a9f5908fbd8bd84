"""The official jupyter_kernel_test suite, with a sample of this language for every test."""

import unittest

import jupyter_kernel_test


class SwiftNNKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "swift-nn"
    language_name = "swift-nn"
    file_extension = ".snn"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'eprint("something went wrong")'

    completion_samples = [
        {"text": "linsp", "matches": {"linspace"}},
        {"text": "whi", "matches": {"while"}},
        {"text": "enumer", "matches": {"enumerate"}},
    ]

    complete_code_samples = [
        "1 + 2",
        "x = [1, 2, 3]",
        "fn f(x) = x^2",
        "for i in range(3) { print(i) }",
        "if true { 1 } else { 2 }",
        "",
    ]
    incomplete_code_samples = [
        "fn f(x) {",
        "for i in range(3) {",
        "x = [1, 2,",
        "y = (1 +",
        "z = 1 +",
        "if x > 0 {\n    print(x)",
    ]
    invalid_code_samples = [
        "1 +* 2",
        "x = )",
        "for = 3",
    ]

    code_page_something = "?zeros"
    code_generate_error = "undefined_name + 1"

    code_execute_result = [
        {"code": "1 + 2", "result": "3"},
        {"code": "7 / 2", "result": "3.5"},
        {"code": '"swift"', "result": '"swift"'},
        {"code": "plot([1, 4, 9])", "mime": "image/png"},
        {"code": "plot([1, 4, 9])", "mime": "image/svg+xml"},
    ]
    code_display_data = [
        {"code": "display(plot([1, 4, 9]))", "mime": "image/png"},
        {"code": "display(plot([1, 4, 9]))", "mime": "image/svg+xml"},
    ]

    code_history_pattern = "1 + *"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "zeros"
    code_clear_output = "clear_output()"


if __name__ == "__main__":
    unittest.main()
