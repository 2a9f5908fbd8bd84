import Foundation
import Testing
@testable import Lang

/// The NN, training and data builtins seen from the notebook language.
@Suite struct NNBuiltinsTests {
    @Test("layer constructors and module members", arguments: [
        ("Linear(2, 3)", "Linear(in_features=2, out_features=3, bias=True)"),
        ("print(Linear(2, 3, bias=false))", "Linear(in_features=2, out_features=3, bias=False)\n"),
        ("type(ReLU())", "\"module\""),
        ("len(mlp([2, 16, 16, 3]).parameters())", "6"),
        ("mlp([2, 16, 3]).count_parameters()", "99"),
        ("m = Linear(4, 2)\nm.weight.shape", "[2, 4]"),
        ("m = Linear(4, 2)\nm.weight = zeros(2, 4)\nm.weight.sum()", "tensor(0., grad_fn=<SumBackward0>)"),
        ("m = Linear(4, 2)\nm.weight = zeros(4, 2)", "ShapeError: Linear.weight has shape [2, 4]; the new value has shape [4, 2]"),
        ("m = Sequential(Linear(2, 4), Tanh(), Linear(4, 1))\nlen(m.layers)", "3"),
        ("m = Dropout(0.3)\nm.eval()\nm.training", "false"),
        ("print(Conv2d(1, 8, 3, padding=1))", "Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))\n"),
    ])
    func modules(_ code: String, _ expected: String) {
        let t = TestSession()
        if code == "Linear(2, 3)" {
            // A model's result is its summary table; print shows PyTorch's repr.
            #expect(t.run(code).hasSuffix("Total params: 9"))
            #expect(t.printed("print(\(code))") == expected + "\n")
            return
        }
        #expect((code.hasPrefix("print") ? t.printed(code) : t.run(code)) == expected)
    }

    @Test func modelResultIsTheSummaryTable() {
        let t = TestSession()
        guard case .ok(let bundle?, _) = t.session.execute("mlp([2, 16, 3])", cellName: "In[1]", output: t.sink) else {
            Issue.record("no result")
            return
        }
        #expect(bundle["text/plain"]?.contains("0      Linear  [-1, 16]           48") == true)
        #expect(bundle["text/html"]?.hasPrefix("<table") == true)
    }

    @Test func summaryWithAnInputShape() {
        let t = TestSession()
        t.run("cnn = Sequential(Conv2d(1, 4, 3, padding=1), ReLU(), MaxPool2d(2), Flatten(), Linear(64, 10))\ncnn.summary([1, 8, 8])")
        let text = t.sink.displays.last?.0["text/plain"] ?? ""
        #expect(text.contains("2      MaxPool2d  [-1, 4, 4, 4]"))
        #expect(text.hasSuffix("Total params: 690"))
    }

    @Test("errors of the NN builtins", arguments: [
        ("mse([[1], [2]], [1, 2])", "ShapeError: mse: the prediction has shape [2, 1] but the target has shape [2]; they would broadcast to [2, 2] and compare every prediction with every target: use y.reshape(-1, 1) for the target (or pred.reshape(-1))"),
        ("mlp([2])", "ValueError: mlp needs at least two sizes (inputs and outputs), e.g. mlp([2, 16, 1]); got [2]"),
        ("Linear(2, 3, init=\"magic\")", "ValueError: unknown init scheme 'magic': choose one of \"default\", \"xavier\", \"glorot\", \"xavier_normal\", \"glorot_normal\", \"he\", \"kaiming\", \"he_uniform\", \"kaiming_uniform\", \"lecun\", \"lecun_uniform\", \"normal\", \"uniform\", \"zeros\", \"constant\""),
        ("dataset(\"mnist\")", "ValueError: unknown data set 'mnist': choose one of \"iris\", \"digits\", \"diabetes\", \"wine\", \"breast_cancer\""),
        ("Adam([1, 2], lr=0.1)", "ValueError: Adam: every parameter must require grad (make it with param(...) or .requires_grad())"),
        ("Linear(3, 1)([[1, 2]])", "ShapeError: Linear(in_features=3, out_features=1) expects inputs with 3 features (last axis), got shape [1, 2]"),
        ("fit(Linear(1, 1), [[1], [2]], [1, 2, 3])", "ShapeError: fit: X has 2 samples (shape [2, 1]) but y has 3 (shape [3])"),
        ("cross_entropy([[1, 2, 3]], [3])", "IndexError: cross_entropy: label 3 is out of range for 3 classes (scores shape [1, 3]); labels must be 0..2"),
        ("load_npy(\"/nonexistent/x.npy\")", "IOError: cannot read '/nonexistent/x.npy': no such file or not readable"),
    ])
    func errors(_ code: String, _ expected: String) {
        #expect(TestSession().run(code) == expected)
    }

    @Test func lossesAndMetricsMatchKnownValues() {
        let t = TestSession()
        #expect(t.run("mse([1, 2, 3], [1, 2, 5])").hasPrefix("tensor(1.3333"))
        #expect(t.run("huber([0, 3], [0, 0])").hasPrefix("tensor(1.2500"))
        #expect(t.run("accuracy([[2, 1], [0, 3], [1, 0]], [0, 1, 1])") == "0.6666666666666666")
        #expect(t.run("rmse([1, 3], [2, 1])") == String(describing: (2.5).squareRoot()))
        #expect(t.run("cross_entropy([[0, 0]], [1])").hasPrefix("tensor(0.6931"))
        #expect(t.run("bce([0.5], [1])").hasPrefix("tensor(0.6931"))
    }

    @Test func fitLearnsMoonsAndReturnsAHistory() {
        let t = TestSession()
        t.run("""
        X, y = moons(200, noise=0.1, seed=0)
        model = mlp([2, 16, 16, 2])
        opt = Adam(model.parameters(), lr=0.02)
        history = fit(model, X, y, loss=cross_entropy, opt=opt, epochs=40, batch_size=50)
        """)
        #expect(t.run("type(history)") == "\"history\"")
        #expect(t.run("len(history.loss)") == "40")
        #expect(t.run("history.loss[-1] < history.loss[0] * 0.5") == "true")
        #expect(t.run("accuracy(predict(model, X), y) > 0.9") == "true")
        #expect(t.run("len(history.acc)") == "40")
        // The progress line and the live curve were displayed and then updated in place.
        #expect(t.sink.displays.contains { $0.0["text/plain"]?.hasPrefix("epoch ") == true })
        #expect(t.sink.displays.contains { $0.0["image/svg+xml"] != nil })
        #expect(t.sink.updates.contains { $0.0["text/plain"]?.hasPrefix("epoch 40/40") == true })
    }

    @Test func fitTakesLossNamesAndUserFunctions() {
        let t = TestSession()
        t.run("X, y = linear_data(40, 2, b=1, noise=0, seed=4)\nm = Linear(1, 1)")
        #expect(t.run("h = fit(m, X, y, loss=\"mse\", opt=SGD(m.parameters(), lr=0.1), epochs=30, batch_size=40, live=false)\nh.loss[-1] < 0.01") == "true")
        t.run("m2 = Linear(1, 1)")
        #expect(t.run("h2 = fit(m2, X, y, loss=fn(p, t) = ((p - t)^2).mean(), opt=SGD(m2.parameters(), lr=0.1), epochs=30, batch_size=40, live=false)\nh2.loss[-1] < 0.01") == "true")
        #expect(t.run("len(h2.acc)") == "0")
        #expect(t.run("fit(m, X, y, loss=\"l3\")") == "ValueError: unknown loss \"l3\": use mse, mae, huber, bce, bce_logits, cross_entropy, nll or hinge, or a function fn(pred, y)")
        #expect(t.sink.displays.isEmpty)
    }

    @Test func interruptStopsFitAndKeepsTheModel() {
        let t = TestSession()
        t.run("X, y = moons(64, seed=1)\nm = mlp([2, 8, 2])\nw0 = m.parameters()[0].sum().item()")
        let box = SessionBox(t.session)
        let timer = Thread {
            // Interrupt (thread-safe) every 0.2 s until the cell has ended, so a slow start of
            // the cell cannot lose the interrupt.
            while !box.isDone {
                Thread.sleep(forTimeInterval: 0.2)
                if !box.isDone { box.session.interrupt() }
            }
        }
        timer.start()
        let result = t.run("fit(m, X, y, loss=cross_entropy, opt=SGD(m.parameters(), lr=0.1), epochs=1000000, batch_size=8)")
        box.finish()
        #expect(result.hasPrefix("Interrupted"))
        #expect(t.run("m.parameters()[0].sum().item() != w0") == "true")
        // The progress line's final update says the run stopped.
        #expect(t.sink.updates.contains { $0.0["text/plain"]?.hasSuffix("(stopped)") == true })
    }

    @Test func optimizerMembersAndSchedules() {
        let t = TestSession()
        t.run("m = Linear(1, 1)\nopt = SGD(m.parameters(), lr=0.1, momentum=0.9)\ns = StepLR(opt, 2, gamma=0.5)")
        #expect(t.run("opt.lr") == "0.1")
        t.run("s.step(); s.step()")
        #expect(t.run("opt.lr") == "0.05")
        t.run("opt.lr = 0.3")
        #expect(t.run("opt.lr") == "0.3")
        #expect(t.printed("print(Adam(m.parameters()))") == "Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=0.0, amsgrad=False)\n")
    }

    @Test func dataBuiltins() {
        let t = TestSession()
        #expect(t.run("d = dataset(\"iris\")\nd.X.shape") == "[150, 4]")
        #expect(t.run("d.classes") == "[\"setosa\", \"versicolor\", \"virginica\"]")
        #expect(t.run("X, y = spiral(300, classes=3)\nX.shape") == "[300, 2]")
        #expect(t.run("Xtr, Xte, ytr, yte = train_test_split(X, y, test=0.2, seed=1)\nXte.shape") == "[60, 2]")
        #expect(t.run("len(batches(X, y, size=128))") == "3")
        #expect(t.run("Z, st = standardize([[1, 2], [3, 6]])\nZ") == "tensor([[-1., -1.],\n        [ 1.,  1.]])")
        #expect(t.run("st.std") == "tensor([1., 2.])")
        #expect(t.run("Xt, _ = standardize([[3, 8]], st)\nXt") == "tensor([[1., 2.]])")
        #expect(t.run("Xg, yg = gates(\"xor\")\nyg") == "tensor([0., 1., 1., 0.])")
        #expect(t.run("normal_equation([0, 1, 2, 3], [3, 5, 7, 9])") == "tensor([3., 2.])")
    }

    @Test func saveLoadAndNpyFiles() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nn-lang-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let t = TestSession()
        t.run("""
        m = mlp([2, 3, 1])
        X, y = moons(10, seed=2)
        save(m, "\(dir.path)/m.json")
        m2 = load("\(dir.path)/m.json")
        save_npy("\(dir.path)/x.npy", X)
        """)
        #expect(t.run("(predict(m, X) != predict(m2, X)).sum()") == "tensor(0.)")
        #expect(t.run("(load_npy(\"\(dir.path)/x.npy\") != X).sum()") == "tensor(0.)")
        #expect(t.run("load_npy(\"\(dir.path)/x.npy\").shape") == "[10, 2]")
    }
}

/// Hands a session to another thread, which only calls the thread-safe `interrupt()`.
private final class SessionBox: @unchecked Sendable {
    let session: Session
    private let lock = NSLock()
    private var done = false
    init(_ session: Session) { self.session = session }
    var isDone: Bool { lock.withLock { done } }
    func finish() { lock.withLock { done = true } }
}
