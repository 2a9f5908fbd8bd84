import Testing
@testable import Lang

/// Tensor literals, operators, indexing dispatch, iteration, truthiness and no_grad updates:
/// the syntax-level parts of tensors that the interpreter owns.
@Suite struct TensorSemanticsTests {
    @Test("literals and operators", arguments: [
        ("[1, 2, 3]", "tensor([1., 2., 3.])"),
        ("[[1, 2], [3, 4]]", "tensor([[1., 2.],\n        [3., 4.]])"),
        ("[1, 2] + 1", "tensor([2., 3.])"),
        ("2 * [1, 2]", "tensor([2., 4.])"),
        ("[1, 2] * [3, 4]", "tensor([3., 8.])"),
        ("[4, 9] / 2", "tensor([2.0000, 4.5000])"),
        ("[1, 2] ^ 2", "tensor([1., 4.])"),
        ("-[1, 2]", "tensor([-1., -2.])"),
        ("[1, 2, 3] > 1", "tensor([0., 1., 1.])"),
        ("[1, 2] == [1, 3]", "tensor([1., 0.])"),
        ("[-7, 7] % 3", "tensor([2., 1.])"),
        ("[[1, 2], [3, 4]] @ [[1], [1]]", "tensor([[3.],\n        [7.]])"),
        ("[true, false]", "tensor([1., 0.])"),
        ("[[1, 2], [3]]", "[tensor([1., 2.]), tensor([3.])]"),
        ("[[1, 2], \"a\"]", "[tensor([1., 2.]), \"a\"]"),
    ])
    func expression(code: String, expected: String) {
        #expect(TestSession().run(code) == expected)
    }

    @Test func indexingDispatch() {
        let s = TestSession()
        s.run("t = [[1, 2, 3], [4, 5, 6]]")
        #expect(s.run("t[0]") == "tensor([1., 2., 3.])")
        #expect(s.run("t[1, -1]") == "6")
        #expect(s.run("t[:, 0]") == "tensor([1., 4.])")
        #expect(s.run("t[0, ::2]") == "tensor([1., 3.])")
        #expect(s.run("v = [5, 6, 7]\nv[v > 5]") == "tensor([6., 7.])")
        #expect(s.run("v[[2, 0]]") == "tensor([7., 5.])")
        #expect(s.run("t[0, 1] = 9\nt[0]") == "tensor([1., 9., 3.])")
        #expect(s.run("t[1] = 0\nt") == "tensor([[1., 9., 3.],\n        [0., 0., 0.]])")
        #expect(s.run("t[0, 0] += 10\nt[0, 0]") == "11")
        #expect(s.run("t[5]").hasPrefix("IndexError: "))
        #expect(s.run("t[\"a\"]") == "IndexError: a tensor cannot be indexed by string: use whole numbers, slices like 1:3, 0/1 masks or index tensors")
    }

    @Test func iterationAndDestructuring() {
        let s = TestSession()
        #expect(s.run("out = []\nfor x in [1, 2] { out.append(x) }\nout") == "[1, 2]")
        #expect(s.run("rows = []\nfor r in [[1, 2], [3, 4]] { rows.append(r) }\nrows[1]") == "tensor([3., 4.])")
        #expect(s.run("a, b = [3, 4]\na + b") == "7")
        #expect(s.run("type(a)") == "\"number\"")
        #expect(s.run("len([[1, 2], [3, 4], [5, 6]])") == "3")
        #expect(s.run("if [0] { 1 } else { 2 }") == "2")
        #expect(s.run("for x in [1, 2][0] { }") == "TypeError: cannot loop over a number: a for loop takes a list, tensor, range, record or string")
    }

    @Test func aListOfParametersStaysAList() {
        let s = TestSession()
        s.run("w = param(0.5); b = param(0.1)")
        #expect(s.run("type([w, b])") == "\"list\"")
        #expect(s.run("type([w * 2, b])") == "\"list\"")
        #expect(s.run("type([w * 2, b * 2])") == "\"tensor\"")
        s.run("opt = SGD([w, b], lr=0.1)\nL = (w * 3 + b - 1)^2\nL.backward()\nopt.step()")
        // dL/dw = 2 * (0.5 * 3 + 0.1 - 1) * 3 = 3.6, dL/db = 1.2
        #expect(s.run("round(w.item(), 4)") == "0.14")
        #expect(s.run("round(b.item(), 4)") == "-0.02")
    }

    @Test func compoundAssignmentRebindsOutsideNoGrad() {
        let s = TestSession()
        #expect(s.run("a = [1, 2]\nb = a\na += 1\n[a, b]") == "tensor([[2., 3.],\n        [1., 2.]])")
    }

    @Test func noGradUpdatesInPlaceAndKeepsIdentity() {
        let s = TestSession()
        s.run("w = [1, 2]\nalias = {w: w}\nno_grad { w -= 0.5 * [2, 2] }")
        #expect(s.run("w") == "tensor([0., 1.])")
        #expect(s.run("alias.w") == "tensor([0., 1.])")
        #expect(s.run("no_grad { w *= [1, 2, 3] }").hasPrefix("ShapeError: "))
    }
}
