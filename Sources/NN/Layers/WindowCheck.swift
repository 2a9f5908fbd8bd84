import Autograd
import Tensor

/// Input checks and output sizes shared by the window layers (Conv2d, MaxPool2d, AvgPool2d),
/// with messages that name the layer. The windows themselves are computed by the engine's
/// `conv2d` and `pool2d` operations (dedicated im2col/col2im and pooling loops).
enum WindowCheck {
    /// The output size of a window sweep along one axis.
    static func outputSize(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
        (size + 2 * padding - kernel) / stride + 1
    }

    /// Checks an input for a window operation: `[N, C, H, W]`, the expected channels, a
    /// window that fits, and an im2col matrix that can be allocated.
    ///
    /// - Throws: `NNError.shape` naming the layer, or a MemoryError.
    static func check(_ shape: [Int], channels: Int?, kernel: Int, stride: Int, padding: Int, layer: String) throws(NNError) {
        guard shape.count == 4 else {
            throw .shape("\(layer) expects inputs of shape [N, C, H, W], got \(NNError.format(shape)); reshape images with x.reshape(-1, 1, 8, 8) for example")
        }
        let (n, c, h, w) = (shape[0], shape[1], shape[2], shape[3])
        if let channels, c != channels {
            throw .shape("\(layer) expects \(channels) input channels (axis 1), got shape \(NNError.format(shape))")
        }
        guard h + 2 * padding >= kernel, w + 2 * padding >= kernel else {
            throw .shape("\(layer): the \(kernel)x\(kernel) window does not fit an input of \(h)x\(w) (padding \(padding)), shape \(NNError.format(shape))")
        }
        let ho = outputSize(h, kernel: kernel, stride: stride, padding: padding)
        let wo = outputSize(w, kernel: kernel, stride: stride, padding: padding)
        try LayerSupport.checkAllocation([n * ho * wo, c * kernel * kernel], layer)
    }
}
