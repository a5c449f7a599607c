package faultlab

import (
	"os/exec"
	"testing"
)

func TestToolFindsInstalledPrograms(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on PATH")
	}
	if got := Tool(t, "sh", "dash"); got != sh {
		t.Fatalf("Tool(sh) = %q, want %q", got, sh)
	}
	if got := Tool(t, sh, "dash"); got != sh {
		t.Fatalf("Tool(%s) = %q", sh, got)
	}
}

func TestMissingFailsUnderCIAndSkipsElsewhere(t *testing.T) {
	for _, ci := range []string{"", "true"} {
		t.Run("CI="+ci, func(t *testing.T) {
			t.Setenv("CI", ci)
			var failed, skipped bool
			done := make(chan struct{})
			go func() {
				defer close(done)
				rec := &recorder{TB: t}
				defer func() { failed, skipped = rec.failed, rec.skipped; _ = recover() }()
				Tool(rec, "certwiz-no-such-program", "none")
			}()
			<-done
			if ci != "" && (!failed || skipped) {
				t.Fatalf("under CI: failed=%v skipped=%v, want a failure", failed, skipped)
			}
			if ci == "" && (failed || !skipped) {
				t.Fatalf("outside CI: failed=%v skipped=%v, want a skip", failed, skipped)
			}
		})
	}
}

// recorder notes Fatal and Skip instead of stopping the real test.
type recorder struct {
	testing.TB
	failed, skipped bool
}

type stop struct{}

func (r *recorder) Helper()               {}
func (r *recorder) Fatalf(string, ...any) { r.failed = true; panic(stop{}) }
func (r *recorder) Skipf(string, ...any)  { r.skipped = true; panic(stop{}) }
