import Foundation
import Testing
@testable import Lang

/// The tensor and autograd builtins seen from the notebook language.
@Suite struct TensorBuiltinsTests {
    @Test func logisticRegressionStepFromTheSpec() {
        // LANGUAGE.md §9, first example: expect w = [0.82103, 0.3472], b = 0.31033
        let t = TestSession()
        let result = t.run("""
            w = param([0.8, 0.2]); b = param(0.1)
            x = [0.1, 0.7]; y = 1
            a = sigmoid(dot(w, x) + b)
            L = bce(a, y)
            L.backward()
            no_grad { w -= 0.5 * w.grad; b -= 0.5 * b.grad }
            [w, b]
            """)
        #expect(result == "[tensor([0.8210, 0.3472], requires_grad=True), tensor(0.3103, requires_grad=True)]")
        let w = t.run("w.tolist()"), b = t.run("b.item()")
        #expect(w.hasPrefix("[0.82103") && w.contains(", 0.34723"), "\(w)")
        #expect(b.hasPrefix("0.31033"), "\(b)")
        #expect(t.run("w.is_leaf and b.is_leaf") == "true")
        #expect(t.run("round(bce(sigmoid(dot(w, x) + b), y).item(), 5)") == "0.42505")
    }

    @Test func chainRuleFromTheSpec() {
        // LANGUAGE.md §9, second example: h(x) = (2(x+1))^2, h'(2) = 24
        let t = TestSession()
        #expect(t.run("fn h(x) = (2 * (x + 1))^2\ngrad(h)(2)") == "24")
        #expect(t.run("grad(fn(x) = x^2)(3)") == "6")
        #expect(t.run("grad(fn(x, y) = x * y)(2, 5)") == "[5, 2]")
        #expect(t.run("grad(fn(v) = (v * v).sum())([1, 2])") == "tensor([2., 4.])")
    }

    @Test("expressions", arguments: [
        ("zeros(2, 3).shape", "[2, 3]"),
        ("ones([2]).ndim", "1"),
        ("eye(3).size", "9"),
        ("arange(4)", "tensor([0., 1., 2., 3.])"),
        ("linspace(0, 1, 3)", "tensor([0.0000, 0.5000, 1.0000])"),
        ("full([2], 7)", "tensor([7., 7.])"),
        ("t = [[1, 2], [3, 4]]\nt[0, 1]", "2"),
        ("t = [[1, 2], [3, 4]]\nt[:, 0]", "tensor([1., 3.])"),
        ("t = [[1, 2], [3, 4]]\nt[-1]", "tensor([3., 4.])"),
        ("t = arange(6)\nt[t > 2]", "tensor([3., 4., 5.])"),
        ("t = arange(6)\nt[::2]", "tensor([0., 2., 4.])"),
        ("t = arange(6)\nt[[5, 0]]", "tensor([5., 0.])"),
        ("z = [[1, 2], [3, 4]]\ny = tensor([1, 0])\nz[range(2), y]", "tensor([2., 3.])"),
        ("z = [[1, 2], [3, 4]]\nz[z > 2]", "tensor([3., 4.])"),
        ("z = [[1, 2], [3, 4]]\nz[(z > 1) * (z < 4)]", "tensor([2., 3.])"),
        ("t = [5, 6, 7]\nt[t == 6]", "tensor([6.])"),
        ("t = zeros(2, 2)\nt[0] = 9\nt[1, 1] = 5\nt", "tensor([[9., 9.],\n        [0., 5.]])"),
        ("[[1, 2], [3, 4]] @ [1, 1]", "tensor([3., 7.])"),
        ("sum([[1, 2], [3, 4]], dim=0)", "tensor([4., 6.])"),
        ("[[1, 2], [3, 4]].mean(dim=1, keepdim=true)", "tensor([[1.5000],\n        [3.5000]])"),
        ("max([3, 9, 2])", "tensor(9.)"),
        ("max(tensor([3, 9, 2]))", "tensor(9.)"),
        ("argmax([3, 9, 2])", "tensor(1.)"),
        ("abs([-1, 2])", "tensor([1., 2.])"),
        ("std([1, 2, 3, 4])", "tensor(1.2910)"),
        ("relu([-1, 2])", "tensor([0., 2.])"),
        ("clamp([-2, 0.5, 3], -1, 1)", "tensor([-1.0000,  0.5000,  1.0000])"),
        ("where([1, 0], [1, 2], [3, 4])", "tensor([1., 4.])"),
        ("maximum([1, 5], 3)", "tensor([3., 5.])"),
        ("det([[4, 3], [6, 3]])", "tensor(-6.)"),
        ("A = param([[2, 1], [1, 3]])\ndet(A).backward()\nA.grad", "tensor([[ 3., -1.],\n        [-1.,  2.]])"),
        ("solve([[4, 3], [6, 3]], [10, 12])", "tensor([1., 2.])"),
        ("inv([[2, 0], [0, 4]])", "tensor([[0.5000, 0.0000],\n        [0.0000, 0.2500]])"),
        ("lstsq([[1, 1], [1, 2], [1, 3], [1, 4]], [6, 5, 7, 10])", "tensor([3.5000, 1.4000])"),
        ("outer([1, 2], [1, 0, -1]).shape", "[2, 3]"),
        ("stack([[1, 2], [3, 4]], dim=1)", "tensor([[1., 3.],\n        [2., 4.]])"),
        ("cat([[1, 2], [3]])", "tensor([1., 2., 3.])"),
        ("one_hot([2, 0], 3)", "tensor([[0., 0., 1.],\n        [1., 0., 0.]])"),
        ("[[1, 2], [3, 4]].T", "tensor([[1., 3.],\n        [2., 4.]])"),
        ("arange(6).reshape(2, -1).shape", "[2, 3]"),
        ("arange(6).reshape(2, 3).transpose(0, 1).shape", "[3, 2]"),
        ("ones(1, 3).squeeze().shape", "[3]"),
        ("ones(3).unsqueeze(0).shape", "[1, 3]"),
        ("[[1, 2], [3, 4.5]].numpy_str()", "\"[[1.  2. ]\\n [3.  4.5]]\""),
        ("x = param(3)\ny = x^2\ny", "tensor(9., grad_fn=<PowBackward0>)"),
        ("x = param(3)\ny = x * 2\ny.backward()\ny.backward()\nx.grad", "tensor(4.)"),
        ("x = param([1, 2])\ntype(x.grad)", "\"none\""),
        ("x = param(2)\n(x * x).detach()", "tensor(4.)"),
        ("x = tensor([1, 2]).requires_grad()\nx", "tensor([1., 2.], requires_grad=True)"),
        ("x = param(2)\nno_grad { y = x * x }\ntype(y.grad_fn)", "\"none\""),
        ("w = param([1, 2])\n(w * w).sum().backward()\nno_grad { w -= 0.1 * w.grad }\nw", "tensor([0.8000, 1.6000], requires_grad=True)"),
        ("w = param([1, 2])\nL = (w * w).sum()\nL.backward()\nzero_grad([w])\ntype(w.grad)", "\"none\""),
        ("seed(0)\na = randn(3)\nseed(0)\nb = randn(3)\n(a == b).sum()", "tensor(3.)"),
        ("seed(1)\nrandint(0, 3, [50]).max() < 3", "tensor(1.)"),
        ("rand(2, 2).shape", "[2, 2]"),
        ("gradcheck(fn(x) = (x^3).sum(), [0.5, -1, 2]) < 0.01", "true"),
        ("gradcheck(fn(x, y) = (x * y).sum(), [1, 2], [3, 4]) < 0.01", "true"),
    ])
    func expression(_ code: String, _ expected: String) {
        let t = TestSession()
        #expect(t.run(code) == expected, "\(code)")
    }

    @Test("errors", arguments: [
        ("[[1, 2], [3, 4], [5, 6]] @ [[1], [2], [3]]", "ShapeError: cannot matmul [3, 2] @ [3, 1]: inner sizes 2 and 3 differ"),
        ("[1, 2, 3] + [1, 2, 3, 4]", "ShapeError: cannot broadcast [3] with [4] in add"),
        ("arange(6).reshape(4)", "ShapeError: cannot reshape [6] (6 elements) to [4]"),
        ("zeros(2)[5]", "IndexError: index 5 is out of range for axis 0 with size 2"),
        ("zeros(2, 3)[0, 3]", "IndexError: index 3 is out of range for axis 1 with size 3"),
        ("zeros(2)[0.5]", "IndexError: tensor indices must be whole numbers, got 0.5"),
        ("x = param([1, 2])\n(x * x).backward()",
         "RuntimeError: backward() needs a scalar (one-element) tensor, got shape [2]: call .sum() first, or pass a gradient of the same shape"),
        ("w = param([1, 2])\nw[0] = 5",
         "RuntimeError: a leaf tensor that requires grad cannot be changed in place while gradients are recorded: put the update inside no_grad { ... } (e.g. no_grad { w -= lr * w.grad })"),
        ("zeros(2).item()", "ValueError: item() needs a tensor with exactly one element, got shape [2] (2 elements)"),
        ("grad(fn(x) = x * 2)([1, 2])",
         "ValueError: grad(f): the function must return a single number, got shape [2]; add .sum() or .mean()"),
        ("inv([[1, 2], [2, 4]])", "ValueError: inv: the matrix is singular (not invertible)"),
    ])
    func error(_ code: String, _ expected: String) {
        let t = TestSession()
        #expect(t.run(code) == expected, "\(code)")
    }

    @Test func absurdAllocationIsAMemoryError() {
        let t = TestSession()
        let result = t.run("zeros(100000, 100000, 100)")
        #expect(result.hasPrefix("MemoryError: cannot allocate a tensor of shape [100000, 100000, 100] in full: 1000000000000 elements need 4.0 TB"), "\(result)")
    }

    @Test func reluDAGFromTheLecture() {
        // J = (relu(θ0 + θ1 x) - y)^2 with x = 2, y = 1, θ0 = 5: gradients 4 and 8 (θ1 = -1), 0 and 0 (θ1 = -3)
        let t = TestSession()
        t.run("fn J(t0, t1) = (relu(t0 + t1 * 2) - 1)^2")
        #expect(t.run("grad(J)(5, -1)") == "[4, 8]")
        #expect(t.run("grad(J)(5, -3)") == "[0, 0]")
    }
}
