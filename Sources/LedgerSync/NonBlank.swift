/// nil for absent, empty or whitespace-only text (Keap refuses whitespace-only names and notes).
func nonBlank(_ text: String?) -> String? {
    guard let text, text.contains(where: { !$0.isWhitespace }) else { return nil }
    return text
}
