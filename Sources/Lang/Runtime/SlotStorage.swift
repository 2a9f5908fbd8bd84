/// Raw storage for variables: the one file of the interpreter that uses unsafe pointers.
///
/// Variables are read and written on every step of every loop. Keeping them in
/// `UnsafeMutablePointer<Value?>` buffers that never move (instead of Swift arrays in class
/// properties) removes the array uniqueness checks, bounds checks and dynamic exclusivity
/// checks from that path. Measured on `for i in range(1000000) { s += i }` (release build),
/// this together with `ExecBox` took the loop from 252 ms to 22 ms (CPython 3.11: ~100 ms);
/// tail-allocating a frame's slots cut 1,000,000 calls from ~250 ms to ~186 ms. Every buffer
/// is owned by a class that frees it in `deinit`; the pointers are only reachable through
/// `SlotRef` and `Frame`.

/// One variable's storage cell. Compiled code captures it directly; it stays valid as long as
/// the `GlobalSlots` that made it (compiled code also captures that owner).
struct SlotRef {
    private let pointer: UnsafeMutablePointer<Value?>

    fileprivate init(_ pointer: UnsafeMutablePointer<Value?>) {
        self.pointer = pointer
    }

    /// The variable's value, nil when it is not defined.
    @inline(__always)
    var value: Value? {
        get { pointer.pointee }
        nonmutating set { pointer.pointee = newValue }
    }
}

/// Global variable storage: chunks of slots that never move, so a slot's `SlotRef` stays
/// valid while more globals are added.
final class GlobalSlots {
    private static let chunkSize = 256
    private var chunks: [UnsafeMutablePointer<Value?>] = []
    private(set) var count = 0

    /// Adds a slot (undefined) and returns its index.
    func append() -> Int {
        if count == chunks.count * GlobalSlots.chunkSize {
            let chunk = UnsafeMutablePointer<Value?>.allocate(capacity: GlobalSlots.chunkSize)
            chunk.initialize(repeating: nil, count: GlobalSlots.chunkSize)
            chunks.append(chunk)
        }
        count += 1
        return count - 1
    }

    /// The cell of slot `index` (a precondition: `index < count`).
    func ref(_ index: Int) -> SlotRef {
        precondition(index >= 0 && index < count, "global slot \(index) out of range")
        return SlotRef(chunks[index / GlobalSlots.chunkSize] + index % GlobalSlots.chunkSize)
    }

    deinit {
        for chunk in chunks {
            chunk.deinitialize(count: GlobalSlots.chunkSize)
            chunk.deallocate()
        }
    }
}

/// What a frame keeps besides its slots.
struct FrameHeader {
    /// The number of local slots.
    let count: Int
    /// The frame of the function that defined the running function (nil at top level).
    let parent: Frame?
    /// The value the running block yields: set by `return` and by a trailing expression.
    var result: Value
}

/// The local variables of one function call, plus the lexically enclosing call's frame so
/// closures see (and share) the variables of the function that defined them.
///
/// The slots are tail-allocated in the frame object: one allocation per call instead of two.
final class Frame: ManagedBuffer<FrameHeader, Value?> {
    /// Makes a frame with `slotCount` undefined locals.
    /// - Parameters:
    ///   - slotCount: the number of locals.
    ///   - parent: the defining function's frame.
    /// - Returns: the frame.
    static func make(slotCount: Int, parent: Frame?) -> Frame {
        let buffer = Frame.create(minimumCapacity: slotCount) { _ in
            FrameHeader(count: slotCount, parent: parent, result: .none)
        }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { $0.initialize(repeating: nil, count: slotCount) }
        return frame
    }

    /// The number of local slots.
    var count: Int { header.count }
    /// The frame of the function that defined the running function (nil at top level).
    var parent: Frame? { header.parent }

    /// The value the running block yields: set by `return` and by a trailing expression.
    var result: Value {
        @inline(__always) get { header.result }
        @inline(__always) set { header.result = newValue }
    }

    /// Local `index`; the compiler only produces indexes below `count` (checked in debug).
    @inline(__always)
    subscript(index: Int) -> Value? {
        get {
            assert(index >= 0 && index < header.count, "local slot out of range")
            return withUnsafeMutablePointerToElements { $0[index] }
        }
        set {
            assert(index >= 0 && index < header.count, "local slot out of range")
            withUnsafeMutablePointerToElements { $0[index] = newValue }
        }
    }

    /// The frame `depth` levels up the lexical chain (0 is this frame).
    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var frame = self
        for _ in 0..<depth {
            guard let parent = frame.parent else { preconditionFailure("resolver depth beyond frames") }
            frame = parent
        }
        return frame
    }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in
            elements.deinitialize(count: header.pointee.count)
        }
    }
}
