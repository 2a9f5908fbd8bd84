import Testing
@testable import Tensor

@Suite struct TensorPrintingTests {
    static let cases: [(id: String, shape: [Int], values: [Float], text: String)] = [
        ("scalar int", [], [3], "tensor(3.)"),
        ("scalar frac", [], [2.5], "tensor(2.5000)"),
        ("row ints", [1, 2], [1, 2], "tensor([[1., 2.]])"),
        ("row fractions", [1, 2], [1, 2.5], "tensor([[1.0000, 2.5000]])"),
        ("negative pad", [2], [0.1, -2.5], "tensor([ 0.1000, -2.5000])"),
        ("int widths", [2], [-1, 10], "tensor([-1., 10.])"),
        ("sci", [2], [1e-5, 1], "tensor([1.0000e-05, 1.0000e+00])"),
        ("zeros", [3], [0, 0, 0], "tensor([0., 0., 0.])"),
        ("matrix", [2, 2], [1.5, 2, 3, 4], "tensor([[1.5000, 2.0000],\n        [3.0000, 4.0000]])"),
        ("cube", [2, 2, 2], [1, 1, 1, 1, 1, 1, 1, 1],
         "tensor([[[1., 1.],\n         [1., 1.]],\n\n        [[1., 1.],\n         [1., 1.]]])"),
        ("nan inf", [3], [.nan, .infinity, 1], "tensor([nan, inf, 1.])"),
        ("empty", [0], [], "tensor([])"),
        ("empty 2d", [2, 0], [], "tensor([], size=(2, 0))"),
    ]

    @Test(arguments: cases)
    func prints(_ c: (id: String, shape: [Int], values: [Float], text: String)) {
        #expect(Tensor(shape: c.shape, scalars: c.values).description == c.text, "case \(c.id)")
    }

    @Test func summarisesLargeTensors() throws {
        let t = try Tensor.arange(1000, 3000)
        #expect(t.description == "tensor([1000., 1001., 1002.,  ..., 2997., 2998., 2999.])")
        // like torch: a max/min ratio above 1000 switches to scientific notation
        #expect(try Tensor.arange(0, 2000).description == "tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])")
        let m = try Tensor.arange(1000, 3000).reshaped([40, 50])
        let lines = m.description.split(separator: "\n")
        #expect(lines.first == "tensor([[1000., 1001., 1002.,  ..., 1047., 1048., 1049.],")
        #expect(lines.contains("        ...,"))
        #expect(lines.last == "        [2950., 2951., 2952.,  ..., 2997., 2998., 2999.]])")
    }

    @Test func wrapsLongRows() throws {
        let t = try Tensor.arange(0, 30)
        #expect(t.description == """
            tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,
                    14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,
                    28., 29.])
            """)
    }

    @Test func numpyStyle() throws {
        #expect(Tensor(shape: [2, 2], scalars: [1, 2, 3, 4.5]).numpyDescription() == "[[1.  2. ]\n [3.  4.5]]")
        #expect(Tensor(shape: [3], scalars: [-1, 0.25, 10]).numpyDescription() == "[-1.    0.25 10.  ]")
        #expect(try Tensor.arange(1000, 3000).numpyDescription() == "[1000. 1001. 1002. ... 2997. 2998. 2999.]")
    }
}
