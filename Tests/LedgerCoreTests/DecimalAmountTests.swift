import Testing
@testable import LedgerCore

@Suite("Money as exact decimal text")
struct DecimalAmountTests {
    @Test(arguments: [("19.99", 2, Int64(1999)), ("0", 2, 0), ("12.5", 2, 1250), ("1000", 0, 1000), ("1.234", 3, 1234), ("999999999999999.99", 2, 99_999_999_999_999_999)])
    func convertsToMinorUnits(text: String, scale: Int, minor: Int64) throws {
        let amount = try #require(DecimalAmount(text: text))
        #expect(amount.minorUnits(scale: scale) == minor)
    }

    @Test func moreDecimalsThanTheCurrencyHasIsRefused() throws {
        let amount = try #require(DecimalAmount(text: "19.990"))
        #expect(amount.writtenDecimalPlaces == 3)
        #expect(amount.minorUnits(scale: 2) == nil)
    }

    @Test(arguments: ["-1", "01", "1.", ".5", "1e2", " 1", "1,000", "", "1234567890123456", "-0.00", "+1"])
    func rejectsBadSyntax(text: String) {
        #expect(DecimalAmount(text: text) == nil)
    }

    @Test func currencyTableHasRealMinorUnits() {
        #expect(Currency(code: "USD")?.minorUnits == 2)
        #expect(Currency(code: "JPY")?.minorUnits == 0)
        #expect(Currency(code: "KWD")?.minorUnits == 3)
        #expect(Currency(code: "CLF")?.minorUnits == 4)
        #expect(Currency(code: "XAU") == nil)
        #expect(Currency(code: "usd") == nil)
    }
}
