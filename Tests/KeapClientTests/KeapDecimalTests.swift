import KeapClient
import Testing

@Suite("KeapDecimal")
struct KeapDecimalTests {
    @Test("minor units with the currency's scale", arguments: [
        (Int64(1250), 2, "12.50"),
        (-500, 2, "-5.00"),
        (1250, 0, "1250"),
        (0, 2, "0.00"),
        (5, 2, "0.05"),
        (-5, 2, "-0.05"),
        (5, 3, "0.005"),
        (12345, 3, "12.345"),
        (-1000, 3, "-1.000"),
        (7, 4, "0.0007"),
        (0, 0, "0"),
        (-7, 0, "-7"),
        (9_007_199_254_740_993, 2, "90071992547409.93"),  // beyond Double's exact integers
        (Int64.max, 2, "92233720368547758.07"),
        (Int64.min, 2, "-92233720368547758.08"),
    ] as [(Int64, Int, String)])
    func formatting(minorUnits: Int64, scale: Int, expected: String) {
        #expect(KeapDecimal(minorUnits: minorUnits, scale: scale).text == expected)
    }

    @Test("text is kept as written when it is a plain decimal")
    func validText() {
        #expect(KeapDecimal(text: "12.50")?.text == "12.50")
        #expect(KeapDecimal(text: "-0.05")?.text == "-0.05")
        #expect(KeapDecimal(text: "0")?.text == "0")
        #expect(KeapDecimal(text: "1250")?.text == "1250")
    }

    @Test("text that is not a plain decimal is refused", arguments: ["", "-", "12.", ".5", "012", "1e3", "1.5e2", "+1", " 1", "1,5", "NaN", "--1", "1.2.3"])
    func invalidText(text: String) {
        #expect(KeapDecimal(text: text) == nil)
    }
}
