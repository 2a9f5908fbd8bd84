import Testing
@testable import Plot

struct TickCase: CustomTestStringConvertible, Sendable {
    let id: String
    let lo: Double, hi: Double, target: Int
    let expected: [Double]
    let labels: [String]
    var testDescription: String { id }
}

@Test(arguments: [
    TickCase(id: "unit", lo: 0, hi: 1, target: 5, expected: [0, 0.2, 0.4, 0.6, 0.8, 1],
             labels: ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
    TickCase(id: "ten", lo: 0, hi: 10, target: 5, expected: [0, 2, 4, 6, 8, 10],
             labels: ["0", "2", "4", "6", "8", "10"]),
    TickCase(id: "padded", lo: -0.35, hi: 7.35, target: 6, expected: [0, 2, 4, 6],
             labels: ["0", "2", "4", "6"]),
    TickCase(id: "negative", lo: -4, hi: 4, target: 4, expected: [-4, -2, 0, 2, 4],
             labels: ["\u{2212}4", "\u{2212}2", "0", "2", "4"]),
    TickCase(id: "fives", lo: 0, hi: 200, target: 4, expected: [0, 50, 100, 150, 200],
             labels: ["0", "50", "100", "150", "200"]),
    TickCase(id: "small", lo: 0.001, hi: 0.0042, target: 4, expected: [0.001, 0.002, 0.003, 0.004],
             labels: ["0.001", "0.002", "0.003", "0.004"]),
    TickCase(id: "large", lo: 0, hi: 3e6, target: 3, expected: [0, 1e6, 2e6, 3e6],
             labels: ["0", "1e6", "2e6", "3e6"]),
    TickCase(id: "tiny", lo: 1e-7, hi: 3e-7, target: 4, expected: [1e-7, 1.5e-7, 2e-7, 2.5e-7, 3e-7],
             labels: ["1.0e\u{2212}7", "1.5e\u{2212}7", "2.0e\u{2212}7", "2.5e\u{2212}7", "3.0e\u{2212}7"]),
])
func linearTicksFollowOneTwoFive(_ c: TickCase) {
    let t = Ticks.linear(c.lo, c.hi, target: c.target)
    #expect(t.count == c.expected.count)
    for (a, b) in zip(t, c.expected) { #expect(abs(a - b) < 1e-12) }
    #expect(Ticks.labels(t) == c.labels)
}

@Test(arguments: [(1.0, 5, 0.2), (10.0, 5, 2.0), (7.0, 5, 2.0), (0.9, 4, 0.5), (1234.0, 5, 500.0), (3.0, 10, 0.5)])
func niceStepTable(span: Double, target: Int, step: Double) {
    #expect(abs(Ticks.niceStep(span: span, target: target) - step) < 1e-12)
}

@Test func logTicksArePowersOfTen() {
    let (major, minor) = Ticks.logarithmic(0.02, 3)
    #expect(major == [0.1, 1])
    #expect(minor.contains(0.05) && minor.contains(2) && !minor.contains(0.01))
    #expect(Ticks.powerLabel(0.001) == "10⁻³")
    #expect(Ticks.powerLabel(100) == "10²")
    // Thinned when the range spans many decades.
    #expect(Ticks.logarithmic(1e-12, 1e6).major.count <= 9)
}

@Test func lineStyleParsing() {
    #expect(LineStyle(parsing: "-") == LineStyle(dash: .solid, markers: false))
    #expect(LineStyle(parsing: "--") == LineStyle(dash: .dashed, markers: false))
    #expect(LineStyle(parsing: "o") == LineStyle(dash: .none, markers: true))
    #expect(LineStyle(parsing: "-o") == LineStyle(dash: .solid, markers: true))
    #expect(LineStyle(parsing: "x") == nil)
}

@Test(arguments: [(0.5, 2, "0.50"), (-1.25, 1, "-1.3"), (3.0, 0, "3"), (-0.0001, 2, "0.00"), (12.3456, 4, "12.3456"),
                  (0.001, 3, "0.001"), (1e6, 1, "1000000.0")])
func fixedDecimals(_ v: Double, _ d: Int, _ text: String) {
    #expect(NumberText.fixed(v, decimals: d) == text)
}

@Test(arguments: [(0.0032456, "0.0032"), (45.6, "46"), (1234.0, "1234"), (-0.5, "-0.50")])
func significantDigits(_ v: Double, _ text: String) {
    #expect(NumberText.significant(v, digits: 2) == text)
}

@Test func logColorbarTicksArePowersOfTen() {
    let cb = Figure.Colorbar(min: -2.3, max: 1.7, colormap: .viridis, logarithmic: true)
    let (values, labels) = cb.ticks(height: 300)
    #expect(values == [-2, -1, 0, 1])
    #expect(labels == ["10⁻²", "10⁻¹", "10⁰", "10¹"])
}
