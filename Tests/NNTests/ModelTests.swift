import Foundation
import Testing
import Autograd
import Tensor
@testable import NN

@Suite("Models: init, repr, summary, save/load")
struct ModelTests {
    @Test func linearDefaultInitBoundsAndFans() throws {
        let f = try Fixtures.load("init.json")
        let shapes = try f.objects("shapes")
        let dense = shapes[0], conv = shapes[1]
        #expect(InitScheme.fans(of: [16, 8]) == (try dense.int("fan_in"), try dense.int("fan_out")))
        #expect(InitScheme.fans(of: [6, 3, 5, 5]) == (try conv.int("fan_in"), try conv.int("fan_out")))
        var rng = RandomSource(seed: 0)
        let layer = try Linear(inFeatures: 8, outFeatures: 16, using: &rng)
        let bound = Float(try dense.double("default_linear_weight_bound"))
        #expect(layer.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(layer.bias?.value.scalars.allSatisfy { abs($0) <= Float(try! dense.double("default_linear_bias_bound")) } == true)
        let gains = try f.object("gains")
        for name in ["linear", "sigmoid", "tanh", "relu", "selu"] {
            #expect(abs((InitScheme.gain(for: name) ?? 0) - (try gains.double(name))) < 1e-12, "\(name)")
        }
        #expect(abs((InitScheme.gain(for: "leaky_relu", slope: 5.0.squareRoot()) ?? 0) - (try gains.double("leaky_relu_sqrt5"))) < 1e-12)
    }

    @Test(arguments: [
        ("xavier", "xavier_uniform_bound", true), ("xavier_normal", "xavier_normal_std", false),
        ("he_uniform", "kaiming_uniform_relu_bound", true), ("he", "kaiming_normal_relu_std", false),
        ("lecun", "lecun_normal_std", false),
    ])
    func initSchemeStatistics(scheme: String, key: String, uniform: Bool) throws {
        let shape = try Fixtures.load("init.json").objects("shapes")[0]
        let expected = try shape.double(key)
        var rng = RandomSource(seed: 11)
        let chosen = try InitScheme(named: scheme)
        // 16 draws of the fixture's [16, 8] weight (the fans matter for xavier).
        let w = (0..<16).flatMap { _ in chosen.sample([16, 8], using: &rng).scalars.map(Double.init) }
        let mean = w.reduce(0, +) / Double(w.count)
        let std = (w.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(w.count)).squareRoot()
        if uniform {
            #expect(w.allSatisfy { abs($0) <= expected })
            #expect(abs(std - expected / 3.0.squareRoot()) < 0.05 * expected)
        } else {
            // 2048 samples: the standard deviation is within 5% with overwhelming probability.
            #expect(abs(std - expected) < 0.05 * expected)
        }
    }

    @Test func initAppliesToEveryWeightAndZeroesBiases() throws {
        var rng = RandomSource(seed: 1)
        let model = try Sequential.mlp([3, 4, 2], using: &rng)
        try InitScheme(named: "constant").apply(to: model, value: 0.5, using: &rng)
        #expect(model.parameters.allSatisfy { $0.value.scalars.allSatisfy { $0 == 0.5 } })
        try InitScheme(named: "xavier").apply(to: model, using: &rng)
        #expect(model.parameters[1].value.scalars.allSatisfy { $0 == 0 })
        #expect(throws: NNError.self) { try InitScheme(named: "glorious") }
    }

    @Test func reprAndParameterCount() throws {
        var rng = RandomSource(seed: 1)
        let model = try Sequential.mlp([2, 16, 16, 3], using: &rng)
        #expect(model.parameterCount == 2 * 16 + 16 + 16 * 16 + 16 + 16 * 3 + 3)
        #expect(model.parameters.count == 6)
        #expect(model.reprDescription == """
        Sequential(
          (0): Linear(in_features=2, out_features=16, bias=True)
          (1): ReLU()
          (2): Linear(in_features=16, out_features=16, bias=True)
          (3): ReLU()
          (4): Linear(in_features=16, out_features=3, bias=True)
        )
        """)
        #expect(try Dropout(p: 0.25, using: &rng).shortDescription == "Dropout(p=0.25, inplace=False)")
        #expect(try BatchNorm(features: 4).shortDescription == "BatchNorm(4, eps=1e-05, momentum=0.1, affine=True)")
    }

    @Test func summaryTable() throws {
        var rng = RandomSource(seed: 1)
        let model = try Sequential.mlp([2, 16, 3], using: &rng)
        let summary = ModelSummary(model)
        #expect(summary.rows.map(\.outputShape) == ["[-1, 16]", "[-1, 16]", "[-1, 3]"])
        #expect(summary.text == """
        Sequential
        Layer  Type    Output shape  Param #
        ====================================
        0      Linear  [-1, 16]           48
        1      ReLU    [-1, 16]            0
        2      Linear  [-1, 3]            51
        ====================================
        Total params: 99
        """)
        #expect(summary.html.contains("<td>Linear</td><td>[-1, 16]</td><td style=\"text-align:right\">48</td>"))
        let cnn = Sequential([try Conv2d(inChannels: 1, outChannels: 4, kernel: 3, padding: 1, using: &rng),
                              try Pool2d(.max, kernel: 2), Flatten(), try Linear(inFeatures: 64, outFeatures: 10, using: &rng)])
        #expect(ModelSummary(cnn).rows.map(\.outputShape) == ["?", "?", "?", "?"])
        #expect(ModelSummary(cnn, inputShape: [1, 8, 8]).rows.map(\.outputShape) == ["[-1, 4, 8, 8]", "[-1, 4, 4, 4]", "[-1, 64]", "[-1, 10]"])
        _ = try cnn(Variable(Tensor(shape: [2, 1, 8, 8], scalars: [Float](repeating: 0, count: 128))))
        #expect(ModelSummary(cnn).rows.map(\.outputShape) == ["[-1, 4, 8, 8]", "[-1, 4, 4, 4]", "[-1, 64]", "[-1, 10]"])
    }

    @Test func absurdLayersAreMemoryErrorsNotCrashes() throws {
        var rng = RandomSource(seed: 1)
        do {
            _ = try Linear(inFeatures: 10_000_000, outFeatures: 10_000_000, using: &rng)
            Issue.record("no error")
        } catch let error {
            #expect(error.kind == "MemoryError")
            #expect(error.description.hasPrefix("cannot allocate a tensor of shape [10000000, 10000000] in Linear"))
        }
    }

    @Test func sequentialNamesTheFailingLayer() throws {
        var rng = RandomSource(seed: 1)
        let model = try Sequential.mlp([2, 4, 1], using: &rng)
        #expect(throws: NNError.shape("layer 0 (Linear): Linear(in_features=2, out_features=4) expects inputs with 2 features (last axis), got shape [5, 3]")) {
            try model(Variable(Tensor(shape: [5, 3], scalars: [Float](repeating: 0, count: 15))))
        }
    }

    @Test func dropoutIsInvertedAndOffInEval() throws {
        var rng = RandomSource(seed: 5)
        let drop = try Dropout(p: 0.5, using: &rng)
        let ones = Variable(Tensor(shape: [1000], scalars: [Float](repeating: 1, count: 1000)))
        let out = try drop(ones).value.scalars
        #expect(out.allSatisfy { $0 == 0 || $0 == 2 })
        let kept = out.filter { $0 == 2 }.count
        #expect(kept > 400 && kept < 600)
        drop.eval()
        #expect(try drop(ones).value == ones.value)
        #expect(throws: NNError.invalidArgument("dropout probability has to be between 0 and 1, but got 1.5")) { try Dropout(p: 1.5, using: &rng) }
    }

    @Test func saveAndLoadRoundTrip() throws {
        var rng = RandomSource(seed: 9)
        let model = Sequential([
            try Conv2d(inChannels: 1, outChannels: 2, kernel: 3, padding: 1, using: &rng), try BatchNorm(features: 2),
            Activation(.leakyReLU(slope: 0.2)), try Pool2d(.average, kernel: 2), Flatten(), try Dropout(p: 0.1, using: &rng),
            try Linear(inFeatures: 8, outFeatures: 3, using: &rng), PReLU(), Activation(.softmax(dim: -1)),
        ])
        let x = Variable(Tensor(shape: [3, 1, 4, 4], scalars: (0..<48).map { Float($0 % 7) - 3 }))
        _ = try model(x)   // updates BatchNorm's running statistics
        model.eval()
        let expected = try model(x).value
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("nn-model-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelArchive.save(model, to: path)
        let loaded = try ModelArchive.load(from: path, using: &rng)
        loaded.eval()
        #expect(try loaded(x).value == expected)
        #expect(loaded.reprDescription == model.reprDescription)
        #expect(throws: NNError.file("cannot read '/nonexistent/m.json': no such file or not readable")) {
            try ModelArchive.load(from: "/nonexistent/m.json", using: &rng)
        }
    }
}
