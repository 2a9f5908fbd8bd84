import Testing
import Autograd
import Tensor
@testable import NN

@Suite("fit, predict, evaluate, normal equation")
struct TrainerTests {
    @Test func fullBatchAdamMatchesPyTorch() throws {
        let f = try Fixtures.load("training.json")
        let initial = try f.object("initial"), final = try f.object("final")
        let l1 = try Linear(weight: try initial.tensor("w1"), bias: Tensor(shape: [4], scalars: try initial.floats("b1")))
        let l2 = try Linear(weight: try initial.tensor("w2"), bias: Tensor(shape: [3], scalars: try initial.floats("b2")))
        let model = Sequential([l1, Activation(.relu), l2])
        let labels = try f.floats("labels")
        var config = Trainer.Configuration()
        config.epochs = 5
        config.batchSize = 6
        config.shuffle = false
        config.trackAccuracy = true
        var rng = RandomSource(seed: 0)
        var batchLosses: [Double] = []
        let history = try Trainer.fit(
            model, x: try f.tensor("x"), y: Tensor(shape: [6], scalars: labels),
            loss: { try Losses.crossEntropy($0, $1) }, optimizer: try Adam(model.parameters, lr: 0.05),
            configuration: config, rng: &rng, onBatch: { batchLosses.append($0.runningLoss) })
        let expected = try f.doubles("losses")
        #expect(history.epochs == [1, 2, 3, 4, 5])
        expectClose(history.loss.map { Float($0) }, expected.map { Float($0) }, tolerance: 1e-5, "epoch losses")
        expectClose(batchLosses.map { Float($0) }, expected.map { Float($0) }, tolerance: 1e-5, "batch losses")
        expectClose(l1.weight.value, try final.tensor("w1"), tolerance: 2e-5, "w1")
        expectClose(l2.weight.value, try final.tensor("w2"), tolerance: 2e-5, "w2")
        expectClose(l2.bias?.value.scalars ?? [], try final.floats("b2"), tolerance: 2e-5, "b2")
        #expect(history.accuracy.count == 5)
    }

    @Test func interruptStopsBetweenBatchesAndKeepsWeights() throws {
        struct Stop: Error {}
        var rng = RandomSource(seed: 3)
        let model = try Linear(inFeatures: 1, outFeatures: 1, using: &rng)
        let before = model.weight.value
        var config = Trainer.Configuration()
        config.batchSize = 1
        var calls = 0
        #expect(throws: Stop.self) {
            try Trainer.fit(model, x: Tensor(shape: [4, 1], scalars: [1, 2, 3, 4]), y: Tensor(shape: [4], scalars: [2, 4, 6, 8]),
                            loss: { try Losses.mse($0, $1) }, optimizer: try SGD(model.parameters, lr: 0.01),
                            configuration: config, rng: &rng, onBatch: { _ in calls += 1; if calls == 2 { throw Stop() } })
        }
        #expect(calls == 2)
        #expect(model.weight.value != before)
    }

    @Test func earlyStoppingRestoresTheBestWeights() throws {
        var rng = RandomSource(seed: 1)
        let model = try Linear(weight: Tensor(shape: [1, 1], scalars: [0]), bias: Tensor(shape: [1], scalars: [0]))
        var config = Trainer.Configuration()
        config.epochs = 50
        config.batchSize = 4
        config.shuffle = false
        config.patience = 2
        // A learning rate so large that the loss grows after the first epochs.
        let history = try Trainer.fit(model, x: Tensor(shape: [4, 1], scalars: [1, 2, 3, 4]), y: Tensor(shape: [4], scalars: [2, 4, 6, 8]),
                                      loss: { try Losses.mse($0, $1) }, optimizer: try SGD(model.parameters, lr: 0.2),
                                      configuration: config, rng: &rng)
        #expect(history.stoppedEarly)
        #expect(history.bestEpoch == 1)
        #expect(history.epochs.count == 3)
    }

    @Test func fitShapeErrors() throws {
        var rng = RandomSource(seed: 1)
        let model = try Linear(inFeatures: 2, outFeatures: 1, using: &rng)
        #expect(throws: NNError.shape("fit: X has 3 samples (shape [3, 2]) but y has 2 (shape [2])")) {
            try Trainer.fit(model, x: Tensor(shape: [3, 2], scalars: [0, 0, 0, 0, 0, 0]), y: Tensor(shape: [2], scalars: [0, 0]),
                            loss: { try Losses.mse($0, $1) }, optimizer: try SGD(model.parameters, lr: 0.01),
                            configuration: .init(), rng: &rng)
        }
        #expect(throws: NNError.shape("Linear(in_features=2, out_features=1) expects inputs with 2 features (last axis), got shape [3, 3]")) {
            try Trainer.predict(model, x: Tensor(shape: [3, 3], scalars: [Float](repeating: 0, count: 9)))
        }
    }

    @Test func predictUsesEvalModeWithoutAGraph() throws {
        var rng = RandomSource(seed: 1)
        let model = Sequential([try Linear(inFeatures: 2, outFeatures: 2, using: &rng), try Dropout(p: 0.9, using: &rng)])
        let x = Tensor(shape: [1, 2], scalars: [1, 1])
        let a = try Trainer.predict(model, x: x), b = try Trainer.predict(model, x: x)
        #expect(a == b)
        #expect(model.isTraining)
    }

    @Test func normalEquationRecoversALine() throws {
        // y = 3 + 2 x exactly, and a two-feature plane y = 1 - x1 + 0.5 x2.
        let line = try NormalEquation.solve(x: Tensor(shape: [4], scalars: [0, 1, 2, 3]), y: Tensor(shape: [4], scalars: [3, 5, 7, 9]))
        expectClose(line.scalars, [3, 2], tolerance: 1e-6)
        let xs: [Float] = [0, 0, 1, 0, 0, 1, 2, 3, 1, 1]
        let ys: [Float] = (0..<5).map { 1 - xs[2 * $0] + 0.5 * xs[2 * $0 + 1] }
        let plane = try NormalEquation.solve(x: Tensor(shape: [5, 2], scalars: xs), y: Tensor(shape: [5, 1], scalars: ys))
        expectClose(plane.scalars, [1, -1, 0.5], tolerance: 1e-6)
        let noBias = try NormalEquation.solve(x: Tensor(shape: [3], scalars: [1, 2, 3]), y: Tensor(shape: [3], scalars: [2, 4, 6]), bias: false)
        expectClose(noBias.scalars, [2], tolerance: 1e-6)
        #expect(throws: NNError.invalidArgument("normal_equation: XᵀX is singular, so θ is not unique: a feature is constant, duplicates another, or there are fewer samples than parameters")) {
            try NormalEquation.solve(x: Tensor(shape: [3], scalars: [1, 1, 1]), y: Tensor(shape: [3], scalars: [1, 2, 3]))
        }
    }
}
