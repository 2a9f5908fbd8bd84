import Testing
import Autograd
import Tensor
@testable import NN

/// Optimisers, schedules and clipping against PyTorch (Tests/fixtures/{optimizers,schedules,clip}.json).
@Suite("Optimisers match PyTorch")
struct OptimizerTests {
    static func make(_ name: String, _ options: [String: Any], _ params: [Variable]) throws -> any Optimizer {
        let lr = try options.double("lr")
        let wd = (options["weight_decay"] as? Double) ?? 0
        let momentum = (options["momentum"] as? Double) ?? 0
        switch name {
        case "SGD":
            return try SGD(params, lr: lr, momentum: momentum, nesterov: (options["nesterov"] as? Bool) ?? false, weightDecay: wd)
        case "Adam":
            return try Adam(params, lr: lr, weightDecay: wd, amsgrad: (options["amsgrad"] as? Bool) ?? false)
        case "AdamW":
            return try Adam(params, lr: lr, weightDecay: (options["weight_decay"] as? Double) ?? 0.01, decoupled: true)
        case "Adagrad": return try Adagrad(params, lr: lr)
        case "RMSprop":
            return try RMSprop(params, lr: lr, momentum: momentum, centered: (options["centered"] as? Bool) ?? false)
        case "Adadelta": return try Adadelta(params, lr: lr)
        case "Adamax": return try Adamax(params, lr: lr)
        case "NAdam": return try NAdam(params, lr: lr)
        default: throw Fixtures.Missing(description: "unknown optimizer \(name)")
        }
    }

    @Test func trajectoriesOnTheQuadratic() throws {
        let fixture = try Fixtures.load("optimizers.json")
        let problem = try fixture.object("quadratic_problem")
        let a = try problem.floats("a"), b = try problem.floats("b")
        let cases = try fixture.objects("cases")
        #expect(cases.count == 15)
        for c in cases {
            let id: String = try c.get("id")
            let p = Variable(Tensor(shape: [3], scalars: try problem.floats("p0")), requiresGrad: true)
            let opt = try Self.make(try c.get("optimizer"), try c.object("options"), [p])
            let expected = try c.get("quadratic", as: [[NSNumber]].self)
            for (k, row) in expected.enumerated() {
                opt.zeroGrad()
                let x = p.value.scalars
                p.grad = Tensor(shape: [3], scalars: (0..<3).map { a[$0] * x[$0] + b[$0] })
                opt.step()
                expectClose(p.value.scalars, row.map(\.floatValue), tolerance: 2e-5, "\(id) step \(k + 1)")
            }
        }
    }

    @Test func trajectoriesOnTheLinearModel() throws {
        let fixture = try Fixtures.load("optimizers.json")
        let problem = try fixture.object("linear_problem")
        let x = Variable(Tensor(shape: [4, 3], scalars: (try problem.get("x", as: [[NSNumber]].self)).flatMap { $0.map(\.floatValue) }))
        let y = Variable(Tensor(shape: [4, 2], scalars: (try problem.get("y", as: [[NSNumber]].self)).flatMap { $0.map(\.floatValue) }))
        let w0 = (try problem.get("w0", as: [[NSNumber]].self)).flatMap { $0.map(\.floatValue) }
        for c in try fixture.objects("cases") {
            let id: String = try c.get("id")
            let layer = try Linear(weight: Tensor(shape: [2, 3], scalars: w0), bias: Tensor(shape: [2], scalars: try problem.floats("b0")))
            let opt = try Self.make(try c.get("optimizer"), try c.object("options"), layer.parameters)
            for (k, row) in (try c.objects("linear")).enumerated() {
                opt.zeroGrad()
                let loss = try Losses.mse(try layer(x), y)
                try loss.backward()
                opt.step()
                #expect(abs(Double(loss.value.scalars[0]) - (try row.double("loss"))) < 1e-5, "\(id) loss \(k + 1)")
                expectClose(layer.weight.value.scalars, try row.floats("weight"), tolerance: 2e-5, "\(id) weight \(k + 1)")
                expectClose(layer.bias?.value.scalars ?? [], try row.floats("bias"), tolerance: 2e-5, "\(id) bias \(k + 1)")
            }
        }
    }

    @Test func defaultsMatchPyTorch() throws {
        let defaults = try Fixtures.load("optimizers.json").object("defaults")
        let p = [Variable(Tensor(0), requiresGrad: true)]
        #expect(try SGD(p).lr == defaults.object("SGD").double("lr"))
        let adam = try Adam(p)
        #expect(adam.lr == (try defaults.object("Adam").double("lr")))
        #expect([adam.betas.0, adam.betas.1] == (try defaults.object("Adam").doubles("betas")))
        #expect(adam.eps == (try defaults.object("Adam").double("eps")))
        #expect(try Adagrad(p).lr == defaults.object("Adagrad").double("lr"))
        #expect(try Adagrad(p).eps == defaults.object("Adagrad").double("eps"))
        #expect(try RMSprop(p).alpha == defaults.object("RMSprop").double("alpha"))
        #expect(try Adadelta(p).rho == defaults.object("Adadelta").double("rho"))
        #expect(try Adadelta(p).eps == defaults.object("Adadelta").double("eps"))
        #expect(try Adamax(p).lr == defaults.object("Adamax").double("lr"))
        #expect(try NAdam(p).momentumDecay == defaults.object("NAdam").double("momentum_decay"))
    }

    @Test func schedulesMatchPyTorch() throws {
        for c in try Fixtures.load("schedules.json").objects("cases") {
            let id: String = try c.get("id")
            let options = try c.object("options")
            let p = [Variable(Tensor(0), requiresGrad: true)]
            let opt: any Optimizer = (try c.get("optimizer") as String) == "Adam"
                ? try Adam(p, lr: 0.1) : try SGD(p, lr: 0.1, momentum: 0.9)
            let kind: Schedule.Kind
            switch try c.get("schedule") as String {
            case "StepLR": kind = .step(every: try options.int("step"), gamma: try options.double("gamma"))
            case "ExponentialLR": kind = .exponential(gamma: try options.double("gamma"))
            case "CosineLR": kind = .cosine(total: try options.int("total"), minLR: 0)
            default: kind = .oneCycle(maxLR: try options.double("max_lr"), total: try options.int("total"))
            }
            let schedule = try Schedule(kind, optimizer: opt)
            let lrs = try c.doubles("lrs"), momenta = try c.doubles("momenta")
            for k in lrs.indices {
                if k > 0 { try schedule.step() }
                #expect(abs(opt.lr - lrs[k]) < 1e-9, "\(id) lr \(k)")
                #expect(abs((opt.cycledMomentum ?? 0) - momenta[k]) < 1e-9, "\(id) momentum \(k)")
            }
        }
    }

    @Test func oneCycleRefusesToRunPastItsTotal() throws {
        let opt = try SGD([Variable(Tensor(0), requiresGrad: true)], lr: 0.1)
        let schedule = try Schedule(.oneCycle(maxLR: 1, total: 3), optimizer: opt)
        try schedule.step(); try schedule.step(); try schedule.step()
        #expect(throws: NNError.invalidArgument("OneCycleLR: tried to step 4 times; the schedule was made for total=3 steps")) {
            try schedule.step()
        }
    }

    @Test func clipGradNormMatchesPyTorch() throws {
        for c in try Fixtures.load("clip.json").objects("cases") {
            let a = Variable(Tensor(shape: [2], scalars: [3, -4]), requiresGrad: true)
            let b = Variable(Tensor(shape: [2, 2], scalars: [1, 2, -2, 0.5]), requiresGrad: true)
            a.grad = a.value
            b.grad = b.value
            let total = try GradientClipping.clipNorm([a, b], maxNorm: try c.double("max_norm"))
            #expect(abs(total - (try c.double("total_norm"))) < 1e-9)
            expectClose(a.grad?.scalars ?? [], try c.floats("grad_a"), tolerance: 1e-6)
            expectClose(b.grad?.scalars ?? [], try c.floats("grad_b"), tolerance: 1e-6)
        }
    }

    @Test func optimizerArgumentErrors() {
        let p = [Variable(Tensor(0), requiresGrad: true)]
        #expect(throws: NNError.invalidArgument("SGD: Nesterov momentum requires a momentum > 0 and zero dampening")) {
            try SGD(p, lr: 0.1, nesterov: true)
        }
        #expect(throws: NNError.invalidArgument("Adam: beta1 must be in [0, 1), got 1.0")) {
            try Adam(p, betas: (1, 0.999))
        }
        #expect(throws: NNError.invalidArgument("Adam got an empty parameter list: pass model.parameters() or a list of param(...) tensors")) {
            try Adam([])
        }
        #expect(throws: NNError.invalidArgument("SGD: every parameter must require grad (make it with param(...) or .requires_grad())")) {
            try SGD([Variable(Tensor(0))], lr: 0.1)
        }
    }

    @Test func stepSkipsParametersWithoutGradient() throws {
        let p = Variable(Tensor(shape: [1], scalars: [1]), requiresGrad: true)
        let opt = try Adam([p], lr: 0.1)
        opt.step()
        #expect(p.value.scalars == [1])
    }
}

import Foundation
