//go:build unix

package cli_test

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/certwiz/certwiz/internal/faultlab/tlslab"
)

// A fleet agent's timeout sends SIGTERM (Ctrl-C sends SIGINT): the real
// process still prints exactly one JSON document, marked interrupted, and
// exits UNKNOWN.
func TestCheckJSONOnSignal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "certwiz")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/certwiz/certwiz").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			e := newEnv(t)
			e.serve(t, tlslab.Blackhole)
			cmd := exec.Command(bin, e.args("--json", "--timeout", "20s")...)
			cmd.Env = []string{"PATH=/usr/bin:/bin", "LANG=C"}
			var stdout bytes.Buffer
			cmd.Stdout = &stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			time.Sleep(300 * time.Millisecond)
			_ = cmd.Process.Signal(sig)
			_ = cmd.Wait()
			if got := cmd.ProcessState.ExitCode(); got != 3 {
				t.Errorf("exit status %d, want 3", got)
			}
			var doc map[string]any
			dec := json.NewDecoder(&stdout)
			if err := dec.Decode(&doc); err != nil {
				t.Fatalf("stdout is not JSON: %v\n%s", err, stdout.String())
			}
			if dec.More() {
				t.Errorf("more than one document on stdout")
			}
			if doc["interrupted"] != true {
				t.Errorf("interrupted = %v", doc["interrupted"])
			}
		})
	}
}
