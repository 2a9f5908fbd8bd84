import Testing
import Tensor
@testable import Autograd

/// The course's worked examples with their published numbers, and the engine's behaviour.
@Suite struct WorkedExampleTests {
    static func s(_ v: Float, grad: Bool = false) -> Variable { Variable(Tensor(v), requiresGrad: grad) }
    static func v(_ xs: [Float], grad: Bool = false) -> Variable {
        Variable(Tensor(shape: [xs.count], scalars: xs), requiresGrad: grad)
    }
    static func close(_ a: Float, _ b: Float, _ tol: Float = 1e-4) -> Bool { abs(a - b) <= tol }

    @Test func chainRule() throws {
        // h(x) = (2(x+1))^2, h'(2) = 24
        let x = Self.s(2, grad: true)
        let h = try (Self.s(2) * (x + Self.s(1))).pow(2)
        try h.backward()
        #expect(h.value.scalars == [36])
        #expect(x.grad?.scalars == [24])
        let g = try Gradcheck.gradients({ xs in try (Self.s(2) * (xs[0] + Self.s(1))).pow(2) }, at: [Tensor(2)])
        #expect(g[0].scalars == [24])
    }

    @Test func logisticRegressionStep() throws {
        let w = Self.v([0.8, 0.2], grad: true), b = Self.s(0.1, grad: true)
        let x = Self.v([0.1, 0.7]), y = Self.s(1)
        func loss() throws -> Variable {
            let a = try (w.dot(x) + b).map(.sigmoid)
            // BCE = -(y log a + (1-y) log(1-a))
            let one = Self.s(1)
            return try -(y * a.map(.log) + (one - y) * (one - a).map(.log))
        }
        try loss().backward()
        try GradMode.withoutGrad { () throws in
            try w.updateInPlace(.sub, Self.s(0.5) * Variable(w.grad ?? Tensor(0)))
            try b.updateInPlace(.sub, Self.s(0.5) * Variable(b.grad ?? Tensor(0)))
        }
        #expect(w.isLeaf && w.requiresGrad && b.isLeaf && b.requiresGrad)
        #expect(Self.close(w.value.scalars[0], 0.82103) && Self.close(w.value.scalars[1], 0.3472))
        #expect(Self.close(b.value.scalars[0], 0.31033, 2e-5))
        #expect(Self.close(try loss().value.item(), 0.42505))
    }

    @Test(arguments: [(Float(-1), Float(4), Float(8)), (-3, 0, 0)])
    func reluDAG(_ c: (theta1: Float, d0: Float, d1: Float)) throws {
        // J = (relu(θ0 + θ1 x) - y)^2, x = 2, y = 1, θ0 = 5 (lecture 000)
        let t0 = Self.s(5, grad: true), t1 = Self.s(c.theta1, grad: true)
        let h = try t1 * Self.s(2)
        let g = try h + t0
        let yHat = g.map(.relu)
        let f = try yHat - Self.s(1)
        let J = f.pow(2)
        try J.backward()
        #expect(t0.grad?.scalars == [c.d0])
        #expect(t1.grad?.scalars == [c.d1])
        #expect(J.graphNodes().map(\.opName) == ["", "mul", "", "add", "relu", "sub", "^2"])
    }

    @Test func normalEquation() throws {
        // y = 3.5 + 1.4 x (numpy lstsq on the same data)
        let X = Tensor(shape: [4, 2], scalars: [1, 1, 1, 2, 1, 3, 1, 4])
        let y = Tensor(shape: [4], scalars: [6, 5, 7, 10])
        let theta = try X.transposedAll.matmul(X).solve(X.transposedAll.matmul(y))
        #expect(Self.close(theta.scalars[0], 3.5) && Self.close(theta.scalars[1], 1.4))
    }

    @Test func gradientsAccumulateAndGraphIsKept() throws {
        let x = Self.s(3, grad: true)
        let y = try x * x
        try y.backward()
        try y.backward()
        #expect(x.grad?.scalars == [12])
        x.zeroGrad()
        #expect(x.grad == nil)
    }

    @Test func backwardErrors() throws {
        let x = Self.v([1, 2], grad: true)
        let y = try x * x
        #expect(throws: AutogradError.nonScalarBackward(shape: [2])) { try y.backward() }
        #expect(AutogradError.nonScalarBackward(shape: [2]).description
                == "backward() needs a scalar (one-element) tensor, got shape [2]: call .sum() first, or pass a gradient of the same shape")
        try y.backward(Tensor(shape: [2], scalars: [1, 1]))
        #expect(x.grad?.scalars == [2, 4])
        #expect(throws: AutogradError.noGradient) { try Self.s(1).backward() }
        #expect(throws: AutogradError.inPlaceOnLeaf) { try x.updateInPlace(.sub, Self.s(1)) }
    }

    @Test func noGradAndDetach() throws {
        let x = Self.s(2, grad: true)
        let y = try GradMode.withoutGrad { () throws(TensorError) in try x * x }
        #expect(!y.requiresGrad && y.isLeaf)
        #expect(GradMode.isEnabled)
        let d = x.detach()
        #expect(!d.requiresGrad && d.value == x.value)
    }

    @Test func gradModeIsPerThreadAndRestoredOnError() throws {
        struct Boom: Error {}
        #expect(throws: Boom.self) { try GradMode.withoutGrad { () throws(Boom) in throw Boom() } }
        #expect(GradMode.isEnabled)
        GradMode.isEnabled = false
        defer { GradMode.isEnabled = true }
        let seenByOtherThread = ThreadProbe.gradEnabledOnNewThread()
        #expect(seenByOtherThread)
        #expect(!GradMode.isEnabled)
    }

    @Test func printing() throws {
        let x = Self.s(2, grad: true)
        #expect(x.description == "tensor(2., requires_grad=True)")
        #expect(try (x * Self.s(3)).description == "tensor(6., grad_fn=<MulBackward0>)")
        #expect(try x.reduce(.sum, dim: 0).description == "tensor(2., grad_fn=<SumBackward0>)")
        #expect(Self.v([1, 2]).description == "tensor([1., 2.])")
        #expect(try Self.v([1, 2], grad: true).reduce(.sum, dim: 0).gradFnName == "SumBackward1")
    }

    @Test func deepGraphDoesNotOverflowTheStack() throws {
        let x = Self.s(1, grad: true)
        var y = x
        for _ in 0..<20_000 { y = try y + Self.s(0) }
        try y.backward()
        #expect(x.grad?.scalars == [1])
    }

    @Test func deepGraphIsFreedWithoutRecursion() throws {
        var y = Self.s(1, grad: true)
        for _ in 0..<300_000 { y = y.map(.neg) }
        #expect(y.value.scalars == [1])
        y = Self.s(0)      // frees the 300,000-node chain
        #expect(y.isLeaf)
    }

    @Test func scalarTrainingLoop() throws {
        // (w*x + b - y)^2 by gradient descent converges to y = 2x + 1
        let w = Self.s(0, grad: true), b = Self.s(0, grad: true)
        let data: [(Float, Float)] = [(0, 1), (1, 3), (2, 5)]
        for step in 0..<600 {
            let (xv, yv) = data[step % 3]
            let loss = try (w * Self.s(xv) + b - Self.s(yv)).pow(2)
            try loss.backward()
            try GradMode.withoutGrad { () throws in
                try w.updateInPlace(.sub, Variable(Tensor(0.05)) * Variable(w.grad ?? Tensor(0)))
                try b.updateInPlace(.sub, Variable(Tensor(0.05)) * Variable(b.grad ?? Tensor(0)))
            }
            w.zeroGrad(); b.zeroGrad()
        }
        #expect(Self.close(w.value.scalars[0], 2, 1e-2) && Self.close(b.value.scalars[0], 1, 1e-2))
    }
}

import Foundation

/// Reads `GradMode.isEnabled` on a fresh thread.
enum ThreadProbe {
    static func gradEnabledOnNewThread() -> Bool {
        final class Box: @unchecked Sendable { var value = false }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.value = GradMode.isEnabled
            done.signal()
        }
        thread.start()
        done.wait()
        return box.value
    }
}
