import Testing
import Autograd
import Tensor
@testable import NN

/// Layers against PyTorch (Tests/fixtures/layers.json).
@Suite("Layers match PyTorch")
struct LayerFixtureTests {
    /// Backpropagates sum(out * upstream) and returns the gradients of `inputs`.
    func backward(_ out: Variable, _ upstream: Tensor) throws {
        let loss = try (out * Variable(upstream)).sum()
        try loss.backward()
    }

    @Test func activations() throws {
        let fixture = try Fixtures.load("layers.json").object("activations")
        let upstream = try fixture.tensor("upstream")
        for c in try fixture.objects("cases") {
            let id: String = try c.get("id")
            let x = Variable(try fixture.tensor("input"), requiresGrad: true)
            let layer: any Module
            switch id {
            case "prelu": layer = PReLU()
            case "gelu_tanh": layer = Activation(.gelu(approximate: true))
            default: layer = Activation(try Activation.Kind(named: id))
            }
            let out = try layer(x)
            try backward(out, upstream)
            expectClose(out.value, try c.tensor("output"), tolerance: 2e-6, "\(id) output")
            expectClose(x.grad, try c.tensor("grad"), tolerance: 2e-5, "\(id) grad")
        }
    }

    @Test func batchNormTrainEvalAndRunningStatistics() throws {
        for c in try Fixtures.load("layers.json").object("batchnorm").objects("cases") {
            let id: String = try c.get("id")
            let bn = try BatchNorm(features: 3)
            bn.weight.value = Tensor(shape: [3], scalars: try c.floats("weight"))
            bn.bias.value = Tensor(shape: [3], scalars: try c.floats("bias"))
            let x1 = Variable(try c.tensor("x1"), requiresGrad: true)
            let out1 = try bn(x1)
            try backward(out1, try c.tensor("upstream"))
            expectClose(out1.value, try c.tensor("train_out1"), "\(id) train output")
            expectClose(x1.grad, try c.tensor("grad_x1"), tolerance: 5e-5, "\(id) grad x")
            expectClose(bn.weight.grad?.scalars ?? [], try c.floats("grad_weight"), "\(id) grad weight")
            expectClose(bn.bias.grad?.scalars ?? [], try c.floats("grad_bias"), "\(id) grad bias")
            expectClose(bn.runningMean.scalars, try c.floats("running_mean1"), "\(id) running mean 1")
            expectClose(bn.runningVar.scalars, try c.floats("running_var1"), "\(id) running var 1")
            let out2 = try bn(Variable(try c.tensor("x2")))
            expectClose(out2.value, try c.tensor("train_out2"), "\(id) train output 2")
            expectClose(bn.runningMean.scalars, try c.floats("running_mean2"), "\(id) running mean 2")
            expectClose(bn.runningVar.scalars, try c.floats("running_var2"), "\(id) running var 2")
            bn.eval()
            expectClose(try bn(Variable(try c.tensor("x1"))).value, try c.tensor("eval_out1"), "\(id) eval output")
        }
    }

    @Test func conv2dForwardAndGradients() throws {
        var rng = RandomSource(seed: 1)
        for c in try Fixtures.load("layers.json").objects("conv2d") {
            let id: String = try c.get("id")
            let conv = try Conv2d(inChannels: try c.int("in"), outChannels: try c.int("out"),
                                  kernel: try c.int("kernel"), stride: try c.int("stride"),
                                  padding: try c.int("padding"), using: &rng)
            conv.weight.value = try c.tensor("weight")
            conv.bias?.value = Tensor(shape: [conv.outChannels], scalars: try c.floats("bias"))
            let x = Variable(try c.tensor("x"), requiresGrad: true)
            let out = try conv(x)
            try backward(out, try c.tensor("upstream"))
            expectClose(out.value, try c.tensor("output"), "\(id) output")
            expectClose(x.grad, try c.tensor("grad_x"), "\(id) grad x")
            expectClose(conv.weight.grad, try c.tensor("grad_weight"), "\(id) grad weight")
            expectClose(conv.bias?.grad?.scalars ?? [], try c.floats("grad_bias"), "\(id) grad bias")
            #expect(conv.outputShape(for: x.shape) == out.shape)
        }
    }

    @Test func poolingForwardAndGradients() throws {
        for c in try Fixtures.load("layers.json").objects("pool2d") {
            let id: String = try c.get("id")
            let kind: String = try c.get("kind")
            let pool = try Pool2d(kind == "max" ? .max : .average, kernel: try c.int("kernel"), stride: try c.int("stride"))
            let x = Variable(try c.tensor("x"), requiresGrad: true)
            let out = try pool(x)
            try backward(out, try c.tensor("upstream"))
            expectClose(out.value, try c.tensor("output"), "\(id) output")
            expectClose(x.grad, try c.tensor("grad_x"), "\(id) grad x")
            #expect(pool.outputShape(for: x.shape) == out.shape)
        }
    }
}
