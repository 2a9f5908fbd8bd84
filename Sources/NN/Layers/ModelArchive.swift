import Autograd
import Foundation
import Tensor

/// Saves and loads models as JSON: the architecture (each layer's type and settings) and
/// every parameter and BatchNorm running statistic, so `load(path)` rebuilds the model.
///
/// Format (version 1):
/// `{"format": "swift-nn-model", "version": 1, "model": LAYER}` where LAYER is
/// `{"type": "Linear", "settings": {...}, "tensors": {"weight": {"shape": [...], "data": [...]}},
/// "children": [LAYER...]}`.
public enum ModelArchive {
    /// The model as JSON bytes.
    ///
    /// - Parameter model: A model made of the NN module's layers.
    /// - Returns: UTF-8 JSON.
    /// - Throws: `NNError.invalidArgument` for a layer type the archive does not know.
    public static func encode(_ model: any Module) throws(NNError) -> Data {
        let root: [String: Any] = ["format": "swift-nn-model", "version": 1, "model": try describe(model)]
        do {
            return try JSONSerialization.data(withJSONObject: root, options: [.sortedKeys])
        } catch {
            throw .file("cannot encode the model: \(error)")
        }
    }

    /// Rebuilds a model from JSON bytes made by ``encode(_:)``.
    ///
    /// - Parameters:
    ///   - data: The JSON.
    ///   - source: A name for messages (the path).
    ///   - rng: The session's random source (Dropout layers draw their seed from it).
    /// - Returns: The model, in training mode.
    /// - Throws: `NNError.file` for malformed content.
    public static func decode(_ data: Data, source: String, using rng: inout RandomSource) throws(NNError) -> any Module {
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: data) } catch {
            throw .file("\(source) is not a saved model (not JSON)")
        }
        guard let root = object as? [String: Any], root["format"] as? String == "swift-nn-model",
              let model = root["model"] as? [String: Any] else {
            throw .file("\(source) is not a saved model (made by save(model, path))")
        }
        return try build(model, source: source, using: &rng)
    }

    /// Writes `model` to `path`.
    ///
    /// - Throws: `NNError.file` when the file cannot be written.
    public static func save(_ model: any Module, to path: String) throws(NNError) {
        let data = try encode(model)
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            throw .file("cannot write '\(path)': the folder does not exist or is not writable")
        }
    }

    /// Reads a model from `path`.
    ///
    /// - Throws: `NNError.file` when the file is missing or malformed.
    public static func load(from path: String, using rng: inout RandomSource) throws(NNError) -> any Module {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file("cannot read '\(path)': no such file or not readable")
        }
        return try decode(data, source: path, using: &rng)
    }

    // MARK: - Encoding

    static func tensorJSON(_ t: Tensor) -> [String: Any] {
        ["shape": t.shape, "data": t.scalars.map { Double($0) }]
    }

    static func describe(_ m: any Module) throws(NNError) -> [String: Any] {
        var settings: [String: Any] = [:]
        var tensors: [String: Any] = [:]
        var children: [[String: Any]] = []
        switch m {
        case let l as Linear:
            settings = ["in": l.inFeatures, "out": l.outFeatures, "bias": l.bias != nil]
        case let c as Conv2d:
            settings = ["in": c.inChannels, "out": c.outChannels, "kernel": c.kernel, "stride": c.stride,
                        "padding": c.padding, "bias": c.bias != nil]
        case let p as Pool2d:
            settings = ["kernel": p.kernel, "stride": p.stride]
        case let b as BatchNorm:
            settings = ["features": b.features, "eps": b.eps, "momentum": b.momentum]
            tensors["running_mean"] = tensorJSON(b.runningMean)
            tensors["running_var"] = tensorJSON(b.runningVar)
        case let d as Dropout:
            settings = ["p": d.p]
        case let a as Activation:
            switch a.kind {
            case .leakyReLU(let s): settings = ["slope": Double(s)]
            case .elu(let alpha): settings = ["alpha": Double(alpha)]
            case .gelu(let approximate): settings = ["approximate": approximate]
            case .softmax(let d), .logSoftmax(let d): settings = ["dim": d]
            default: break
            }
        case is PReLU, is Flatten:
            break
        case let s as Sequential:
            for layer in s.layers { children.append(try describe(layer)) }
        default:
            throw .invalidArgument("save: cannot save a layer of type \(m.typeName)")
        }
        for (i, p) in m.ownParameters.enumerated() { tensors["p\(i)"] = tensorJSON(p.value) }
        return ["type": m.typeName, "settings": settings, "tensors": tensors, "children": children]
    }

    // MARK: - Decoding

    static func build(_ o: [String: Any], source: String, using rng: inout RandomSource) throws(NNError) -> any Module {
        let type = o["type"] as? String ?? "?"
        let settings = o["settings"] as? [String: Any] ?? [:]
        func int(_ key: String) throws(NNError) -> Int {
            guard let v = settings[key] as? Int else { throw .file("\(source): layer \(type) lacks '\(key)'") }
            return v
        }
        func double(_ key: String, _ fallback: Double) -> Double { (settings[key] as? Double) ?? fallback }
        let module: any Module
        switch type {
        case "Linear":
            module = try Linear(inFeatures: int("in"), outFeatures: int("out"), bias: settings["bias"] as? Bool ?? true, using: &rng)
        case "Conv2d":
            module = try Conv2d(inChannels: int("in"), outChannels: int("out"), kernel: int("kernel"),
                                stride: int("stride"), padding: int("padding"), bias: settings["bias"] as? Bool ?? true, using: &rng)
        case "MaxPool2d": module = try Pool2d(.max, kernel: int("kernel"), stride: int("stride"))
        case "AvgPool2d": module = try Pool2d(.average, kernel: int("kernel"), stride: int("stride"))
        case "BatchNorm":
            module = try BatchNorm(features: int("features"), eps: double("eps", 1e-5), momentum: double("momentum", 0.1))
        case "Dropout": module = try Dropout(p: double("p", 0.5), using: &rng)
        case "PReLU": module = PReLU()
        case "Flatten": module = Flatten()
        case "Sequential":
            var layers: [any Module] = []
            for child in o["children"] as? [[String: Any]] ?? [] { layers.append(try build(child, source: source, using: &rng)) }
            module = Sequential(layers)
        case "LeakyReLU": module = Activation(.leakyReLU(slope: Float(double("slope", 0.01))))
        case "ELU": module = Activation(.elu(alpha: Float(double("alpha", 1))))
        case "GELU": module = Activation(.gelu(approximate: settings["approximate"] as? Bool ?? false))
        case "Softmax": module = Activation(.softmax(dim: (settings["dim"] as? Int) ?? -1))
        case "LogSoftmax": module = Activation(.logSoftmax(dim: (settings["dim"] as? Int) ?? -1))
        default:
            guard let kind = try? Activation.Kind(named: type) else { throw .file("\(source): unknown layer type '\(type)'") }
            module = Activation(kind)
        }
        let tensors = o["tensors"] as? [String: Any] ?? [:]
        for (i, p) in module.ownParameters.enumerated() {
            let t = try tensor(tensors["p\(i)"], source: source, layer: type)
            guard t.shape == p.shape else {
                throw .file("\(source): a \(type) parameter has shape \(NNError.format(t.shape)), expected \(NNError.format(p.shape))")
            }
            p.value = t
        }
        if let bn = module as? BatchNorm {
            try bn.setRunningStatistics(mean: tensor(tensors["running_mean"], source: source, layer: type),
                                        variance: tensor(tensors["running_var"], source: source, layer: type))
        }
        return module
    }

    static func tensor(_ any: Any?, source: String, layer: String) throws(NNError) -> Tensor {
        guard let o = any as? [String: Any], let shape = o["shape"] as? [Int], let data = o["data"] as? [Double],
              shape.allSatisfy({ $0 >= 0 }), shape.reduce(1, *) == data.count else {
            throw .file("\(source): a \(layer) tensor is missing or malformed")
        }
        return Tensor(shape: shape, scalars: data.map { Float($0) })
    }
}
