import Dashboard
import Testing

@Suite("Word wrapping of detail paragraphs")
struct TextWrapTests {
    @Test("Paragraphs wrap by words, a word longer than the width breaks hard, and line breaks are kept")
    func wrapsByWords() {
        #expect(TextWrap.lines("the quick brown fox", width: 9) == ["the quick", "brown fox"])
        #expect(TextWrap.lines("abcdefghij klm", width: 4) == ["abcd", "efgh", "ij", "klm"])
        #expect(TextWrap.lines("one\n\ntwo", width: 10) == ["one", "", "two"])
        #expect(TextWrap.lines("", width: 0) == [""])
    }

    @Test("A word of megabytes (a stored error text) is cut in one pass into whole lines")
    func hugeWordWrapsInOnePass() {
        let word = String(repeating: "x", count: 2_000_003)
        let lines = TextWrap.lines(word, width: 80)
        #expect(lines.count == 25_001)
        #expect(lines.dropLast().allSatisfy { $0.count == 80 } && lines.last == "xxx")
    }
}
