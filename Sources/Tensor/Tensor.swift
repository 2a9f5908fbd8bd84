/// A dense n-dimensional array of `Float` values.
///
/// Storage is contiguous and row-major; it is copy-on-write, so copying a `Tensor` is cheap
/// and a mutation copies only when the storage is shared. A 0-d tensor (a scalar) has shape
/// `[]` and exactly one element; its empty shape array allocates nothing.
///
/// ```swift
/// let t = Tensor(shape: [2, 2], scalars: [1, 2, 3, 4])
/// print(t)   // tensor([[1., 2.],
///            //         [3., 4.]])
/// ```
public struct Tensor: Sendable {
    /// The size of each axis, outermost first. `[]` for a 0-d tensor.
    @usableFromInline internal var _shape: [Int]
    public var shape: [Int] { _shape }

    /// The elements in row-major order (copy-on-write), unless `isInline`.
    @usableFromInline internal var buffer: [Float]
    /// The only element of a one-element tensor kept inline (no heap allocation), when
    /// `isInline`. Scalar-heavy autograd creates and drops millions of 0-d tensors; keeping
    /// them inline removes one allocation per tensor.
    @usableFromInline internal var inlineScalar: Float
    /// Whether the data is `inlineScalar` rather than `buffer`.
    @usableFromInline internal var isInline: Bool

    /// The elements as an array (allocates for an inline scalar; hot scalar paths read
    /// `inlineScalar`/`first` instead). Mutation through it keeps copy-on-write uniqueness.
    @usableFromInline internal var storage: [Float] {
        get { isInline ? [inlineScalar] : buffer }
        set { buffer = newValue; isInline = false }
        _modify {
            if isInline { buffer = [inlineScalar]; isInline = false }
            yield &buffer
        }
    }

    /// The first element (the only one of a scalar) without allocating.
    @inlinable internal var first: Float { isInline ? inlineScalar : buffer[0] }

    /// Creates a tensor from a shape and its elements in row-major order.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis; every size must be >= 0.
    ///   - scalars: The elements; their count must equal the product of `shape`.
    /// - Precondition: `scalars.count` equals the product of `shape` (a programmer error
    ///   otherwise; use ``init(validatingShape:scalars:)`` for user data).
    @inlinable
    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative size in shape \(shape)")
        precondition(Tensor.count(of: shape) == scalars.count,
                     "shape \(shape) needs \(Tensor.count(of: shape)) scalars, got \(scalars.count)")
        self._shape = shape
        self.buffer = scalars
        self.inlineScalar = 0
        self.isInline = false
    }

    /// Creates a tensor from user-supplied data, checking that shape and data agree.
    ///
    /// - Parameters:
    ///   - shape: The size of each axis.
    ///   - scalars: The elements in row-major order.
    /// - Throws: `TensorError.invalidArgument` when a size is negative or the count differs.
    public init(validatingShape shape: [Int], scalars: [Float]) throws(TensorError) {
        if let bad = shape.first(where: { $0 < 0 }) {
            throw .invalidArgument("negative dimension \(bad) in shape \(TensorError.format(shape))")
        }
        let n = Tensor.count(of: shape)
        guard n == scalars.count else {
            throw .invalidArgument(
                "shape \(TensorError.format(shape)) needs \(n) values, got \(scalars.count)")
        }
        self._shape = shape
        self.buffer = scalars
        self.inlineScalar = 0
        self.isInline = false
    }

    /// Creates a 0-d tensor (shape `[]`) holding one value.
    ///
    /// - Parameter scalar: The value.
    @inlinable
    public init(_ scalar: Float) {
        self._shape = []
        self.buffer = []
        self.inlineScalar = scalar
        self.isInline = true
    }

    /// Creates a tensor of `shape` with every element equal to `value` (a one-element tensor
    /// of any rank is stored inline, without allocation).
    ///
    /// - Parameters:
    ///   - value: The fill value.
    ///   - shape: The shape; it must come from an existing tensor (no size check).
    @inlinable
    public init(repeating value: Float, shape: [Int]) {
        let n = Tensor.count(of: shape)
        if n == 1 {
            self.init(unchecked: shape, scalar: value)
        } else {
            self.init(unchecked: shape, [Float](repeating: value, count: n))
        }
    }

    /// Creates a tensor without checks (internal fast path).
    @inlinable
    internal init(unchecked shape: [Int], _ storage: [Float]) {
        self._shape = shape
        self.buffer = storage
        self.inlineScalar = 0
        self.isInline = false
    }

    /// A one-element tensor of any rank with its value inline (no allocation for `[]`).
    @inlinable
    internal init(unchecked shape: [Int], scalar: Float) {
        self._shape = shape
        self.buffer = []
        self.inlineScalar = scalar
        self.isInline = true
    }

    /// The elements in row-major order, as a new array (cheap: shares storage until mutated).
    @inlinable public var scalars: [Float] { storage }

    /// Runs `body` on the elements in row-major order, changed in place: copy-on-write copies
    /// them only when another tensor shares the storage (an optimiser's update of a parameter
    /// then allocates nothing). `body` must not change the count.
    ///
    /// - Parameter body: The update.
    /// - Returns: What `body` returns.
    public mutating func withMutableScalars<R>(_ body: (inout [Float]) throws -> R) rethrows -> R {
        let n = scalarCount
        defer { precondition(scalarCount == n, "withMutableScalars changed the element count") }
        return try body(&storage)
    }

    /// The number of elements (the product of `shape`, 1 for a 0-d tensor).
    @inlinable public var scalarCount: Int { isInline ? 1 : buffer.count }

    /// The number of axes (`shape.count`).
    @inlinable public var rank: Int { shape.count }

    /// Whether the tensor has exactly one element (any rank), as `item()` requires.
    @inlinable public var isSingleElement: Bool { scalarCount == 1 }

    /// The only element of a one-element tensor.
    ///
    /// - Throws: `TensorError.invalidArgument` when the tensor has more or fewer than one element.
    public func item() throws(TensorError) -> Float {
        guard scalarCount == 1 else {
            throw .invalidArgument(
                "item() needs a tensor with exactly one element, got shape \(TensorError.format(shape)) (\(scalarCount) elements)")
        }
        return first
    }

    /// The product of the sizes in `shape` (1 for `[]`).
    ///
    /// - Parameter shape: The shape.
    /// - Returns: The element count.
    @inlinable
    public static func count(of shape: [Int]) -> Int {
        var n = 1
        for s in shape { n &*= s }
        return n
    }

    /// Row-major strides (in elements) for a shape.
    ///
    /// - Parameter shape: The shape.
    /// - Returns: One stride per axis; the last axis has stride 1.
    @inlinable
    public static func strides(of shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var acc = 1
        var i = shape.count - 1
        while i >= 0 {
            strides[i] = acc
            acc &*= shape[i]
            i -= 1
        }
        return strides
    }

    /// Replaces shape and data at once (internal; the count must match).
    @inlinable
    internal mutating func replace(shape: [Int], storage: [Float]) {
        self._shape = shape
        self.storage = storage
    }
}

extension Tensor: Equatable {
    /// Two tensors are equal when shapes and all elements are equal (NaN != NaN).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        if lhs.isInline && rhs.isInline { return lhs.shape == rhs.shape && lhs.inlineScalar == rhs.inlineScalar }
        return lhs.shape == rhs.shape && lhs.storage == rhs.storage
    }
}
