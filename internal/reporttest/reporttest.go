// Package reporttest renders a probes.Report the way `certwiz check`
// does (the one verdict, then the text or JSON renderer), for the tests
// of the packages that need to look at what a person or a script reads.
// It is test support, not product.
package reporttest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/certwiz/certwiz/content"
	"github.com/certwiz/certwiz/diagnosis"
	"github.com/certwiz/certwiz/findings"
	"github.com/certwiz/certwiz/probes"
	"github.com/certwiz/certwiz/report"
	"github.com/certwiz/certwiz/verdict"
)

// Text renders rep as the doctor-style text in lang.
func Text(t testing.TB, rep *probes.Report, lang content.Lang) string {
	t.Helper()
	var b bytes.Buffer
	if err := report.WriteText(&b, rep, diagnosis.Decide(rep, verdict.Answers{}), lang, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// JSONDoc renders rep as the JSON document and parses it generically.
func JSONDoc(t testing.TB, rep *probes.Report) (map[string]any, []byte) {
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

// IDs lists the IDs of fs with their code, severity and clock mark, for
// failure messages.
func IDs(fs []findings.Finding) []string {
	out := make([]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%s(%d,%s,clock=%v)", f.ID, f.Code, f.Severity, f.ClockCaused))
	}
	return out
}
