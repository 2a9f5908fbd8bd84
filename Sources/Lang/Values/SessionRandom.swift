import Tensor

/// The session's random generator: `seed(n)` / `%seed n` reseed it, and every random builtin
/// (rand, randn, randint, layer initialisation, Dropout, shuffling in fit, the data
/// generators, train_test_split) draws from it. One per session, kept in the context's state
/// (no global generator).
public final class SessionRandom {
    /// The generator.
    public var source: RandomSource

    /// A generator with a fresh, unpredictable seed (like PyTorch before `manual_seed`).
    public init() {
        source = RandomSource(seed: UInt64.random(in: 0...UInt64.max))
    }

    /// Restarts the sequence from `seed`.
    /// - Parameter seed: the seed.
    public func reseed(_ seed: UInt64) {
        source = RandomSource(seed: seed)
    }
}

extension BuiltinContext {
    /// The session's random generator (see `SessionRandom`).
    public var random: SessionRandom { state(SessionRandom.self) { SessionRandom() } }
}
