package report_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/certwiz/certwiz/internal/faultlab"
	"github.com/certwiz/certwiz/report"
)

// hostileDoc is a document whose network-sourced strings carry newlines,
// quotes, backslashes, pipes, escapes and bidi overrides, with a
// duplicated target.
func hostileDoc() report.Document {
	product := "Evil\"Box\\ \n# TYPE x counter\x1b]52;c;AAAA\x07 | 'q' \u202eRLO" + strings.Repeat("x", 400)
	kind := "fire\nwall"
	errText := "refused | CERTWIZ OK - all good\nsecond line\x1b[2J"
	off := 12.5
	yes := true
	t1 := report.Target{
		Host: "zoom.test", Port: 443, Code: 6, Codes: []int{6},
		Interceptor: &product, InterceptorKind: &kind,
		Chain: []report.ChainCert{{Subject: "CN=x", NotAfter: "2030-01-01T00:00:00Z"}},
		Findings: []report.Finding{{ID: "cert.untrusted", Code: 6, Severity: "critical",
			Summary: "issued by " + product}},
	}
	t2 := report.Target{Host: "o'brien=x.test", Port: 8443, Error: &errText}
	return report.Document{
		Schema: report.Schema, Code: 6, Status: "CRITICAL", ExitStatus: 2, Cause: "interception-office",
		GeneratedAt: "2026-11-25T10:00:00Z", DurationMS: 1234, Version: "v1.2.3\"\n",
		Targets: []report.Target{t1, t2, t1},
		Clock:   report.Clock{OffsetSeconds: &off, Verdict: "ok", Source: "ntp"},
		Network: report.Network{CaptivePortal: &yes},
	}
}

// TestPrometheusHostile: hostile strings end up as valid, bounded label
// values; promtool accepts the result; a duplicated target is one series.
func TestPrometheusHostile(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.WritePrometheus(&b, hostileDoc()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	promtool := faultlab.Tool(t, "promtool", "prometheus")
	cmd := exec.Command(promtool, "check", "metrics")
	cmd.Stdin = strings.NewReader(out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Errorf("promtool check metrics: %v\n%s\n%s", err, msg, out)
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e") {
		t.Errorf("control or bidi character in the exposition:\n%q", out)
	}
	if n := strings.Count(out, "\n# TYPE x counter"); n != 0 {
		t.Errorf("a label value started a line of its own:\n%s", out)
	}
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "certwiz_interception{") {
			if utf8.RuneCountInString(l) > 400 {
				t.Errorf("interception sample is %d runes long: label values are not bounded", utf8.RuneCountInString(l))
			}
			if !strings.Contains(l, `kind="fire\\x0awall"`) {
				t.Errorf("kind label not sanitized and escaped: %s", l)
			}
		}
	}
	if n := strings.Count(out, `certwiz_target_tested{host="zoom.test",port="443"}`); n != 1 {
		t.Errorf("the duplicated target has %d series, want 1", n)
	}
	if !strings.Contains(out, "certwiz_target_tested{host=\"o'brien=x.test\",port=\"8443\"} 0") {
		t.Errorf("the untested target is missing:\n%s", out)
	}
	if !strings.Contains(out, "certwiz_captive_portal 1\n") || !strings.Contains(out, "certwiz_clock_offset_seconds 12.5\n") {
		t.Errorf("run samples missing:\n%s", out)
	}
}

// TestNagiosHostile: network strings cannot add a line to the first line,
// start performance data, or carry escapes; quotes in labels are doubled
// and "=" replaced.
func TestNagiosHostile(t *testing.T) {
	t.Parallel()
	var b bytes.Buffer
	if err := report.WriteNagios(&b, hostileDoc()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	first := lines[0]
	if !strings.HasPrefix(first, "CERTWIZ CRITICAL - ") || strings.Count(first, "|") != 1 {
		t.Errorf("first line: %q", first)
	}
	if len(first) > 1024 {
		t.Errorf("first line is %d bytes", len(first))
	}
	if strings.ContainsAny(out, "\x1b\x07\u202e\r") {
		t.Errorf("control or bidi character in the output:\n%q", out)
	}
	if !strings.Contains(out, "'o''brien_x.test:8443 code'=U;") {
		t.Errorf("label with a quote and = not escaped:\n%s", out)
	}
	// The details: one line per target, none may carry "|" except the
	// perfdata continuation on the last detail line.
	pipes := 0
	for _, l := range lines[1:] {
		pipes += strings.Count(l, "|")
		if utf8.RuneCountInString(l) > 400 {
			t.Errorf("detail line of %d runes", utf8.RuneCountInString(l))
		}
	}
	if pipes > 1 {
		t.Errorf("%d pipes in the details: network text started performance data\n%s", pipes, out)
	}
	if !strings.Contains(out, "o'brien=x.test:8443: not tested: refused / CERTWIZ OK - all good\\x0asecond line") {
		t.Errorf("the untested target's error is not sanitized onto one line:\n%s", out)
	}
}
