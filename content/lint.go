package content

import (
	"regexp"
	"strings"
)

// Quoted labels: the words the Zoom client shows, quoted exactly as the
// support article gives them, even where their punctuation is not the
// full-width kind the rest of the Japanese text uses.
var quotedLabels = []string{
	"「セキュリティ警告:信頼されていないサーバー証明書」",
	"Online Certificate Status Protocol(OCSP)エラー",
	"証明書の透過性(CT)が無効です",
	"[それでも信頼する]",
}

var (
	// goValue matches values formatted by Go rather than for people:
	// durations ("2h0m0s", "1.5s", "300ms"), ISO timestamps, bare
	// percentages, clock-source identifiers and status words.
	// isoTime matches an ISO 8601 timestamp.
	isoTime = regexp.MustCompile(`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}`)
	goValue = regexp.MustCompile(`\b\d+h\d+m\d+(\.\d+)?s\b|\b\d+m\d+(\.\d+)?s\b|\b\d+(\.\d+)?(ms|µs|ns|s)\b|\b\d+%|\b(ntp|https-date|build-time)\b|\b(WARNING|CRITICAL|UNKNOWN)\b`)
	// englishRun matches three or more lower-case English words in a row:
	// a sentence or phrase, not a name (names are capitalised) or a value.
	englishRun = regexp.MustCompile(`\b[a-z][a-z']+( [a-z][a-z']*){2,}\b`)
	// tokenWithDots is a host name, URL, path or address: a value.
	tokenWithDots = regexp.MustCompile(`\S*[./:@=]\S*`)
	// codeSpan is a Markdown code span: a value from the network.
	codeSpan = regexp.MustCompile("`[^`]*`")
)

// JapaneseProblems returns the English sentences and Go-formatted values
// in s, which is meant to be Japanese text a person reads (a screen, a
// report). Host names, URLs and paths are values and are ignored; the
// client's quoted labels are allowed. Tests of the content, the wizard and
// the report use it; nil means s is clean.
func JapaneseProblems(s string) []string {
	for _, q := range quotedLabels {
		s = strings.ReplaceAll(s, q, "")
	}
	var out []string
	for _, m := range isoTime.FindAllString(s, -1) {
		out = append(out, "ISO timestamp "+m)
	}
	s = tokenWithDots.ReplaceAllString(s, " ")
	for _, m := range goValue.FindAllString(s, -1) {
		out = append(out, "Go-formatted value "+m)
	}
	for _, m := range englishRun.FindAllString(codeSpan.ReplaceAllString(s, " "), -1) {
		out = append(out, "English text "+m)
	}
	return out
}
