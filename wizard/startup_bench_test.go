package wizard

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/certwiz/certwiz/content"
)

// BenchmarkFirstFrameFromProcessStart measures, per op, the time from
// starting the real certwiz binary on an 80x24 pseudo-terminal to the
// wizard's first frame (its title) arriving on the terminal. Target: under
// 50 ms (README).
func BenchmarkFirstFrameFromProcessStart(b *testing.B) {
	if _, err := exec.LookPath("go"); err != nil {
		b.Skip("go is not on PATH")
	}
	bin := filepath.Join(b.TempDir(), "certwiz")
	// Built as .goreleaser.yaml builds the shipped binary (static, no
	// symbol table): the start-up figure is the one users get.
	build := exec.Command("go", "build", "-trimpath", "-ldflags=-s -w", "-o", bin, "github.com/certwiz/certwiz")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build certwiz: %v\n%s", err, out)
	}
	want := []byte(content.Msg(content.EN, "ui.start.room", nil)) // the first screen's body, not the window title
	var total time.Duration
	b.ResetTimer()
	for b.Loop() {
		cmd := exec.Command(bin, "--lang", "en", "--ntp", "127.0.0.1:1", "--captive-url", "http://127.0.0.1:1/")
		cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=")
		start := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		if err != nil {
			b.Fatalf("start on a pty: %v", err)
		}
		var seen []byte
		buf := make([]byte, 4096)
		// A pty ignores read deadlines: a wizard that never draws the first
		// screen is stopped (its PID, which this benchmark started) instead.
		stop := time.AfterFunc(10*time.Second, func() { _ = cmd.Process.Kill() })
		for !bytes.Contains(seen, want) {
			n, err := f.Read(buf)
			if err != nil {
				b.Fatalf("no first frame after %v: %v (%q)", time.Since(start), err, seen)
			}
			seen = append(seen, buf[:n]...)
		}
		total += time.Since(start)
		stop.Stop()
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = f.Close()
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms-to-first-frame")
}
