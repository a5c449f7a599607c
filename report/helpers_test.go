package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/verdict"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
)

// text renders rep as the doctor-style text in lang.
func text(t testing.TB, rep *probes.Report, lang content.Lang) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteText(&b, rep, diagnosis.Decide(rep, verdict.Answers{}), lang, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// jsonDoc renders rep as JSON and parses it generically.
func jsonDoc(t testing.TB, rep *probes.Report) (map[string]any, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rep, diagnosis.Decide(rep, verdict.Answers{}), "test"); err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatalf("invalid JSON: %v\n%s", err, b.Bytes())
	}
	return doc, b.Bytes()
}

// ids lists the IDs of fs, for failure messages.
func ids(fs []findings.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s(%d,%s,clock=%v)", f.ID, f.Code, f.Severity, f.ClockCaused))
	}
	return out
}
