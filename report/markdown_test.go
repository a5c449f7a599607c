package report_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
)

// uiWords are instructions for the wizard's screen, which have no place
// in a ticket.
var uiWords = regexp.MustCompile(`(?i)\bpress\b|summary screen|\bthe [a-z]+ key\b|押して|キーを|画面`)

// TestMarkdownIsACleanTicket: the Markdown report has one H1, no screen
// instructions, and in Japanese no English sentence or Go-formatted value
// (durations, ISO timestamps, "ntp"), in every scenario.
func TestMarkdownIsACleanTicket(t *testing.T) {
	t.Parallel()
	for name, build := range goldenScenarios {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			rep := build(t)
			for _, lang := range content.Langs() {
				md := report.Markdown(rep, diagnosis.Decide(rep, verdict.Answers{}), lang, "test")
				h1 := 0
				for _, l := range strings.Split(md, "\n") {
					if strings.HasPrefix(l, "# ") {
						h1++
					}
				}
				if h1 != 1 {
					t.Errorf("%s: %d H1 headings, want 1:\n%s", lang, h1, md)
				}
				if m := uiWords.FindString(md); m != "" {
					t.Errorf("%s: a screen instruction %q in the ticket:\n%s", lang, m, md)
				}
				if lang == content.JA {
					for _, p := range content.JapaneseProblems(md) {
						t.Errorf("ja: %s", p)
					}
					if t.Failed() {
						t.Logf("report:\n%s", md)
					}
				}
			}
		})
	}
}
