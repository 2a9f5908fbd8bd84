import Testing
import Autograd
import Tensor
@testable import NN

@Suite("Losses, regularisers and metrics")
struct LossTests {
    typealias LossFn = (Variable, Variable, Reduction) throws -> Variable

    static func function(_ id: String, _ c: [String: Any]) throws -> LossFn {
        switch id {
        case "mse": return { try Losses.mse($0, $1, reduction: $2) }
        case "l1": return { try Losses.l1($0, $1, reduction: $2) }
        case "huber_delta1", "huber_delta05":
            let delta = try c.double("delta")
            return { try Losses.huber($0, $1, delta: delta, reduction: $2) }
        case "bce": return { try Losses.bce($0, $1, reduction: $2) }
        case "bce_logits": return { try Losses.bceWithLogits($0, $1, reduction: $2) }
        case "cross_entropy_indices", "cross_entropy_probabilities":
            return { try Losses.crossEntropy($0, $1, reduction: $2) }
        case "nll": return { try Losses.nll($0, $1, reduction: $2) }
        case "hinge_multiclass", "hinge_binary": return { try Losses.hinge($0, $1, reduction: $2) }
        default: throw Fixtures.Missing(description: "no loss for \(id)")
        }
    }

    @Test func lossesMatchPyTorch() throws {
        let cases = try Fixtures.load("losses.json").objects("cases")
        #expect(cases.count == 11)
        for c in cases {
            let id: String = try c.get("id")
            let fn = try Self.function(id, c)
            let target = Variable(try c.tensor("target"))
            let values = try c.object("values")
            for reduction in Reduction.allCases {
                let out = try fn(Variable(try c.tensor("pred")), target, reduction)
                expectClose(out.value, try values.tensor(reduction.rawValue), "\(id) \(reduction)")
            }
            let pred = Variable(try c.tensor("pred"), requiresGrad: true)
            try fn(pred, target, .mean).backward()
            expectClose(pred.grad, try c.tensor("grad_of_mean"), "\(id) grad")
        }
    }

    @Test func fusedCrossEntropyEqualsTheComposite() throws {
        // The fused op must give exactly the numbers of log_softmax + nll, forward and backward.
        var rng = RandomSource(seed: 3)
        for (rows, classes) in [(7, 3), (5, 10), (3, 17)] {
            let scores = try Tensor.randn([rows, classes], using: &rng) * Tensor(4)
            let labels = Tensor(shape: [rows], scalars: (0..<rows).map { Float(($0 * 5 + 1) % classes) })
            for reduction in Reduction.allCases {
                let fused = Variable(scores, requiresGrad: true)
                let composite = Variable(scores, requiresGrad: true)
                let a = try Losses.crossEntropy(fused, Variable(labels), reduction: reduction)
                let b = try Losses.nll(composite.logSoftmax(dim: -1), Variable(labels), reduction: reduction)
                #expect(a.value == b.value, "\(rows)x\(classes) \(reduction)")
                let seed = Tensor(repeating: 1, shape: a.shape)
                try a.backward(seed)
                try b.backward(seed)
                #expect(fused.grad == composite.grad, "\(rows)x\(classes) \(reduction) grad")
            }
        }
    }

    @Test func logisticRegressionStepFromTheLecture() throws {
        // w = [0.8, 0.2], b = 0.1, x = [0.1, 0.7], y = 1, alpha = 0.5 -> loss 0.42505,
        // w = [0.82103, 0.3472], b = 0.31033 (0.42505 is the loss after the step).
        let w = Variable(Tensor(shape: [2], scalars: [0.8, 0.2]), requiresGrad: true)
        let b = Variable(Tensor(0.1), requiresGrad: true)
        let x = Variable(Tensor(shape: [2], scalars: [0.1, 0.7]))
        let a = try (w.dot(x) + b).map(.sigmoid)
        let loss = try Losses.bce(a, Variable(Tensor(1)))
        #expect(abs(loss.value.scalars[0] - 0.5458929) < 2e-6)
        try loss.backward()
        let newW = try w.value - (w.grad ?? Tensor(0)) * Tensor(0.5)
        let newB = try b.value - (b.grad ?? Tensor(0)) * Tensor(0.5)
        expectClose(newW.scalars, [0.82103, 0.3472], tolerance: 1e-4)
        expectClose(newB.scalars, [0.31033], tolerance: 1e-4)
        let after = try Losses.bce((Variable(newW).dot(x) + Variable(newB)).map(.sigmoid), Variable(Tensor(1)))
        #expect(abs(after.value.scalars[0] - 0.42505) < 1e-4)
    }

    @Test(arguments: [
        ("mse", [4, 1], [4], "mse: the prediction has shape [4, 1] but the target has shape [4]; they would broadcast to [4, 4] and compare every prediction with every target: use y.reshape(-1, 1) for the target (or pred.reshape(-1))"),
        ("mse", [4], [4, 1], "mse: the prediction has shape [4] but the target has shape [4, 1]; they would broadcast to [4, 4] and compare every prediction with every target: use y.reshape(-1) for the target"),
        ("l1", [3], [4], "l1: the prediction has shape [3] but the target has shape [4]; they must be the same shape"),
        ("cross_entropy", [4, 3], [4, 1], "cross_entropy: scores of shape [4, 3] need labels as class indices of shape [4] or probabilities of shape [4, 3], got [4, 1]: use y.reshape(-1)"),
    ])
    func shapeErrors(loss: String, predShape: [Int], targetShape: [Int], message: String) {
        let pred = Variable(Tensor(shape: predShape, scalars: [Float](repeating: 0.5, count: predShape.reduce(1, *))))
        let target = Variable(Tensor(shape: targetShape, scalars: [Float](repeating: 0, count: targetShape.reduce(1, *))))
        #expect(throws: NNError.shape(message)) {
            switch loss {
            case "mse": _ = try Losses.mse(pred, target)
            case "l1": _ = try Losses.l1(pred, target)
            default: _ = try Losses.crossEntropy(pred, target)
            }
        }
    }

    @Test func targetMayBroadcastToThePrediction() throws {
        let pred = Variable(Tensor(shape: [3], scalars: [1, 2, 3]))
        #expect(try Losses.mse(pred, Variable(Tensor(2))).value.scalars == [Float(2) / 3])
    }

    @Test func labelErrors() {
        let logits = Variable(Tensor(shape: [2, 3], scalars: [0, 1, 2, 3, 4, 5]))
        #expect(throws: NNError.index("cross_entropy: label 3 is out of range for 3 classes (scores shape [2, 3]); labels must be 0..2")) {
            try Losses.crossEntropy(logits, Variable(Tensor(shape: [2], scalars: [0, 3])))
        }
        // A whole number too large for Int is reported, not a crash.
        #expect(throws: NNError.index("cross_entropy: label 1e+20 is out of range for 3 classes (scores shape [2, 3]); labels must be 0..2")) {
            try Losses.crossEntropy(logits, Variable(Tensor(shape: [2], scalars: [0, 1e20])))
        }
        #expect(throws: NNError.invalidArgument("cross_entropy: labels must be whole class indices 0..2, got 0.5")) {
            try Losses.crossEntropy(logits, Variable(Tensor(shape: [2], scalars: [0.5, 1])))
        }
        #expect(throws: NNError.invalidArgument("bce expects probabilities between 0 and 1, got 1.5: apply sigmoid first, or use bce_logits on raw scores")) {
            try Losses.bce(Variable(Tensor(shape: [2], scalars: [0.5, 1.5])), Variable(Tensor(shape: [2], scalars: [0, 1])))
        }
    }

    @Test func regularisers() throws {
        let a = Variable(Tensor(shape: [2], scalars: [3, -4]), requiresGrad: true)
        let b = Variable(Tensor(shape: [1], scalars: [-1]), requiresGrad: true)
        #expect(try Regularizers.l2([a, b]).value.scalars == [26])
        #expect(try Regularizers.l1([a, b]).value.scalars == [8])
        try Regularizers.l2([a, b]).backward()
        #expect(a.grad?.scalars == [6, -8])
    }

    @Test func metrics() throws {
        let logits = Tensor(shape: [4, 3], scalars: [2, 1, 0, 0, 3, 1, 1, 0, 5, 0, 2, 1])
        let labels = Tensor(shape: [4], scalars: [0, 1, 1, 1])
        #expect(try Metrics.accuracy(logits, labels) == 0.75)
        #expect(try Metrics.accuracy(Tensor(shape: [4, 1], scalars: [0.9, 0.2, 0.6, 0.4]), Tensor(shape: [4], scalars: [1, 0, 0, 0])) == 0.75)
        #expect(try Metrics.accuracy(Tensor(shape: [3], scalars: [2.5, -1, -0.5]), Tensor(shape: [3], scalars: [1, 0, 1])) == 2.0 / 3)
        // Logits that happen to lie in [0, 1]: threshold 0 says every one is class 1.
        #expect(try Metrics.accuracy(Tensor(shape: [2], scalars: [0.2, 0.7]), Tensor(shape: [2], scalars: [1, 0]), threshold: 0) == 0.5)
        #expect(try Metrics.accuracy(Tensor(shape: [2], scalars: [0.2, 0.7]), Tensor(shape: [2], scalars: [1, 0])) == 0)
        // -1/+1 labels (hinge) count as 0/1.
        #expect(try Metrics.accuracy(Tensor(shape: [3], scalars: [-2, 0.5, 3]), Tensor(shape: [3], scalars: [-1, 1, -1]), threshold: 0) == 2.0 / 3)
        #expect(try Metrics.confusion(logits, labels) == Tensor(shape: [3, 3], scalars: [1, 0, 0, 0, 2, 1, 0, 0, 0]))
        #expect(try Metrics.rmse(Tensor(shape: [2], scalars: [1, 3]), Tensor(shape: [2], scalars: [2, 1])) == (2.5).squareRoot())
    }
}
